/// Which reminders work: for each stage (or channel, tone, template) that acted on invoices, how
/// many of those invoices were paid soon after, how much came in, and how fast.
///
/// An invoice "reached" a stage on the first day an action of that stage was taken on it (an
/// action that was due, not skipped or waiting for approval). It counts as paid within N days
/// when its balance reached zero no more than N days after that day. The amount recovered is
/// what was paid on it in the 30 days from that day, leaving out payments reversed since.
public struct StageEffectiveness: Hashable, Sendable {
    /// What the rows of the report stand for.
    public enum Dimension: String, Sendable, Hashable, CaseIterable, Codable {
        case stage, channel, tone, template
    }

    /// The windows the report counts payments in, in days after the stage.
    public static let windows = [7, 14, 30]
    /// The window the amount recovered is counted in.
    public static let recoveryWindow = 30

    public struct Row: Hashable, Sendable {
        /// The stage name, channel (`email`, `sms`, `letter`, ...), tone or template.
        public var key: String
        public var reached: Int
        /// Invoices paid within 7, 14 and 30 days after reaching it, in the order of `windows`.
        public var paidWithin: [Int]
        /// Paid in the 30 days after, per currency (ordered by code).
        public var recovered: [Money]
        /// The median days from reaching it to being paid, of the invoices paid since; nil when none was.
        public var medianDaysToPay: Int?

        /// The share paid within each window, in whole percent of those reached.
        public var sharePaidWithin: [Int] { paidWithin.map { reached == 0 ? 0 : $0 * 100 / reached } }
    }

    public var dimension: Dimension
    public var from: Day
    public var to: Day
    public var asOf: Day
    public var rows: [Row]

    /// What the store counted for one key.
    public struct Counts: Hashable, Sendable {
        public var key: String
        /// Invoices reached, by days from the stage to payment (nil: not paid by the as-of day).
        public var daysToPay: [Int?: Int]
        public var recovered: [Money]

        public init(key: String, daysToPay: [Int?: Int], recovered: [Money]) {
            self.key = key
            self.daysToPay = daysToPay
            self.recovered = recovered
        }
    }

    public init(dimension: Dimension, from: Day, to: Day, asOf: Day, counts: [Counts]) {
        self.dimension = dimension
        self.from = from
        self.to = to
        self.asOf = asOf
        rows = counts.sorted { $0.key < $1.key }.map { counts in
            let paid = counts.daysToPay.compactMap { days, n in days.map { ($0, n) } }.sorted { $0.0 < $1.0 }
            return Row(key: counts.key, reached: counts.daysToPay.values.reduce(0, +),
                       paidWithin: Self.windows.map { window in paid.filter { $0.0 <= window }.reduce(0) { $0 + $1.1 } },
                       recovered: counts.recovered.sorted { $0.currency < $1.currency },
                       medianDaysToPay: Self.median(paid))
        }
    }

    /// The lower median of a distribution given as (value, how many), sorted by value.
    static func median(_ distribution: [(Int, Int)]) -> Int? {
        let total = distribution.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var seen = 0
        for (value, n) in distribution {
            seen += n
            if seen * 2 >= total { return value }
        }
        return distribution.last?.0
    }
}
