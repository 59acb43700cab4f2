import SettleCore
import SettleStore
import SQLKit

/// One day's cycle over a loaded book: decides invoice by invoice and writes what it decided in
/// chunks (actions, then the ledger entries and approvals that hang on them), so a first run
/// over a large book never holds every decision at once.
struct DailyCycle {
    let sql: any SQLDatabase
    let organisation: StoredOrganisation
    let today: Day
    let now: String
    let dryRun: Bool
    let interest: InterestPosting
    let listSkipped: Bool
    /// Rows written per chunk.
    var chunkSize = 50_000
    /// How many days after its due date an invoice still gets its `invoice.overdue` event, so a
    /// cycle that missed a few days catches up (the event's id keeps it to once per invoice).
    static let overdueCatchUpDays = 7
    let events: EventPublisher

    private var actionRows: [(invoiceID: Int64, action: PlannedAction, messageKey: String?)] = []
    private var entryRows: [(invoiceID: Int64, entry: LedgerEntry)] = []
    private var approvalRows: [(invoiceID: Int64, action: PlannedAction)] = []

    init(sql: any SQLDatabase, organisation: StoredOrganisation, today: Day, now: String, dryRun: Bool,
         interest: InterestPosting, listSkipped: Bool) {
        self.sql = sql
        self.organisation = organisation
        self.today = today
        self.now = now
        self.dryRun = dryRun
        self.interest = interest
        self.listSkipped = listSkipped
        self.events = EventPublisher(sql: sql, organisation: organisation, now: now)
    }

    mutating func run(_ book: CollectionBook) async throws -> CollectResult {
        // A plan's actions are recorded on its first invoice, which is in the book while the plan runs.
        let carriers = Set(book.plans.compactMap(\.invoiceIDs.first))
        let plans = try await PlanCycle.decide(
            sql: sql, organisation: organisation, policies: book.policies, plans: book.plans,
            recorded: Dictionary(book.items.lazy.filter { carriers.contains($0.invoiceID) }.map { ($0.invoiceID, $0.situation.recorded) },
                                 uniquingKeysWith: { first, _ in first }),
            hardship: book.hardship, on: today)
        var planDecisions: [Int64: Decision] = [:]
        for plan in plans {
            planDecisions[plan.carrierID, default: Decision()].actions += plan.decision.actions
            planDecisions[plan.carrierID, default: Decision()].tasks += plan.decision.tasks
        }
        var result = CollectResult(asOf: today, actions: [], skipped: 0, messages: [], tasks: [], fees: [], dryRun: dryRun)
        var consolidating: Set<InvoiceNumber> = []
        var taskRows: [(task: PlannedTask, clientID: Int64, invoiceID: Int64?)] = []
        var handOvers: [(item: ChaseItem, stage: String)] = []
        var promiseOutcomes: [(id: Int64, outcome: PromiseOutcome, item: ChaseItem)] = []
        var overdue: [ChaseItem] = []
        let overdueListened = dryRun ? false : try await events.isListened(.invoiceOverdue)
        for item in book.items {
            if overdueListened, (1...Self.overdueCatchUpDays).contains(today.days(since: item.situation.invoice.dueDate)) {
                overdue.append(item)
            }
            var decision = CollectionsEngine.decide(item.situation, on: today)
            if let plan = planDecisions.removeValue(forKey: item.invoiceID) {
                decision.actions += plan.actions
                decision.tasks += plan.tasks
            }
            var taken: [String] = []
            for var action in decision.actions {
                // The engine plans nothing recorded; this keeps a key from being written twice all the same.
                guard !item.situation.recorded.contains(action.key), !taken.contains(action.key) else { continue }
                taken.append(action.key)
                if action.status == .due, action.kind == .lateFee || action.kind == .interest {
                    let (entries, note) = try post(action, for: item)
                    entryRows += entries.map { (item.invoiceID, $0) }
                    result.fees += entries.map { (action.invoice, $0.amount) }
                    action.reason += "; " + note
                }
                let messageKey = Consolidation.messageKey(of: action, on: today, consolidates: item.situation.policy.consolidate)
                if messageKey != nil, item.situation.policy.consolidate { consolidating.insert(action.invoice) }
                if action.status == .awaitingApproval { approvalRows.append((item.invoiceID, action)) }
                if action.kind == .escalate, action.status == .due { handOvers.append((item, action.stage)) }
                actionRows.append((item.invoiceID, action, messageKey))
                if action.status == .skipped {
                    result.skipped += 1
                    if !listSkipped { continue }
                }
                result.actions.append(action)
            }
            result.tasks += decision.tasks
            taskRows += decision.tasks.map { ($0, item.clientID, item.invoiceID) }
            if let outcome = decision.promiseOutcome, let id = item.promiseID { promiseOutcomes.append((id, outcome, item)) }
            if actionRows.count >= chunkSize { try await flush() }
        }
        try await flush()
        result.messages = Consolidation.messages(from: result.actions, on: today) { consolidating.contains($0.invoice) }
        guard !dryRun else { return result }
        try await TaskStore(sql, orgID: organisation.id).add(taskRows, day: today, now: now)
        // A stage that escalates without approval hands the invoice over at once.
        let escalation = EscalationStore(sql, orgID: organisation.id)
        for (item, stage) in handOvers {
            let note = "stage \(stage): escalated by policy"
            let caseID = try await escalation.openCase(clientID: item.clientID, kind: .agency, invoiceIDs: [item.invoiceID], on: today,
                                                       note: note, now: now)
            try await events.escalationOpened(caseID, client: item.situation.client.code, kind: .agency,
                                              invoices: [item.situation.invoice.number.value], note: note, on: today)
        }
        let planStore = PlanStore(sql, orgID: organisation.id)
        for plan in plans {
            switch plan.outcome {
            case .completed: _ = try await planStore.close(plan.plan.plan.id, status: .completed, on: today)
            case .defaulted:
                _ = try await planStore.close(plan.plan.plan.id, status: .defaulted, on: today)
                try await events.planDefaulted(plan.plan.plan, on: today)
            case .unchanged: break
            }
        }
        let promises = PromiseStore(sql, orgID: organisation.id)
        for (id, outcome, item) in promiseOutcomes {
            try await promises.close(id, status: outcome, on: today)
            if outcome == .broken, let promise = item.situation.promise {
                try await events.promiseBroken(id, invoice: item.situation.invoice, date: promise.promisedDate, amount: promise.amount,
                                               on: today)
            }
        }
        for item in overdue {
            try await events.invoiceOverdue(item.situation.invoice, balance: item.situation.summary.balance.total, on: today)
        }
        return result
    }

