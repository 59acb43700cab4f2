import SettleCore
import SettleStore

/// An approval with what is at stake, for the person deciding.
public struct ApprovalRequest: Sendable {
    public var approval: StoredApproval
    public var balance: Money
    public var daysOverdue: Int
    /// How the client has paid, as of today.
    public var behaviour: ClientBehaviour
    /// The client's risk score with its factors.
    public var risk: RiskScore
    public var openDisputes: Int
}

extension Settle {
    /// Approvals waiting for a person (or all), each with what is at stake.
    public func approvals(includeDecided: Bool = false) async throws -> [ApprovalRequest] {
        let org = try await organisation()
        let today = today(for: org)
        let approvals = try await EscalationStore(database.sql, orgID: org.id).approvals(status: includeDecided ? nil : "open")
        let invoices = InvoiceStore(database.sql, orgID: org.id)
        let disputes = try await DisputeStore(database.sql, orgID: org.id).openInvoiceIDs()
        // Every client's behaviour in one query, however many of its invoices wait for approval.
        let behaviour = try await behaviour(ofClients: approvals.map(\.clientID), orgID: org.id, asOf: today)
        var clientInvoices: [Int64: [StoredInvoice]] = [:]
        var requests: [ApprovalRequest] = []
        for approval in approvals {
            if clientInvoices[approval.clientID] == nil {
                clientInvoices[approval.clientID] = try await invoices.list(InvoiceFilter(clientID: approval.clientID), asOf: today)
            }
            guard let invoices = clientInvoices[approval.clientID], let stored = invoices.first(where: { $0.id == approval.invoiceID }),
                  let client = behaviour[approval.client] else {
                continue
            }
            requests.append(ApprovalRequest(
                approval: approval, balance: stored.summary.balance.total,
                daysOverdue: max(0, stored.invoice.daysPastDue(asOf: today)), behaviour: client, risk: client.risk,
                openDisputes: invoices.filter { disputes.contains($0.id) }.count))
        }
        return requests
    }

    /// Approves an escalation: a case of the given kind opens and the invoice is escalated
    /// (Settle's own chasing of it stops; payments keep flowing into the ledger).
    @discardableResult
    public func approve(_ id: Int64, kind: CaseKind, note: String) async throws -> Int64 {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        return try await database.transaction { sql in
            let store = EscalationStore(sql, orgID: org.id)
            guard let approval = try await store.approvals(status: "open").first(where: { $0.id == id }) else {
                throw InputError("no open approval \(id) (see `settle approvals list`)")
            }
            _ = try await store.decide(id, approved: true, note: note, on: today)
            let caseID = try await store.openCase(clientID: approval.clientID, kind: kind, invoiceIDs: [approval.invoiceID], on: today,
                                                  note: note, now: now)
            try await EventPublisher(sql: sql, organisation: org, now: now)
                .escalationOpened(caseID, client: approval.client, kind: kind, invoices: [approval.invoice], note: note, on: today)
            return caseID
        }
    }

    /// Rejects an escalation: chasing goes on under the policy; the stage is not asked again.
    public func reject(_ id: Int64, note: String) async throws {
        let org = try await organisation()
        guard try await EscalationStore(database.sql, orgID: org.id).decide(id, approved: false, note: note, on: today(for: org)) else {
            throw InputError("no open approval \(id) (see `settle approvals list`)")
        }
    }

    public func cases() async throws -> [StoredCase] {
        let org = try await organisation()
        return try await EscalationStore(database.sql, orgID: org.id).cases()
    }

    public func setCaseStatus(_ id: Int64, _ status: CaseStatus) async throws {
        let org = try await organisation()
        guard try await EscalationStore(database.sql, orgID: org.id).setStatus(id, status) else { throw InputError("no case \(id)") }
    }
}
