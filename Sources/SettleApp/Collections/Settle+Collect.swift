import SettleCore
import SettleStore
import SQLKit

/// What one day's cycle decided (and, unless a dry run, recorded).
public struct CollectResult: Sendable {
    public var asOf: Day
    /// Every action planned today, with the message it belongs to (if any).
    public var actions: [PlannedAction]
    public var messages: [OutgoingMessage]
    public var tasks: [PlannedTask]
    /// Fees, interest and compensation posted to the ledger today, per invoice.
    public var fees: [(invoice: InvoiceNumber, amount: Money)]
    public var dryRun: Bool
}

extension Settle {
    /// Runs the day's collections cycle for the organisation: decides for every outstanding
    /// invoice, consolidates messages, and records actions, tasks, fees and promise outcomes
    /// in one transaction. Running the same day again records nothing new.
    public func collect(dryRun: Bool) async throws -> CollectResult {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        let policies = try await policyBook()
        let interest = InterestPosting(calculator: InterestCalculator(rates: try await effectiveRates()))
        let run: @Sendable (any SQLDatabase) async throws -> CollectResult = { sql in
            let book = try await CollectionBook.load(sql: sql, organisation: org, policies: policies, on: today)
            return try await Self.cycle(book, sql: sql, organisation: org, today: today, now: now, dryRun: dryRun, interest: interest)
        }
        return dryRun ? try await run(database.sql) : try await database.transaction(run)
    }

    static func cycle(_ book: CollectionBook, sql: any SQLDatabase, organisation: StoredOrganisation, today: Day,
                      now: String, dryRun: Bool, interest: InterestPosting) async throws -> CollectResult {
        var decided: [(item: ChaseItem, decision: Decision)] = []  // reasons get money details below
        for item in book.items { decided.append((item, CollectionsEngine.decide(item.situation, on: today))) }
        // A plan's actions are recorded on its first invoice, which is in the book while the plan runs.
        let plans = try await PlanCycle.decide(
            sql: sql, organisation: organisation, policies: book.policies, plans: book.plans,
            recorded: Dictionary(book.items.map { ($0.invoiceID, $0.situation.recorded) }, uniquingKeysWith: { a, _ in a }),
            hardship: book.hardship, on: today)
        for plan in plans {
            guard let index = decided.firstIndex(where: { $0.item.invoiceID == plan.carrierID }) else { continue }
            decided[index].decision.actions += plan.decision.actions
            decided[index].decision.tasks += plan.decision.tasks
        }
        let actions = decided.flatMap(\.decision.actions)
        let consolidating = Set(decided.filter { $0.item.situation.policy.consolidate }.map(\.item.situation.invoice.number))
        let messages = Consolidation.messages(from: actions, on: today) { consolidating.contains($0.invoice) }
        var result = CollectResult(asOf: today, actions: actions, messages: messages, tasks: decided.flatMap(\.decision.tasks),
                                   fees: [], dryRun: dryRun)
        let messageOf = Dictionary(messages.flatMap { message in message.actionKeys.map { ($0, message.key) } },
                                   uniquingKeysWith: { first, _ in first })
        var fees: [(invoiceID: Int64, entry: LedgerEntry, invoice: InvoiceNumber, key: String)] = []
        for index in decided.indices {
            let item = decided[index].item
            for (position, action) in decided[index].decision.actions.enumerated() where action.status == .due {
                var entries: [LedgerEntry] = []
                if action.kind == .lateFee {
                    guard let rule = item.situation.policy.lateFee else {
                        decided[index].decision.actions[position].reason += "; the policy has no late-fee rule"
                        continue
                    }
                    let fee = try rule.fee(on: item.situation.summary.balance.principal)
                    if fee.isPositive {
                        entries.append(LedgerEntry(kind: .fee, component: .costs, amount: fee, date: today,
                                                   note: "late fee, stage \(action.stage)"))
                    }
                } else if action.kind == .interest {
                    let posting = interest.entries(for: item.situation, on: today)
                    entries = posting.entries
                    decided[index].decision.actions[position].reason += "; " + posting.note
                }
                fees += entries.map { (item.invoiceID, $0, action.invoice, action.key) }
            }
        }
        result.actions = decided.flatMap(\.decision.actions)
        guard !dryRun else {
            result.fees = fees.map { ($0.invoice, $0.entry.amount) }
            return result
        }
        let recorded = decided.flatMap { item, decision in
            decision.actions.map { (item.invoiceID, $0, messageOf[$0.key]) }
        }
        let fresh = try await ActionStore(sql, orgID: organisation.id).record(recorded, day: today, now: now)
        // Money moves only with an action recorded now: a rerun of the day posts nothing twice.
        let newFees = fees.filter { fresh.contains($0.key) }
        try await LedgerStore(sql, orgID: organisation.id).post(newFees.map { ($0.invoiceID, $0.entry) }, now: now)
        result.fees = newFees.map { ($0.invoice, $0.entry.amount) }
        let ids = Dictionary(book.items.map { ($0.situation.invoice.number, ($0.clientID, $0.invoiceID)) }, uniquingKeysWith: { a, _ in a })
        try await TaskStore(sql, orgID: organisation.id).add(result.tasks.compactMap { task in
            ids[task.invoice].map { (task, $0.0, $0.1) }
        }, day: today, now: now)
        let escalation = EscalationStore(sql, orgID: organisation.id)
        let approvals = decided.flatMap { item, decision in
            decision.actions.filter { $0.status == .awaitingApproval && fresh.contains($0.key) }.map { (item.invoiceID, $0) }
        }
        try await escalation.request(approvals, on: today, now: now)
        // A stage that escalates without approval hands the invoice over at once.
        for (item, decision) in decided {
            for action in decision.actions where action.kind == .escalate && action.status == .due && fresh.contains(action.key) {
                _ = try await escalation.openCase(clientID: item.clientID, kind: .agency, invoiceIDs: [item.invoiceID], on: today,
                                                  note: "stage \(action.stage): escalated by policy", now: now)
            }
        }
        let planStore = PlanStore(sql, orgID: organisation.id)
        for plan in plans {
            switch plan.outcome {
            case .completed: _ = try await planStore.close(plan.plan.plan.id, status: .completed, on: today)
            case .defaulted: _ = try await planStore.close(plan.plan.plan.id, status: .defaulted, on: today)
            case .unchanged: break
            }
        }
        let promises = PromiseStore(sql, orgID: organisation.id)
        for (item, decision) in decided {
            if let outcome = decision.promiseOutcome, let id = item.promiseID { try await promises.close(id, status: outcome, on: today) }
        }
        return result
    }
}
