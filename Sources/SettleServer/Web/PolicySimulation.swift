import SettleApp
import SettleCore

/// The next days of the real book simulated twice — under the saved policies and with one policy
/// replaced by a proposal — counted per day as what reaches clients and the team: emails, SMS,
/// letters, calls to make and late fees.
struct PolicySimulation {
    /// What one day brings.
    struct Counts: Equatable {
        var emails = 0, sms = 0, letters = 0, calls = 0, fees = 0

        init(_ day: SimulatedDay) {
            emails = day.messages.filter { $0.kind == .email }.count
            sms = day.messages.filter { $0.kind == .sms }.count
            letters = day.messages.filter { $0.kind == .letter }.count
            calls = day.actions.filter { $0.kind == .callTask && $0.status == .due }.count
            fees = day.actions.filter { $0.kind == .lateFee && $0.status == .due }.count
        }

        init() {}

        var isEmpty: Bool { self == Counts() }

        static func + (left: Counts, right: Counts) -> Counts {
            var sum = left
            sum.emails += right.emails; sum.sms += right.sms; sum.letters += right.letters
            sum.calls += right.calls; sum.fees += right.fees
            return sum
        }

        /// Each kind with its count, in the page's order.
        var kinds: [(kind: Kind, count: Int)] {
            [(.email, emails), (.sms, sms), (.letter, letters), (.call, calls), (.fee, fees)]
        }
    }

    enum Kind {
        case email, sms, letter, call, fee

        /// "send 3 emails", "ask for 1 call"…
        func doing(_ count: Int) -> String {
            switch self {
            case .email: "send \(Self.count(count, "email"))"
            case .sms: "send \(count) SMS"
            case .letter: "send \(Self.count(count, "letter"))"
            case .call: "ask for \(Self.count(count, "call"))"
            case .fee: "charge \(Self.count(count, "late fee"))"
            }
        }

        static func count(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
    }

    static let days = 30

    let today: Day
    let saved: [(day: Day, counts: Counts)]
    let proposed: [(day: Day, counts: Counts)]

    init(today: Day, saved: [SimulatedDay], proposed: [SimulatedDay]) {
        self.today = today
        self.saved = saved.map { ($0.day, Counts($0)) }
        self.proposed = proposed.map { ($0.day, Counts($0)) }
    }

    /// Simulates the book from `today` under the saved policies and with `policy` put in their place.
    static func run(_ settle: Settle, proposing policy: Policy, today: Day) async throws -> PolicySimulation {
        let book = try await settle.policyBook()
        var changed = book
        changed.policies[policy.name] = policy
        return PolicySimulation(today: today, saved: try await settle.simulate(from: today, days: days, policies: book),
                                proposed: try await settle.simulate(from: today, days: days, policies: changed))
    }

    /// The sentence that sums up the difference: the first day it shows, and the whole period.
    var summary: String {
        guard let first = zip(saved, proposed).first(where: { $0.0.counts != $0.1.counts }) else {
            return "This change makes no difference to what is sent, asked for or charged in the next \(Self.days) days."
        }
        let (before, after) = (first.0.counts, first.1.counts)
        let changes = zip(after.kinds, before.kinds).filter { $0.0.count != $0.1.count }.map { proposed, current in
            "\(proposed.kind.doing(proposed.count)) (\(Self.without(current.count)))"
        }
        let total = (saved.map(\.counts).reduce(Counts(), +), proposed.map(\.counts).reduce(Counts(), +))
        let totals = zip(total.1.kinds, total.0.kinds).filter { $0.0.count != $0.1.count }.map { proposed, current in
            "\(proposed.kind.doing(proposed.count)) (\(Self.without(current.count)))"
        }
        var text = "This change would \(Self.list(changes)) \(when(first.0.day))."
        if !totals.isEmpty { text += " Over the next \(Self.days) days it would \(Self.list(totals))." }
        return text
    }

    func when(_ day: Day) -> String {
        switch day {
        case today: "today"
        case today.adding(days: 1): "tomorrow"
        default: "on \(day)"
        }
    }

    static func without(_ count: Int) -> String { "\(count == 0 ? "none" : String(count)) without it" }

    static func list(_ parts: [String]) -> String {
        parts.count < 2 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }

    /// The days on which something happens under either, with both counts, and a total.
    var rows: [[String: Any]] {
        var rows: [[String: Any]] = []
        for ((day, before), (_, after)) in zip(saved, proposed) where !before.isEmpty || !after.isEmpty {
            rows.append(Self.row(when(day) == "today" || when(day) == "tomorrow" ? "\(day) (\(when(day)))" : day.description,
                                 before, after))
        }
        rows.append(Self.row("Total", saved.map(\.counts).reduce(Counts(), +), proposed.map(\.counts).reduce(Counts(), +)))
        return rows
    }

    private static func row(_ label: String, _ before: Counts, _ after: Counts) -> [String: Any] {
        ["day": label, "changed": before != after,
         "counts": zip(before.kinds, after.kinds).map { ["saved": $0.0.count, "proposed": $0.1.count, "differs": $0.0.count != $0.1.count] }]
    }
}
