import PropertyBased
import SettleCore
import Testing

/// Invariants of the collections engine over random books, each run day by day the way the daily
/// cycle (`Settle.cycle`) runs it: decide for every invoice, record every planned action's key,
/// close a promise once the engine reports its outcome, hand an invoice over when its escalation
/// is due, post fees and interest; meanwhile clients pay, dispute, promise, pause, fall into
/// hardship, and their invoices go into plans or to an agency (DESIGN: collections engine
/// semantics; docs/policies.md, "How the engine decides").
@Suite("Collections engine properties")
struct CollectionsEnginePropertyTests {
    static let books = 200

    @Test("no action key is planned twice, and running a day again plans nothing")
    func idempotency() async {
        var actions = 0
        await propertyCheck(count: Self.books, input: RandomBook.generator) { book in
            var planned: Set<String> = []
            var problems: [String] = []
            for run in DailyCycle.simulate(book, rerun: true) {
                for (index, decision) in run.decisions.enumerated() {
                    actions += decision.actions.count
                    for action in decision.actions where !planned.insert(action.key).inserted {
                        problems.append("\(run.day): \(action.key) planned again")
                    }
                    for action in run.rerun[index].actions {
                        problems.append("\(run.day): running the day again planned \(action.key) (\(action.status))")
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
        #expect(actions > 0)
    }

    @Test("nothing goes out for a held invoice; under a promise only the courtesy reminder, the day before")
    func holds() async {
        var courtesyReminders = 0
        await propertyCheck(count: Self.books, input: RandomBook.generator) { book in
            var problems: [String] = []
            for run in DailyCycle.simulate(book) {
                for (situation, decision) in zip(run.seen, run.decisions) where !decision.actions.isEmpty {
                    let messages = decision.actions.filter { $0.status == .due && $0.kind.isMessage }
                    let promise = situation.promise.flatMap { Self.inGrace(situation, on: run.day) ? $0 : nil }
                    if let hold = Self.messageHold(situation, on: run.day) {
                        problems += messages.map { "\(run.day): \($0.key) sent although \(hold)" }
                    } else if let promise {
                        let courtesyDay = run.day == promise.promisedDate.adding(days: -1)
                        problems += messages.filter { !(courtesyDay && $0.template == "courtesy" && $0.kind == .email) }
                            .map { "\(run.day): \($0.key) sent under a promise for \(promise.promisedDate)" }
                        if messages.count > 1 { problems.append("\(run.day): \(messages.count) messages under a promise") }
                    }
                    for message in messages where message.template == "courtesy" {
                        courtesyReminders += 1
                        if promise.map({ run.day != $0.promisedDate.adding(days: -1) }) ?? true {
                            problems.append("\(run.day): courtesy \(message.key) not on the day before a promised date")
                        }
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
        #expect(courtesyReminders > 0)
    }

    @Test("consolidated: one message per client, channel and day, covering every due message action once")
    func consolidation() async {
        var sharedMessages = 0
        await propertyCheck(count: Self.books, input: RandomBook.generator) { book in
            var problems: [String] = []
            for run in DailyCycle.simulate(book) {
                let actions = run.decisions.flatMap(\.actions)
                let consolidating = Set(run.seen.filter(\.policy.consolidate).map(\.invoice.number))
                let messages = Consolidation.messages(from: actions, on: run.day) { consolidating.contains($0.invoice) }
                let byKey = Dictionary(actions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
                var covered: [String: Int] = [:]
                for message in messages {
                    for key in message.actionKeys { covered[key, default: 0] += 1 }
                    let parts = message.actionKeys.compactMap { byKey[$0] }
                    if parts.contains(where: { $0.client != message.client || $0.kind != message.kind }) {
                        problems.append("\(run.day): \(message.key) mixes clients or channels")
                    }
                    if let firmest = parts.map(\.tone).max(), firmest != message.tone {
                        problems.append("\(run.day): \(message.key) in \(message.tone), the firmest is \(firmest)")
                    }
                    if Set(parts.map(\.invoice)) != Set(message.invoices) {
                        problems.append("\(run.day): \(message.key) lists \(message.invoices), its actions are for others")
                    }
                    if message.invoices.count > 1 { sharedMessages += 1 }
                }
                let due = actions.filter { $0.status == .due && $0.kind.isMessage }.map(\.key)
                if Set(covered.keys) != Set(due) || covered.values.contains(where: { $0 != 1 }) {
                    problems.append("\(run.day): due messages \(due.sorted()) covered as \(covered)")
                }
                let consolidated = messages.filter { $0.invoices.allSatisfy(consolidating.contains) }
                for (channel, count) in Dictionary(grouping: consolidated, by: { "\($0.client) \($0.kind)" }).mapValues(\.count)
                where count > 1 {
                    problems.append("\(run.day): \(count) messages for \(channel)")
                }
            }
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
        #expect(sharedMessages > 0)
    }

    @Test("catch-up: after a gap one message per channel, and every stage that came due is recorded")
    func catchUp() async {
        var daysBack = 0
        var skippedOnReturn = 0
        await propertyCheck(count: Self.books, input: RandomBook.generator) { book in
            var problems: [String] = []
            for run in DailyCycle.simulate(book, gaps: true) {
                if run.afterGap { daysBack += 1 }
                for index in run.seen.indices {
                    let (situation, decision, after) = (run.seen[index], run.decisions[index], run.after[index])
                    let number = situation.invoice.number
                    let messages = decision.actions.filter { $0.status == .due && $0.kind.isMessage }
                    if run.afterGap {
                        skippedOnReturn += decision.actions.filter { $0.status == .skipped }.count
                        for (kind, sent) in Dictionary(grouping: messages, by: \.kind) where sent.count > 1 {
                            problems.append("\(run.day) back after a gap: \(number) got \(sent.count) \(kind) messages")
                        }
                    }
                    guard Self.chased(situation, on: run.day) else { continue }
                    let hardship = Self.inHardship(situation, on: run.day)
                    let passed = situation.policy.stages.filter { stage in
                        stage.day(dueDate: situation.invoice.dueDate) <= run.day
                            && stage.conditions.failure(client: situation.client, balance: situation.summary.balance.total) == nil
                    }
                    for stage in passed {
                        for kind in stage.actions where !(kind == .escalate && hardship) {
                            let key = "\(number.value)/\(stage.id)/1/\(kind.rawValue)"
                            if !after.recorded.contains(key) { problems.append("\(run.day): \(key) came due and is not recorded") }
                        }
                    }
                    // Never a burst of stale reminders: only the latest stage that came due sends.
                    let stale = messages.filter { Self.isStageMessage($0, of: situation.policy) && $0.stage != passed.last?.id }
                    for message in stale {
                        problems.append("\(run.day): \(message.key) sent, but the latest stage due is \(passed.last?.id ?? "none")")
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
        #expect(daysBack > 0 && skippedOnReturn > 0)
    }

    @Test("hardship: no fee, interest or escalation, and every message is supportive")
    func hardship() async {
        var supportiveMessages = 0
        await propertyCheck(count: Self.books, input: RandomBook.generator) { book in
            var problems: [String] = []
            for run in DailyCycle.simulate(book) {
                for (situation, decision) in zip(run.seen, run.decisions) where Self.inHardship(situation, on: run.day) {
                    for action in decision.actions {
                        if action.kind == .escalate || action.status == .due && action.kind.postsMoney {
                            problems.append("\(run.day): \(action.key) \(action.status) in hardship until \(situation.hardshipUntil!)")
                        }
                        guard action.status == .due, action.kind.isMessage else { continue }
                        if action.tone == .supportive { supportiveMessages += 1 } else {
                            problems.append("\(run.day): \(action.key) in a \(action.tone) tone during hardship")
                        }
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
        #expect(supportiveMessages > 0)
    }

    /// Supportive (hardship), courtesy and broken-promise messages stand outside the ladder.
    @Test("tone never falls: an invoice's stage messages follow the policy's stage order")
    func toneRises() async {
        var sequences = 0
        await propertyCheck(count: Self.books, input: RandomBook.generator) { book in
            var problems: [String] = []
            var last: [InvoiceNumber: (stage: Int, tone: Tone, key: String)] = [:]
            for run in DailyCycle.simulate(book) {
                for (situation, decision) in zip(run.seen, run.decisions) where !decision.actions.isEmpty {
                    for message in decision.actions where Self.isStageMessage(message, of: situation.policy)
                        && message.status == .due && message.tone != .supportive {
                        let stage = situation.policy.stages.firstIndex { $0.id == message.stage }!
                        if let previous = last[message.invoice] {
                            sequences += 1
                            if stage < previous.stage || message.tone < previous.tone {
                                problems.append("\(run.day): \(message.key) (\(message.tone)) after \(previous.key) (\(previous.tone))")
                            }
                        }
                        last[message.invoice] = (stage, message.tone, message.key)
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
        #expect(sequences > 0)
    }

    // MARK: What the engine must respect, restated from the design

    /// Why nothing may be sent for the invoice today (promises aside), or nil.
    static func messageHold(_ situation: ChaseSituation, on day: Day) -> String? {
        if situation.status == .paid { return "paid" }
        if situation.openDispute { return "disputed" }
        if situation.escalated { return "escalated" }
        if situation.inPlan { return "in a plan" }
        if !situation.summary.balance.principal.isPositive { return "the principal is paid" }
        if situation.coveredByCredit { return "covered by credit" }
        if let until = situation.clientPausedUntil, day <= until { return "the client is paused until \(until)" }
        return nil
    }

    /// A message of one of the policy's stages (not a courtesy reminder or a broken-promise follow-up).
    static func isStageMessage(_ action: PlannedAction, of policy: Policy) -> Bool {
        action.kind.isMessage && policy.stage(action.stage) != nil
    }

    static func inGrace(_ situation: ChaseSituation, on day: Day) -> Bool {
        situation.promise.map { day <= $0.promisedDate.adding(days: situation.policy.promises.graceDays) } ?? false
    }

    static func inHardship(_ situation: ChaseSituation, on day: Day) -> Bool {
        situation.hardshipUntil.map { day <= $0 } ?? false
    }

    /// Whether the engine gets as far as the policy's stages today.
    static func chased(_ situation: ChaseSituation, on day: Day) -> Bool {
        situation.status.isOutstanding && messageHold(situation, on: day) == nil && !inGrace(situation, on: day)
    }
}

// MARK: Random books and the daily cycle

extension CollectionsEnginePropertyTests {
    /// Clients with invoices, chased under the standard policy or a generated one, for a number of days.
    /// Everything that happens day by day comes from `seed`, so a failing book replays exactly.
    struct RandomBook: Sendable, CustomStringConvertible {
        struct Chased: Sendable {
            var invoice: Invoice
            /// Index into `clients`.
            var client: Int
            var policy: Policy
        }

        var clients: [Client]
        var invoices: [Chased]
        var policy: Policy
        var start: Day
        var days: Int
        var seed: UInt64

        var description: String {
            let clients = clients.map { "\($0.code) \($0.kind) \($0.country)" }.joined(separator: ", ")
            let invoices = invoices.map { "\($0.invoice.number) due \($0.invoice.dueDate) \($0.invoice.total) \($0.policy.name)" }
            let stages = policy.stages.map { stage in
                "\(stage.id) \(stage.offsetDays) \(stage.actions.map(\.rawValue)) \(stage.tone)\(stage.requiresApproval ? " approval" : "")"
                    + (stage.conditions.isEmpty ? "" : " if \(stage.conditions.clientKinds.map(\.rawValue))\(stage.conditions.countries.sorted())")
            }
            return "\(days) days from \(start), seed \(seed); clients \(clients); invoices \(invoices.joined(separator: ", ")); "
                + "generated policy (consolidate \(policy.consolidate), courtesy \(policy.courtesyReminder), grace "
                + "\(policy.promises.graceDays)): \(stages.joined(separator: "; "))"
        }

        static let start = Day(year: 2024, month: 1, day: 1)!
        static let countries = ["DE", "GB", "FR", "US"]
        static let currencies: [String: Currency] = ["DE": .EUR, "GB": .GBP, "FR": .EUR, "US": .USD]
        static let ladder: [Tone] = [.friendly, .polite, .firm, .formal, .final]
        static let kinds: [ActionKind] = [.email, .sms, .letter, .callTask, .lateFee, .interest, .escalate]
        static let words = ["remind", "nudge", "notice", "demand", "warn", "chase", "final", "hand-over"]

        /// Offset, actions (bits of `kinds`), tone (index into `ladder`), approval, condition (0: business
        /// clients only, 1: DE and FR only, else none), name (index into `words`).
        static let stage = zip(Gen.int(in: -10 ... 90), Gen.int(in: 1 ... 127), Gen.int(in: 0 ... 4), Gen.bool(0.3),
                               Gen.int(in: 0 ... 9), Gen.int(in: 0 ... 7))

        /// 2-7 stages on distinct days. Tones are drawn at random and handed out in rising order along
        /// the offsets, as a policy's ladder rises (DESIGN: "tone rises gradually"); what the engine
        /// must do is keep that order, which `toneRises` checks.
        static let generatedPolicy = zip(stage.array(of: 2 ... 7), Gen.bool(0.8), Gen.bool(0.8), Gen.int(in: 0 ... 5))
            .filter { stages, _, _, _ in Set(stages.map(\.0)).count == stages.count }
            .map { parts, consolidate, courtesy, grace in
                let tones = parts.map { ladder[$0.2] }.sorted()
                let stages = parts.sorted { $0.0 < $1.0 }.enumerated().map { index, part in
                    let (offset, mask, _, approval, condition, word) = part
                    return Stage(id: "\(words[word])-\(offset < 0 ? "before-\(-offset)" : "\(offset)")", offsetDays: offset,
                                 actions: kinds.indices.filter { mask & (1 << $0) != 0 }.map { kinds[$0] }, tone: tones[index],
                                 conditions: condition == 0 ? StageConditions(clientKinds: [.business])
                                     : condition == 1 ? StageConditions(countries: ["DE", "FR"]) : StageConditions(),
                                 requiresApproval: approval)
                }
                return Policy(name: "generated", stages: stages, consolidate: consolidate, courtesyReminder: courtesy,
                              lateFee: LateFeeRule(flat: try! AmountsByCurrency(["*": "10.00"])), interest: .statutory(regime: nil),
                              promises: PromiseLimits(graceDays: grace))
            }

        /// Due date (days from `start`), amount in minor units, chased under the generated policy.
        static let invoice = zip(Gen.int(in: -15 ... 44), Gen.int64(in: 1_000 ... 2_000_000), Gen.bool)
        /// Business, country (index into `countries`), invoices.
        static let client = zip(Gen.bool, Gen.int(in: 0 ... 3), invoice.array(of: 1 ... 6))

        static let generator = zip(client.array(of: 1 ... 8), generatedPolicy, Gen.int(in: 60 ... 120), Gen.uint64())
            .map { clientParts, policy, days, seed in
                var clients: [Client] = []
                var invoices: [Chased] = []
                for (clientIndex, (business, country, invoiceParts)) in clientParts.enumerated() {
                    let code = "C\(clientIndex + 1)"
                    clients.append(Client(code: code, name: "Client \(clientIndex + 1)", kind: business ? .business : .consumer,
                                          country: countries[country], timeZone: "UTC", language: "en"))
                    let currency = currencies[countries[country]]!
                    for (invoiceIndex, (dueOffset, amount, generated)) in invoiceParts.enumerated() {
                        let due = start.adding(days: dueOffset)
                        let invoice = Invoice(number: try! InvoiceNumber("\(code)-\(invoiceIndex + 1)"), client: code,
                                              issueDate: due.adding(days: -30), dueDate: due, currency: currency,
                                              total: Money(minorUnits: amount, currency: currency))
                        invoices.append(Chased(invoice: invoice, client: clientIndex, policy: generated ? policy : .standard))
                    }
                }
                return RandomBook(clients: clients, invoices: invoices, policy: policy, start: start, days: days, seed: seed)
            }
    }

    /// A small seeded generator (SplitMix64) for what happens day by day.
    struct SplitMix64: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        // By hand rather than through `Double.random(in:using:)`: generic calls are slow in debug builds.
        mutating func chance(_ probability: Double) -> Bool { Double(next() >> 11) * 0x1p-53 < probability }
        mutating func days(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    // MARK: The daily cycle, without a store

    /// Runs a book day by day: first the day's random events (on every day, also when the cycle does
    /// not run), then the engine's decisions, recorded and fed back as `Settle.cycle` does.
    struct DailyCycle {
        /// One run of the cycle.
        struct Run {
            var day: Day
            /// The first run after two or more days without one.
            var afterGap = false
            /// Each invoice as the engine saw it (after the day's events).
            var seen: [ChaseSituation]
            var decisions: [Decision]
            /// Each invoice after the decisions were recorded and fed back.
            var after: [ChaseSituation]
            /// The decisions of running the same day again (when asked for).
            var rerun: [Decision]
        }

        let book: RandomBook
        var situations: [ChaseSituation]
        var random: SplitMix64
        let invoicesOfClient: [[Int]]
        var promises: Int64 = 0
        /// Invoice index to the day a promise will be kept by a payment.
        var promisedPayments: [Int: Day] = [:]
        var awaitingApproval: Set<Int> = []

        init(_ book: RandomBook) {
            self.book = book
            random = SplitMix64(seed: book.seed)
            invoicesOfClient = book.clients.indices.map { client in book.invoices.indices.filter { book.invoices[$0].client == client } }
            situations = book.invoices.map { chased in
                let currency = chased.invoice.currency
                let summary = LedgerSummary(balance: InvoiceBalance(principal: chased.invoice.total, costs: .zero(currency),
                                                                    interest: .zero(currency)),
                                            received: .zero(currency), hasWriteOff: false, hasEntries: true)
                return ChaseSituation(invoice: chased.invoice, client: book.clients[chased.client], policy: chased.policy, summary: summary)
            }
        }

        static func simulate(_ book: RandomBook, gaps: Bool = false, rerun: Bool = false) -> [Run] {
            var cycle = DailyCycle(book)
            var runs: [Run] = []
            var gapLeft = 0
            var missed = 0
            for offset in 0 ..< book.days {
                let day = book.start.adding(days: offset)
                cycle.happen(on: day)
                if gapLeft > 0 {
                    gapLeft -= 1
                    missed += 1
                    continue
                }
                var run = cycle.run(on: day, rerun: rerun)
                run.afterGap = missed >= 2
                missed = 0
                runs.append(run)
                if gaps, cycle.random.chance(0.08) { gapLeft = cycle.random.days(2 ... 20) }
            }
            return runs
        }

        mutating func run(on day: Day, rerun: Bool) -> Run {
            let seen = situations
            let decisions = seen.map { CollectionsEngine.decide($0, on: day) }
            for (index, decision) in decisions.enumerated() { apply(decision, to: index) }
            return Run(day: day, seen: seen, decisions: decisions, after: situations,
                       rerun: rerun ? situations.map { CollectionsEngine.decide($0, on: day) } : [])
        }

        /// What the cycle does with a decision: records every action, closes a promise whose outcome
        /// is known, hands the invoice over when its escalation is due, posts fees and interest.
        mutating func apply(_ decision: Decision, to index: Int) {
            var situation = situations[index]
            let currency = situation.invoice.currency
            for action in decision.actions {
                situation.recorded.insert(action.key)
                switch (action.kind, action.status) {
                case (.escalate, .due): situation.escalated = true
                case (.escalate, .awaitingApproval): awaitingApproval.insert(index)
                case (.lateFee, .due):
                    situation.summary.balance.costs = Money(minorUnits: situation.summary.balance.costs.minorUnits + 1_000, currency: currency)
                case (.interest, .due):
                    let interest = situation.summary.balance.interest.minorUnits + max(1, situation.summary.balance.principal.minorUnits / 100)
                    situation.summary.balance.interest = Money(minorUnits: interest, currency: currency)
                default: break
                }
            }
            if decision.promiseOutcome != nil {
                situation.promise = nil
                promisedPayments[index] = nil
            }
            situations[index] = situation
        }

        // MARK: Events

        mutating func happen(on day: Day) {
            for invoices in invoicesOfClient {
                if random.chance(0.01) {
                    let until = day.adding(days: random.days(0 ... 6))
                    for index in invoices { situations[index].clientPausedUntil = until }
                }
                if random.chance(0.008) {
                    let until = day.adding(days: random.days(5 ... 30))
                    for index in invoices { situations[index].hardshipUntil = until }
                }
            }
            for index in situations.indices where situations[index].status.isOutstanding {
                happen(to: index, on: day)
            }
        }

        private mutating func happen(to index: Int, on day: Day) {
            if promisedPayments[index] == day, let promise = situations[index].promise {
                promisedPayments[index] = nil
                if let amount = promise.amount { pay(amount.minorUnits, to: index) } else { payInFull(index) }
            }
            if random.chance(0.006) { payInFull(index) }
            if random.chance(0.01) { pay(max(1, situations[index].summary.balance.principal.minorUnits / 2), to: index) }
            if random.chance(0.003) { pay(situations[index].summary.balance.principal.minorUnits, to: index) }
            if situations[index].openDispute ? random.chance(0.1) : random.chance(0.006) { situations[index].openDispute.toggle() }
            if situations[index].inPlan ? random.chance(0.03) : random.chance(0.004) { situations[index].inPlan.toggle() }
            if situations[index].coveredByCredit ? random.chance(0.25) : random.chance(0.004) { situations[index].coveredByCredit.toggle() }
            if random.chance(0.002) { situations[index].escalated = true }
            if awaitingApproval.contains(index), random.chance(0.1) {
                awaitingApproval.remove(index)
                situations[index].escalated = true
            }
            if situations[index].promise == nil, random.chance(0.02) { promise(index, on: day) }
        }

        /// A promise to pay 1-20 days ahead, the whole balance or half the principal; half of them are kept.
        private mutating func promise(_ index: Int, on day: Day) {
            promises += 1
            let currency = situations[index].invoice.currency
            let promised = day.adding(days: random.days(1 ... 20))
            let principal = situations[index].summary.balance.principal.minorUnits
            let amount = random.chance(0.3) && principal > 1 ? Money(minorUnits: principal / 2, currency: currency) : nil
            situations[index].promise = PromiseState(id: promises, madeOn: day, promisedDate: promised, amount: amount,
                                                     receivedSince: .zero(currency))
            if random.chance(0.5) { promisedPayments[index] = day.adding(days: random.days(1 ... promised.days(since: day))) }
        }

        private mutating func payInFull(_ index: Int) {
            let currency = situations[index].invoice.currency
            received(situations[index].summary.balance.total.minorUnits, by: index)
            situations[index].summary.balance = .zero(currency)
        }

        /// A payment towards the principal (charges stay).
        private mutating func pay(_ minorUnits: Int64, to index: Int) {
            let balance = situations[index].summary.balance
            let paid = min(minorUnits, balance.principal.minorUnits)
            guard paid > 0 else { return }
            received(paid, by: index)
            situations[index].summary.balance.principal = Money(minorUnits: balance.principal.minorUnits - paid, currency: balance.currency)
        }

        private mutating func received(_ minorUnits: Int64, by index: Int) {
            let currency = situations[index].invoice.currency
            let received = situations[index].summary.received.minorUnits - minorUnits
            situations[index].summary.received = Money(minorUnits: received, currency: currency)
            if let since = situations[index].promise?.receivedSince.minorUnits {
                situations[index].promise?.receivedSince = Money(minorUnits: since + minorUnits, currency: currency)
            }
        }
    }
}
