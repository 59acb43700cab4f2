import Foundation
import SettleCore
import SettleStore
import SQLKit

/// One invoice as the daily cycle sees it: its ids and the engine's situation.
struct ChaseItem: Sendable {
    var invoiceID: Int64
    var clientID: Int64
    var situation: ChaseSituation
    var promiseID: Int64?
}

/// Loads everything the engine needs for the outstanding invoices of an organisation, in a
/// fixed number of queries (not one per invoice), as of a day.
struct CollectionBook {
    var items: [ChaseItem]
    var policies: PolicyBook
    /// Active payment plans, with what their cycle needs.
    var plans: [StoredPlan] = []
    var hardship: [Int64: Day] = [:]

    static func load(sql: any SQLDatabase, organisation: StoredOrganisation, policies: PolicyBook, on today: Day,
                     only invoiceNumber: String? = nil) async throws -> CollectionBook {
        let orgID = organisation.id
        let invoiceStore = InvoiceStore(sql, orgID: orgID)
        var invoices: [StoredInvoice]
        if let invoiceNumber {
            invoices = [try await invoiceStore.require(invoiceNumber, asOf: today)]
        } else {
            invoices = try await invoiceStore.list(InvoiceFilter(), asOf: today)
        }
        invoices = invoices.filter { $0.status.isOutstanding && $0.invoice.issueDate <= today }
        // One invoice (explain) reads its own client, not the book's.
        let clientStore = ClientStore(sql, orgID: orgID)
        var clients: [Int64: Client] = [:]
        if invoiceNumber != nil {
            for id in Set(invoices.map(\.clientID)) { clients[id] = try await clientStore.find(id: id)?.client }
        } else {
            clients = Dictionary(uniqueKeysWithValues: try await clientStore.all().map { ($0.id, $0.client) })
        }
        let recorded = try await ActionStore(sql, orgID: orgID).keys(invoiceIDs: invoiceNumber == nil ? nil : invoices.map(\.id))
        let promises = try await PromiseStore(sql, orgID: orgID).open()
        let disputes = try await DisputeStore(sql, orgID: orgID).openInvoiceIDs()
        let holds = ClientHoldStore(sql, orgID: orgID)
        let pauses = try await holds.latest(.pause, asOf: today)
        let hardship = try await holds.latest(.hardship, asOf: today)
        let credit = try await PaymentStore(sql, orgID: orgID).unappliedCredit(
            clientID: invoiceNumber == nil ? nil : (invoices.first?.clientID ?? -1))
        let escalated = try await EscalationStore(sql, orgID: orgID).escalatedInvoiceIDs()
        let allPlans = try await PlanStore(sql, orgID: orgID).list(activeOnly: false)
        let plans = allPlans.filter { $0.plan.status == .active && $0.createdOn <= today }
        // A plan that defaulted today still holds its invoices today, so a rerun of the day adds
        // nothing; chasing resumes tomorrow.
        let planned = Set((plans + allPlans.filter { $0.plan.status == .defaulted && $0.closedOn == today }).flatMap(\.invoiceIDs))
        let ledger = LedgerStore(sql, orgID: orgID)
        var items: [ChaseItem] = []
        for stored in invoices {
            guard let client = clients[stored.clientID] else { throw StoreError.corrupt("invoice \(stored.invoice.number) has no client") }
            let currency = stored.invoice.currency
            var promise: PromiseState?
            if let open = promises[stored.id] {
                let entries = try await ledger.entries(ofInvoice: stored.id, currency: currency)
                let received = entries.filter { ($0.kind == .allocation || $0.kind == .reversal) && $0.date >= open.madeOn && $0.date <= today }
                    .reduce(Int64(0)) { $0 - $1.amount.minorUnits }
                promise = PromiseState(id: open.id, madeOn: open.madeOn, promisedDate: open.promisedDate,
                                       amount: open.amountMinor.map { Money(minorUnits: $0, currency: currency) },
                                       receivedSince: Money(minorUnits: received, currency: currency))
            }
            let available = credit[stored.clientID]?[currency] ?? 0
            let situation = ChaseSituation(
                invoice: stored.invoice, client: client, policy: policies.policy(invoiceID: stored.id, clientID: stored.clientID),
                summary: stored.summary, coveredByCredit: available > 0 && available >= stored.summary.balance.total.minorUnits,
                recorded: recorded[stored.id] ?? [], promise: promise, openDispute: disputes.contains(stored.id),
                clientPausedUntil: pauses[stored.clientID], hardshipUntil: hardship[stored.clientID],
                inPlan: planned.contains(stored.id), escalated: escalated.contains(stored.id))
            items.append(ChaseItem(invoiceID: stored.id, clientID: stored.clientID, situation: situation, promiseID: promise?.id))
        }
        return CollectionBook(items: items, policies: policies, plans: plans, hardship: hardship)
    }
}
