import SettleApp
import SettleCore
import SettleStore

extension APIHandlers {
    func listInvoices(_ input: Operations.ListInvoices.Input) async throws -> Operations.ListInvoices.Output {
        let (settle, caller) = try settle(.read)
        let query = input.query
        var check = FieldCheck()
        let limit = check.value("limit") { try pageLimit(query.limit) }
        let dueFrom = query.dueFrom.flatMap { text in check.value("due_from") { try Day(parsing: text) } }
        let dueTo = query.dueTo.flatMap { text in check.value("due_to") { try Day(parsing: text) } }
        let after = check.value("cursor") { try Cursor.decode(query.cursor, parts: 2) } ?? nil
        var position: InvoicePosition?
        if let after { position = check.value("cursor") { InvoicePosition(dueDate: try Day(parsing: after[0]), number: after[1]) } }
        try check.done()
        var filter = InvoiceFilter(status: query.status.flatMap { PaymentStatus(rawValue: $0.rawValue) }, dueFrom: dueFrom, dueTo: dueTo,
                                   after: position, limit: (limit ?? 100) + 1, changedSince: query.updatedSince.map(Settle.instantText))
        if let code = query.client {
            guard let client = try await ClientStore(settle.database.sql, orgID: caller.orgID).find(code) else {
                throw APIError.notFound("client \(code)")
            }
            filter.clientID = client.id
        }
        let found = try await InvoiceStore(settle.database.sql, orgID: caller.orgID).list(filter)
        let items = found.prefix(limit ?? 100).map(Self.invoice)
        let next = found.count > (limit ?? 100) ? items.last.map { Cursor.encode([$0.dueDate, $0.number]) } : nil
        return .ok(.init(body: .json(.init(items: Array(items), nextCursor: next))))
    }

    func getInvoice(_ input: Operations.GetInvoice.Input) async throws -> Operations.GetInvoice.Output {
        let (settle, caller) = try settle(.read)
        let store = InvoiceStore(settle.database.sql, orgID: caller.orgID)
        guard let stored = try await store.find(input.path.number) else { throw APIError.notFound("invoice \(input.path.number)") }
        var invoice = Self.invoice(stored)
        invoice.lines = try await store.lines(of: stored).map {
            .init(description: $0.description, quantity: $0.quantity.description, unitPrice: $0.unitPrice.decimalString,
                  taxRate: $0.taxRate.description)
        }
        return .ok(.init(body: .json(invoice)))
    }

    func writeOffInvoice(_ input: Operations.WriteOffInvoice.Input) async throws -> Operations.WriteOffInvoice.Output {
        let settle = try await invoiceOwner(input.path.number, needs: .manage)
        guard case .json(let body) = input.body, let reason = WriteOffReason(rawValue: body.reason.rawValue) else {
            throw APIError.invalid([FieldProblem(field: "reason", message: "must be bad_debt, goodwill or small_balance")])
        }
        _ = try await settle.writeOff(invoice: input.path.number, reason: reason)
        return .ok(.init(body: .json(Self.invoice(try await settle.invoiceDetail(input.path.number).stored))))
    }

    func addCreditNote(_ input: Operations.AddCreditNote.Input) async throws -> Operations.AddCreditNote.Output {
        let settle = try await invoiceOwner(input.path.number, needs: .manage)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        let stored = try await settle.invoiceDetail(input.path.number).stored
        var check = FieldCheck()
        if let amount = check.value("amount", { try Money(parsing: body.amount, currency: stored.invoice.currency) }), !amount.isPositive {
            check.fail("amount", "must be more than zero")
        }
        if body.reason.trimmingCharacters(in: .whitespaces).isEmpty { check.fail("reason", "is empty") }
        try check.done()
        _ = try await settle.addCreditNote(invoice: input.path.number, amount: body.amount, reason: body.reason)
        return .created(.init(body: .json(Self.invoice(try await settle.invoiceDetail(input.path.number).stored))))
    }

    func explainInvoice(_ input: Operations.ExplainInvoice.Input) async throws -> Operations.ExplainInvoice.Output {
        let settle = try await invoiceOwner(input.path.number, needs: .read)
        let explanation = try await settle.explain(input.path.number)
        return .ok(.init(body: .json(.init(
            invoice: explanation.invoice.value, policy: explanation.policy, asOf: explanation.asOf.description,
            status: .init(rawValue: explanation.status.rawValue) ?? .open, balance: explanation.balance.decimalString,
            currency: explanation.balance.currency.code, holds: explanation.holds,
            stages: explanation.lines.map {
                .init(stage: $0.stage, day: $0.day.description, actions: $0.actions, state: $0.state, detail: $0.detail)
            }))))
    }

    static func invoice(_ stored: StoredInvoice) -> Components.Schemas.Invoice {
        let invoice = stored.invoice
        return .init(number: invoice.number.value, client: invoice.client, issueDate: invoice.issueDate.description,
                     dueDate: invoice.dueDate.description, currency: invoice.currency.code, amount: invoice.total.decimalString,
                     balance: stored.summary.balance.total.decimalString,
                     status: Components.Schemas.InvoiceStatus(rawValue: stored.status.rawValue) ?? .open,
                     description: invoice.description.isEmpty ? nil : invoice.description)
    }
}