    /// The ledger entries a due fee or interest action posts, with a note for its reason. Money
    /// moves only with an action recorded now, so a rerun of the day posts nothing twice.
    private func post(_ action: PlannedAction, for item: ChaseItem) throws -> (entries: [LedgerEntry], note: String) {
        guard action.kind == .lateFee else {
            let posting = interest.entries(for: item.situation, on: today)
            return (posting.entries, posting.note)
        }
        guard let rule = item.situation.policy.lateFee else { return ([], "the policy has no late-fee rule") }
        let fee = try rule.fee(on: item.situation.summary.balance.principal)
        guard fee.isPositive else { return ([], "no fee on this balance") }
        return ([LedgerEntry(kind: .fee, component: .costs, amount: fee, date: today, note: "late fee, stage \(action.stage)")],
                "late fee \(fee)")
    }

    /// Writes the chunk decided so far: the actions first, then what refers to them.
    private mutating func flush() async throws {
        defer {
            actionRows.removeAll(keepingCapacity: true)
            entryRows.removeAll(keepingCapacity: true)
            approvalRows.removeAll(keepingCapacity: true)
        }
        guard !dryRun else { return }
        try await ActionStore(sql, orgID: organisation.id).record(actionRows, day: today, now: now)
        try await LedgerStore(sql, orgID: organisation.id).post(entryRows, now: now)
        try await EscalationStore(sql, orgID: organisation.id).request(approvalRows, on: today, now: now)
        for (_, action) in approvalRows { try await events.approvalRequested(action, on: today) }
    }
}
