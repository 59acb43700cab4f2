import Foundation

/// A 13-week cash forecast: for each week after a day, the money expected per currency with a
/// band (`low`...`high`) that the week's receipts should fall in 19 times out of 20 while clients
/// keep their habits.
///
/// Each expected receipt arrives on a day drawn from a normal distribution: centred on the agreed
/// day (a promise, an instalment), else on the due day shifted by the client's habit (its mean
/// delay), else by the book's; spread by the habit's spread. The distribution is cut at the as-of day
/// (the money has not come yet), so an overdue invoice's chances move to the coming weeks. When a
/// centre gives less than `minimumChance` of the money still coming after the day, the next one is
/// tried; when none does, the receipt is unscheduled (later than anything its client or the book
/// does), as is disputed money. Open invoices are then expected at the client's collection rate,
/// or the book's late rate when they are already later than the client's habit (`CollectionRates`).
/// A week's expected amount is the sum of each receipt's amount times its chance of arriving that
/// week; its band is expected ± `bandZ` standard deviations, receipts taken as independent (each
/// arrives whole, in one week, or not at all).
public struct CashForecast: Hashable, Sendable {
    /// One currency of one week.
    public struct Amounts: Hashable, Sendable {
        public var currency: Currency
        public var low: Money
        public var expected: Money
        public var high: Money
    }

    public struct Week: Hashable, Sendable {
        /// 1 for the seven days after the as-of day.
        public var number: Int
        public var from: Day
        public var to: Day
        /// One per currency of the forecast, ordered by currency.
        public var amounts: [Amounts]

        public func amounts(in currency: Currency) -> Amounts? { amounts.first { $0.currency == currency } }
    }

    /// Per currency, what the weeks leave out.
    public struct Totals: Hashable, Sendable {
        public var currency: Currency
        /// Everything the forecast was given: open balances, promises and instalments.
        public var open: Money
        /// Disputed, or later than its client's and the book's habits explain (not in any week).
        public var unscheduled: Money
        public var unscheduledReceipts: Int
    }

    public static let weekCount = 13
    /// Expected ± 1.96 standard deviations: a 95% band for a normal distribution. Habits drift and
    /// clients pay together more than independent receipts would, so the band is taken wide.
    public static let bandZ = 1.96
    /// A centre that leaves less than this chance of the money still arriving after the day is not believed.
    public static let minimumChance = 0.05

    public var asOf: Day
    public var weeks: [Week]
    /// One per currency, ordered by currency.
    public var totals: [Totals]

    /// The forecast as of a day from the receipts expected and the clients' settled invoices by
    /// client code (their habits, the book's habit and the collection rates come from those).
    public init(asOf: Day, receipts: [ExpectedReceipt], settled: [String: [SettledInvoices]]) throws(MoneyError) {
        var habits: [String: PaymentHabit] = [:]
        for (client, cells) in settled { habits[client] = PaymentHabit(cells) }
        let book = PaymentHabit(settled.values.flatMap { $0 }) ?? .unknown
        let placements = receipts.map { receipt in
            receipt.disputed || !receipt.amount.isPositive ? nil
                : Self.placement(asOf: asOf, candidates: Self.centres(receipt, habit: habits[receipt.client], book: book))
        }
        let rates = CollectionRates(receipts: receipts, placements: placements, settled: settled, habits: habits)
        var sums: [Currency: Accumulator] = [:]
        for (receipt, placement) in zip(receipts, placements) where receipt.amount.isPositive {
            let currency = receipt.amount.currency
            var sum = sums[currency] ?? Accumulator()
            sum.open += receipt.amount.minorUnits
            if let placement {
                let amount = receipt.amount.minorUnits
                let rate = rates.rate(receipt, placement.source)
                for (index, chance) in placement.chances.map({ $0 * rate }).enumerated() {
                    let millionths = Int64((chance * 1_000_000).rounded(.toNearestOrAwayFromZero))
                    sum.expected[index] += try Money.multiplyRounded(amount, by: millionths, dividedBy: 1_000_000)
                    sum.variance[index] += Double(amount) * Double(amount) * chance * (1 - chance)
                }
            } else {
                sum.unscheduled += receipt.amount.minorUnits
                sum.unscheduledReceipts += 1
            }
            sums[currency] = sum
        }
        self.init(asOf: asOf, sums: sums)
    }

