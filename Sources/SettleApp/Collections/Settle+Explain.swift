import SettleCore
import SettleStore

/// Stage by stage: what was done, what will be done when, and what holds it back.
public struct Explanation: Sendable {
    public struct Line: Sendable, Hashable {
        public var stage: String
        public var day: Day
        public var actions: String
        /// `done`, `skipped`, `awaiting approval`, `due today`, `planned`, `does not apply`.
        public var state: String
        public var detail: String
    }

    public var invoice: InvoiceNumber
    public var policy: String
    public var asOf: Day
    public var status: PaymentStatus
    public var balance: Money
    public var lines: [Line]
    public var holds: [String]
}

/// What a simulation expects on one day.
public struct SimulatedDay: Sendable {
    public var day: Day
    public var actions: [PlannedAction]
    public var messages: [OutgoingMessage]
}

extension Settle {
    public func explain(_ number: String) async throws -> Explanation {
        let org = try await organisation()
        let today = today(for: org)
        let policies = try await policyBook()
        let book = try await CollectionBook.load(sql: database.sql, organisation: org, policies: policies, on: today, only: number)
        let stored = try await InvoiceStore(database.sql, orgID: org.id).require(number, asOf: today)
        let history = try await ActionStore(database.sql, orgID: org.id).list(invoiceID: stored.id)
        let policy = policies.policy(invoiceID: stored.id, clientID: stored.clientID)
        let decision = book.items.first.map { CollectionsEngine.decide($0.situation, on: today) } ?? Decision().holding(stored.status.rawValue)
        var lines: [Explanation.Line] = []
        let client = book.items.first?.situation.client
        for stage in policy.stages {
            let day = stage.day(dueDate: stored.invoice.dueDate)
            let done = history.filter { $0.stage == stage.id }
            let planned = decision.actions.filter { $0.stage == stage.id }
            let actions = stage.actions.map(\.rawValue).joined(separator: ", ")
            var line = Explanation.Line(stage: stage.id, day: day, actions: actions, state: "planned", detail: "")
            if let first = done.first {
                line.state = Set(done.map(\.status)) == [.skipped] ? "skipped" : "done"
                line.detail = "on \(first.day): " + done.map { "\($0.kind.rawValue) \($0.status.rawValue)" }.joined(separator: ", ")
            } else if !planned.isEmpty {
                line.state = "due today"
                line.detail = planned.map { "\($0.kind.rawValue) \($0.status.rawValue) (\($0.tone.rawValue))" }.joined(separator: ", ")
            } else if let client, let failure = stage.conditions.failure(client: client, balance: stored.summary.balance.total) {
                line.state = "does not apply"
                line.detail = failure
            } else if day <= today {
                line.state = "held"
                line.detail = decision.holds.joined(separator: "; ")
            }
            lines.append(line)
        }
        for extra in history where policy.stage(extra.stage) == nil {
            lines.append(Explanation.Line(stage: extra.stage, day: extra.day, actions: extra.kind.rawValue, state: "done",
                                          detail: extra.reason))
        }
        return Explanation(invoice: stored.invoice.number, policy: policy.name, asOf: today, status: stored.status,
                           balance: stored.summary.balance.total, lines: lines, holds: decision.holds)
    }

    /// What would happen on each day from `start`, assuming no payment arrives; nothing is written.
    public func simulate(from start: Day, days: Int) async throws -> [SimulatedDay] {
        try await simulate(from: start, days: days, policies: try await policyBook())
    }

    /// The same simulation under other policies (a policy being edited put in the book under its
    /// name, to compare with the saved one); nothing is written.
    public func simulate(from start: Day, days: Int, policies: PolicyBook) async throws -> [SimulatedDay] {
        let org = try await organisation()
        var book = try await CollectionBook.load(sql: database.sql, organisation: org, policies: policies, on: start)
        var result: [SimulatedDay] = []
        for offset in 0..<days {
            let day = start.adding(days: offset)
            var actions: [PlannedAction] = []
            for index in book.items.indices {
                let decision = CollectionsEngine.decide(book.items[index].situation, on: day)
                if decision.promiseOutcome != nil { book.items[index].situation.promise = nil }
                for action in decision.actions { book.items[index].situation.recorded.insert(action.key) }
                actions += decision.actions
            }
            let consolidating = Set(book.items.filter { $0.situation.policy.consolidate }.map(\.situation.invoice.number))
            result.append(SimulatedDay(day: day, actions: actions, messages: Consolidation.messages(from: actions, on: day) {
                consolidating.contains($0.invoice)
            }))
        }
        return result
    }
}
