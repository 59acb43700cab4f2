import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func getTimeline(_ input: Operations.GetTimeline.Input) async throws -> Operations.GetTimeline.Output {
        let (settle, caller) = try settle(.read)
        guard try await ClientStore(settle.database.sql, orgID: caller.orgID).find(input.path.code) != nil else {
            throw APIError.notFound("client \(input.path.code)")
        }
        let events = try await settle.timeline(client: input.path.code, invoice: input.query.invoice)
        return .ok(.init(body: .json(.init(items: events.map {
            .init(day: $0.day.description, kind: $0.kind, invoice: $0.invoice, summary: $0.summary, detail: $0.detail)
        }))))
    }

    func listReconciliation(_ input: Operations.ListReconciliation.Input) async throws -> Operations.ListReconciliation.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let (limit, after) = check.idPage(limit: input.query.limit, cursor: input.query.cursor)
        try check.done()
        let found = try await settle.reconciliation(status: input.query.status.flatMap { StatementEntryStatus(rawValue: $0.rawValue) },
                                                    after: after, limit: limit + 1)
        let items = found.prefix(limit).map(Self.entry)
        let next = found.count > limit ? items.last.map { Cursor.encode([String($0.id)]) } : nil
        return .ok(.init(body: .json(.init(items: Array(items), nextCursor: next))))
    }

    func matchStatementEntry(_ input: Operations.MatchStatementEntry.Input) async throws -> Operations.MatchStatementEntry.Output {
        let settle = try await entryOwner(input.path.entry, needs: .work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        _ = try await settle.matchStatementEntry(input.path.entry, invoices: body.invoices ?? [])
        SettleMetrics.paymentsMatched(1, how: "person")
        return .ok(.init(body: .json(try await entry(input.path.entry, settle: settle))))
    }

    func ignoreStatementEntry(_ input: Operations.IgnoreStatementEntry.Input) async throws -> Operations.IgnoreStatementEntry.Output {
        let settle = try await entryOwner(input.path.entry, needs: .work)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        _ = try await settle.ignoreStatementEntry(input.path.entry, reason: body.reason)
        return .ok(.init(body: .json(try await entry(input.path.entry, settle: settle))))
    }

    func undoStatementEntry(_ input: Operations.UndoStatementEntry.Input) async throws -> Operations.UndoStatementEntry.Output {
        let settle = try await entryOwner(input.path.entry, needs: .work)
        _ = try await settle.undoStatementEntry(input.path.entry)
        return .ok(.init(body: .json(try await entry(input.path.entry, settle: settle))))
    }

    private func entryOwner(_ id: Int64, needs permission: Permission) async throws -> Settle {
        try await owned("statement entry \(id)", needs: permission) { try await StatementEntryStore(database.sql, orgID: $0).find(id) != nil }
    }

    private func entry(_ id: Int64, settle: Settle) async throws -> Components.Schemas.StatementEntry {
        guard let item = try await settle.reconciliationItem(id) else {
            throw APIError.notFound("statement entry \(id)")
        }
        return Self.entry(item)
    }

    static func entry(_ item: ReconciliationItem) -> Components.Schemas.StatementEntry {
        let stored = item.entry, entry = stored.entry, decision = stored.decision
        return .init(id: stored.id, account: item.account, direction: entry.direction == .credit ? .credit : .debit,
                     reversal: entry.reversal, amount: entry.amount.decimalString, currency: entry.amount.currency.code,
                     bookingDate: entry.bookingDate?.description, valueDate: entry.valueDate?.description,
                     payer: entry.counterpartyName, payerAccount: entry.counterpartyAccount,
                     text: (entry.creditorReferences + entry.remittance).joined(separator: " "),
                     status: .init(rawValue: decision.status.rawValue) ?? .unmatched, client: stored.client, invoices: decision.invoices,
                     confidence: decision.confidence, reason: decision.reason, payment: decision.paymentID,
                     candidates: item.candidates.map { .init(invoices: $0.invoices, confidence: $0.confidence, reason: $0.reason) })
    }
}