    /// The naive forecast the backtest compares with: every receipt on its due day (overdue ones in
    /// week 1), no band, no habits, no promises, disputes ignored.
    public init(naiveAsOf asOf: Day, receipts: [ExpectedReceipt]) {
        var sums: [Currency: Accumulator] = [:]
        for receipt in receipts where receipt.amount.isPositive {
            var sum = sums[receipt.amount.currency] ?? Accumulator()
            sum.open += receipt.amount.minorUnits
            let week = max(1, (receipt.dueDay.days(since: asOf) + 6) / 7)
            if week <= Self.weekCount { sum.expected[week - 1] += receipt.amount.minorUnits }
            sums[receipt.amount.currency] = sum
        }
        self.init(asOf: asOf, sums: sums)
    }

    private struct Accumulator {
        var open: Int64 = 0
        var expected = [Int64](repeating: 0, count: CashForecast.weekCount)
        var variance = [Double](repeating: 0, count: CashForecast.weekCount)
        var unscheduled: Int64 = 0
        var unscheduledReceipts = 0
    }

    private init(asOf: Day, sums: [Currency: Accumulator]) {
        self.asOf = asOf
        let currencies = sums.keys.sorted()
        weeks = (1...Self.weekCount).map { number in
            Week(number: number, from: asOf.adding(days: 7 * (number - 1) + 1), to: asOf.adding(days: 7 * number),
                 amounts: currencies.map { currency in
                     let sum = sums[currency] ?? Accumulator()
                     let expected = sum.expected[number - 1]
                     let margin = Int64((Self.bandZ * sum.variance[number - 1].squareRoot()).rounded(.toNearestOrAwayFromZero))
                     return Amounts(currency: currency, low: Money(minorUnits: max(0, expected - margin), currency: currency),
                                    expected: Money(minorUnits: expected, currency: currency),
                                    high: Money(minorUnits: expected + margin, currency: currency))
                 })
        }
        totals = currencies.map { currency in
            let sum = sums[currency] ?? Accumulator()
            return Totals(currency: currency, open: Money(minorUnits: sum.open, currency: currency),
                          unscheduled: Money(minorUnits: sum.unscheduled, currency: currency),
                          unscheduledReceipts: sum.unscheduledReceipts)
        }
    }

    /// Where the arrival day of a receipt was centred.
    enum Source {
        /// On the day agreed with the client.
        case agreed
        /// On the due day shifted by the client's own habit.
        case client
        /// On the due day shifted by the book's habit: the client has none, or the money is already later than its own explains.
        case book
    }

    /// A scheduled receipt: its chance of arriving in each week, and what the chances came from.
    struct Placement {
        var chances: [Double]
        var source: Source
    }

    /// The centres (mean day) and spreads to try, most specific first.
    private static func centres(_ receipt: ExpectedReceipt, habit: PaymentHabit?, book: PaymentHabit)
        -> [(centre: Double, spread: Double, source: Source)] {
        let due = Double(receipt.dueDay.daysSinceEpoch)
        var candidates: [(Double, Double, Source)] = []
        if let agreed = receipt.agreedDay { candidates.append((Double(agreed.daysSinceEpoch), PaymentHabit.minimumSpreadDays, .agreed)) }
        if let habit { candidates.append((due + habit.meanDelayDays, habit.spreadDays, .client)) }
        candidates.append((due + book.meanDelayDays, book.spreadDays, .book))
        return candidates
    }

    /// The chance of the receipt arriving in each week, given it has not arrived by the as-of day,
    /// from the first candidate that leaves at least `minimumChance` of it arriving after the day; nil when none does.
    private static func placement(asOf: Day, candidates: [(centre: Double, spread: Double, source: Source)]) -> Placement? {
        let today = Double(asOf.daysSinceEpoch)
        for (centre, spread, source) in candidates {
            let stillToCome = 1 - arrivedBy(today, centre: centre, spread: spread)
            guard stillToCome >= minimumChance else { continue }
            return Placement(chances: (1...weekCount).map { number in
                (arrivedBy(today + Double(7 * number), centre: centre, spread: spread)
                    - arrivedBy(today + Double(7 * (number - 1)), centre: centre, spread: spread)) / stillToCome
            }, source: source)
        }
        return nil
    }

    /// The chance that money expected on `centre` give or take `spread` days has arrived by the end
    /// of `day` (a normal law; a day d is reached when the continuous arrival time falls before d + 0.5).
    static func arrivedBy(_ day: Double, centre: Double, spread: Double) -> Double {
        0.5 * erfc(-(day + 0.5 - centre) / (spread * 2.0.squareRoot()))
    }
}
