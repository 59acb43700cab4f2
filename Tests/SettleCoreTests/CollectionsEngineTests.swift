import SettleCore
import Testing

@Suite("Collections engine") struct CollectionsEngineTests {
    static let client = Client(code: "C1", name: "Acme", kind: .business, country: "DE", timeZone: "Europe/Berlin", language: "de")

    func situation(due: String = "2024-03-31", balance: String = "1000.00", recorded: Set<String> = [],
                   promise: PromiseState? = nil) throws -> ChaseSituation {
        let total = try eur("1000.00")
        let invoice = Invoice(number: try invoiceNumber("I-1"), client: "C1", issueDate: try day("2024-03-01"),
                              dueDate: try day(due), currency: .EUR, total: total)
        let open = try eur(balance)
        let summary = LedgerSummary(balance: InvoiceBalance(principal: open, costs: .zero(.EUR), interest: .zero(.EUR)),
                                    received: try open - total, hasWriteOff: false, hasEntries: true)
        return ChaseSituation(invoice: invoice, client: Self.client, policy: .standard, summary: summary,
                              recorded: RecordedActions(recorded), promise: promise)
    }

    /// Runs the engine day by day like the daily cycle, recording what it plans.
    func run(_ start: ChaseSituation, from: String, days: Int,
             change: (Day, inout ChaseSituation) -> Void = { _, _ in }) throws -> [(Day, PlannedAction)] {
        var situation = start
        var log: [(Day, PlannedAction)] = []
        for offset in 0..<days {
            let today = try day(from).adding(days: offset)
            change(today, &situation)
            let decision = CollectionsEngine.decide(situation, on: today)
            for action in decision.actions {
                #expect(!situation.recorded.contains(action.key), "planned twice: \(action.key)")
                situation.recorded.insert(action.key)
                log.append((today, action))
            }
        }
        return log
    }

    @Test("the standard policy day by day: each stage once, on its day, tone rising")
    func dailyRun() throws {
        let log = try run(try situation(), from: "2024-03-20", days: 80)
        let sent = log.filter { $0.1.status == .due && $0.1.kind == .email }.map { "\($0.0) \($0.1.stage) \($0.1.tone)" }
        #expect(sent == [
            "2024-03-28 pre-due friendly", "2024-04-01 overdue-1 polite", "2024-04-07 overdue-7 firm",
            "2024-04-14 overdue-14 firm", "2024-04-30 overdue-30 formal", "2024-05-15 overdue-45 final",
        ])
        let approvals = log.filter { $0.1.status == .awaitingApproval }.map { "\($0.0) \($0.1.stage)" }
        #expect(approvals == ["2024-05-30 escalate-60"])
        #expect(!log.contains { $0.1.status == .skipped })
    }

    @Test("after a gap only the latest stage sends; skipped money is posted and approvals created")
    func catchUp() throws {
        let decision = CollectionsEngine.decide(try situation(), on: try day("2024-05-20"))
        let due = decision.actions.filter { $0.status == .due }.map { "\($0.stage) \($0.kind.rawValue)" }
        #expect(due == ["overdue-14 late_fee", "overdue-14 interest", "overdue-45 email", "overdue-45 letter", "overdue-45 call_task"])
        let skippedMessages = decision.actions.filter { $0.status == .skipped }.map(\.stage)
        #expect(Set(skippedMessages) == ["pre-due", "overdue-1", "overdue-7", "overdue-14", "overdue-30"])
        #expect(decision.tasks.map(\.kind) == [.call])
        // Past the escalation stage, which has no message: nothing is sent, but the approval is asked for.
        let later = CollectionsEngine.decide(try situation(), on: try day("2024-06-05"))
        #expect(later.actions.filter { $0.status == .awaitingApproval }.map(\.stage) == ["escalate-60"])
        #expect(!later.actions.contains { $0.status == .due && $0.kind.isMessage })
    }

    @Test("a promise holds everything but the courtesy reminder; broken, chasing resumes with a follow-up")
    func promise() throws {
        let promise = PromiseState(id: 9, madeOn: try day("2024-04-02"), promisedDate: try day("2024-04-20"),
                                   amount: nil, receivedSince: .zero(.EUR))
        let log = try run(try situation(promise: promise), from: "2024-04-02", days: 30) { today, situation in
            if today > promise.promisedDate.adding(days: 3) { situation.promise = nil }
            if today == promise.promisedDate.adding(days: 4) { situation.promise = promise }
        }
        let due = log.filter { $0.1.status == .due }.map { "\($0.0) \($0.1.stage) \($0.1.kind.rawValue)" }
        #expect(due == [
            "2024-04-19 courtesy-9 email",
            "2024-04-24 broken-promise-9 email", "2024-04-24 broken-promise-9 call_task",
            "2024-04-24 overdue-14 late_fee", "2024-04-24 overdue-14 interest",
            "2024-04-30 overdue-30 email", "2024-04-30 overdue-30 letter",
        ])
    }

    @Test("nothing is sent for a paid, disputed, escalated or credit-covered invoice")
    func holds() throws {
        let today = try day("2024-04-10")
        var paid = try situation(balance: "0.00")
        paid.summary.received = try eur("-1000.00")
        #expect(CollectionsEngine.decide(paid, on: today).actions.isEmpty)
        for change in [{ (s: inout ChaseSituation) in s.openDispute = true }, { $0.escalated = true }, { $0.inPlan = true },
                       { $0.coveredByCredit = true }, { $0.clientPausedUntil = today }] {
            var held = try situation()
            change(&held)
            let decision = CollectionsEngine.decide(held, on: today)
            #expect(decision.actions.isEmpty)
            #expect(!decision.holds.isEmpty)
        }
    }

    @Test("hardship: supportive tone, no fee, no interest, escalation waits")
    func hardship() throws {
        var held = try situation()
        held.hardshipUntil = try day("2024-12-31")
        let decision = CollectionsEngine.decide(held, on: try day("2024-06-05"))
        #expect(decision.actions.filter { $0.status == .due }.allSatisfy { $0.tone == .supportive && $0.kind.isMessage || $0.kind == .callTask })
        #expect(decision.actions.filter { $0.kind == .lateFee || $0.kind == .interest }.allSatisfy { $0.status == .skipped })
        #expect(!decision.actions.contains { $0.kind == .escalate })
    }

    @Test("consolidation: one message per client, channel and day, in the firmest tone")
    func consolidation() throws {
        let today = try day("2024-04-07")
        let a = PlannedAction(invoice: try invoiceNumber("A"), client: "C1", stage: "overdue-1", kind: .email, tone: .polite,
                              template: "reminder", status: .due, reason: "")
        let b = PlannedAction(invoice: try invoiceNumber("B"), client: "C1", stage: "overdue-7", kind: .email, tone: .firm,
                              template: "reminder", status: .due, reason: "")
        let c = PlannedAction(invoice: try invoiceNumber("C"), client: "C2", stage: "overdue-7", kind: .email, tone: .firm,
                              template: "reminder", status: .due, reason: "")
        let messages = Consolidation.messages(from: [a, b, c], on: today) { _ in true }
        #expect(messages.map(\.key) == ["C1/2024-04-07/email", "C2/2024-04-07/email"])
        #expect(messages[0].invoices.map(\.value) == ["A", "B"])
        #expect(messages[0].tone == .firm)
        #expect(Consolidation.messages(from: [a, b, c], on: today) { _ in false }.count == 3)
    }
}
