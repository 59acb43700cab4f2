import SettleCore
import SettleStore
import SQLKit

extension Settle {
    /// Agrees a payment plan for some of a client's open invoices, within the policy's plan limits.
    /// With `waiveFees`, fees and compensation already posted on them are written off.
    @discardableResult
    public func createPlan(client code: String, invoices numbers: [String], instalments count: Int,
                           every frequency: InstalmentFrequency, start: Day, down: String?, waiveFees: Bool) async throws -> StoredPlan {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        guard !numbers.isEmpty else { throw InputError("name the invoices the plan covers (--invoices N1,N2)") }
        guard start >= today else { throw InputError("the plan cannot start in the past (\(start); today is \(today))") }
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        let store = InvoiceStore(database.sql, orgID: org.id)
        var invoices: [StoredInvoice] = []
        for number in numbers {
            let invoice = try await store.require(number)
            guard invoice.clientID == client.id else { throw InputError("invoice \(number) belongs to client \(invoice.invoice.client), not \(code)") }
            guard invoice.status.isOutstanding else { throw InputError("invoice \(number) is \(invoice.status.rawValue)") }
            invoices.append(invoice)
        }
        guard let currency = invoices.first?.invoice.currency, invoices.allSatisfy({ $0.invoice.currency == currency }) else {
            throw InputError("a plan's invoices must share one currency")
        }
        let active = try await PlanStore(database.sql, orgID: org.id).list(activeOnly: true)
        if let taken = invoices.first(where: { invoice in active.contains { $0.invoiceIDs.contains(invoice.id) } }) {
            throw InputError("invoice \(taken.invoice.number) is already in an active plan")
        }
        let waived = waiveFees ? invoices.reduce(Int64(0)) { $0 + $1.summary.balance.costs.minorUnits } : 0
        let total = Money(minorUnits: invoices.reduce(Int64(0)) { $0 + $1.summary.balance.total.minorUnits } - waived, currency: currency)
        let policy = try await policyBook().policy(invoiceID: invoices[0].id, clientID: client.id)
        let downPayment = try down.map { try Money(parsing: $0, currency: currency) }
        let schedule = try PaymentPlan.schedule(total: total, count: count, every: frequency, start: start, down: downPayment)
        try PaymentPlan.check(schedule, total: total, start: start, limits: policy.plans)
        let id = try await database.transaction { [invoices] sql in
            if waiveFees {
                try await LedgerStore(sql, orgID: org.id).post(invoices.filter { $0.summary.balance.costs.isPositive }.map { invoice in
                    (invoice.id, LedgerEntry(kind: .writeOff, component: .costs, amount: -invoice.summary.balance.costs, date: today,
                                             note: "fees waived under a payment plan"))
                }, now: now)
            }
            return try await PlanStore(sql, orgID: org.id).create(
                clientID: client.id, invoiceIDs: invoices.map(\.id), instalments: schedule, frequency: frequency,
                waiveFees: waiveFees, on: today, now: now)
        }
        guard let plan = try await plans(activeOnly: true).first(where: { $0.plan.id == id }) else {
            throw StoreError.corrupt("plan \(id) was not stored")
        }
        return plan
    }

    public func plans(activeOnly: Bool) async throws -> [StoredPlan] {
        let org = try await organisation()
        return try await PlanStore(database.sql, orgID: org.id).list(activeOnly: activeOnly)
    }

    /// Cancels an active plan; chasing of its invoices resumes under the policy.
    public func cancelPlan(_ id: Int64) async throws {
        let org = try await organisation()
        guard try await PlanStore(database.sql, orgID: org.id).close(id, status: .cancelled, on: today(for: org)) else {
            throw InputError("no active plan \(id) (see `settle plan list`)")
        }
    }
}

/// The cycle's view of the active plans: their decisions and status changes for a day.
struct PlanCycle {
    static func decide(sql: any SQLDatabase, organisation: StoredOrganisation, policies: PolicyBook,
                       plans: [StoredPlan], recorded: [Int64: RecordedActions], hardship: [Int64: Day],
                       on today: Day) async throws -> [(plan: StoredPlan, carrierID: Int64, decision: Decision, outcome: PlanEngine.Outcome)] {
        let ledger = LedgerStore(sql, orgID: organisation.id)
        var result: [(StoredPlan, Int64, Decision, PlanEngine.Outcome)] = []
        for stored in plans {
            guard let carrierID = stored.invoiceIDs.first, let carrier = stored.plan.invoices.first,
                  let currency = stored.plan.instalments.first?.amount.currency else { continue }
            var paid: Int64 = 0
            var remaining: Int64 = 0
            for invoiceID in stored.invoiceIDs {
                let entries = try await ledger.entries(ofInvoice: invoiceID, currency: currency)
                paid -= entries.filter { ($0.kind == .allocation || $0.kind == .reversal) && $0.date >= stored.createdOn && $0.date <= today }
                    .reduce(0) { $0 + $1.amount.minorUnits }
                remaining += entries.filter { $0.date <= today }.reduce(0) { $0 + $1.amount.minorUnits }
            }
            let policy = policies.policy(invoiceID: carrierID, clientID: stored.clientID)
            let inHardship = hardship[stored.clientID].map { today <= $0 } ?? false
            let (decision, outcome) = PlanEngine.decide(
                stored.plan, paid: Money(minorUnits: paid, currency: currency), remaining: Money(minorUnits: remaining, currency: currency),
                carrier: carrier, graceDays: policy.plans.graceDays, hardship: inHardship, recorded: recorded[carrierID] ?? [], on: today)
            result.append((stored, carrierID, decision, outcome))
        }
        return result
    }
}
