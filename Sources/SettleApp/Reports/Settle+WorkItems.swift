import SettleCore
import SettleStore

/// One thing for a person to do today, with what is at stake and why it comes where it does.
public struct WorkItem: Sendable {
    public enum Kind: Sendable {
        /// A task of the cycle or of an inbound message: a call, a reply, a bounce, a failed delivery,
        /// charges left after the principal was paid, credit to apply.
        case task(StoredTask)
        /// An escalation waiting for approval, with what is at stake.
        case approval(ApprovalRequest)
        /// A promise broken lately and not followed by another.
        case brokenPromise(BrokenPromise)
        /// A dispute still open: chasing that invoice waits for it.
        case dispute(OpenDispute)
    }

    public var kind: Kind
    public var client: String
    public var invoice: String?
    public var priority: WorkPriority
    public var riskScore: RiskScore?
}

extension Settle {
    /// Promises broken within this many days stay on the worklist until followed up.
    public static let brokenPromiseDays = 14

    /// Today's work in priority order (`WorkPriority`, largest first; ties by client and invoice):
    /// open tasks due by today, approvals waiting, promises broken in the last 14 days with no new
    /// promise since, and open disputes. At most `limit` of each kind are read.
    public func workItems(limit: Int = 200) async throws -> [WorkItem] {
        let org = try await organisation()
        let today = today(for: org)
        let queries = WorkItemQuery(database.sql, orgID: org.id)
        var items: [(WorkItem.Kind, client: String, invoice: String?)] = []
        for task in try await tasks(dueBy: today, limit: limit) {
            items.append((.task(task), task.client, task.invoice))
        }
        for approval in try await approvals().prefix(limit) {
            items.append((.approval(approval), approval.approval.client, approval.approval.invoice))
        }
        for promise in try await queries.brokenPromises(since: today.adding(days: -Self.brokenPromiseDays), limit: limit) {
            items.append((.brokenPromise(promise), promise.client, promise.invoice))
        }
        for dispute in try await queries.openDisputes(limit: limit) {
            items.append((.dispute(dispute), dispute.client, dispute.invoice))
        }

        let clients = try await ClientStore(database.sql, orgID: org.id).lookup(Set(items.map(\.client)))
        let behaviour = try await behaviour(ofClients: clients.values.map(\.id), orgID: org.id, asOf: today)
        let invoices = InvoiceStore(database.sql, orgID: org.id)
        var standing: [String: StoredInvoice] = [:]
        for number in Set(items.compactMap(\.invoice)) {
            standing[number] = try await invoices.find(number)
        }
        let work = items.map { kind, client, number -> WorkItem in
            let risk = behaviour[client]?.risk
            let priority: WorkPriority
            if let number, let invoice = standing[number] {
                priority = WorkPriority(amount: invoice.summary.balance.total,
                                        daysOverdue: today.daysSinceEpoch - invoice.invoice.dueDate.daysSinceEpoch, risk: risk?.score)
            } else {
                // A task about the client as a whole: what it owes overdue, in its largest currency.
                let exposure = behaviour[client]?.exposure.max { $0.overdue.minorUnits < $1.overdue.minorUnits }
                priority = WorkPriority(amount: exposure?.overdue ?? Money.zero(org.organisation.currency), daysOverdue: 1,
                                        risk: risk?.score)
            }
            return WorkItem(kind: kind, client: client, invoice: number, priority: priority, riskScore: risk)
        }
        return work.sorted {
            ($0.priority.value, $1.client, $1.invoice ?? "") > ($1.priority.value, $0.client, $0.invoice ?? "")
        }
    }
}
