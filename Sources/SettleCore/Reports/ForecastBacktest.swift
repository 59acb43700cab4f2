/// A forecast made as of a past day held against what actually arrived in its 13 weeks, beside the
/// naive forecast (every invoice paid on its due day).
///
/// Errors are WAPE, the weighted absolute percentage error over the weeks of one currency:
/// `WAPE = Σ_w |actual_w − forecast_w| / Σ_w actual_w` (MAPE would divide by weeks with nothing
/// received). The band's width is `Σ_w (high_w − low_w) / Σ_w expected_w`.
public struct ForecastBacktest: Hashable, Sendable {
    /// One currency of one week.
    public struct Week: Hashable, Sendable {
        public var number: Int
        public var from: Day
        public var to: Day
        public var currency: Currency
        public var actual: Money
        public var low: Money
        public var expected: Money
        public var high: Money
        public var naive: Money

        /// The actual receipts fell inside the band.
        public var isInside: Bool { low.minorUnits <= actual.minorUnits && actual.minorUnits <= high.minorUnits }
    }

    /// The figures of one currency over the 13 weeks.
    public struct Accuracy: Hashable, Sendable {
        public var currency: Currency
        public var actual: Money
        public var expected: Money
        /// WAPE of the forecast (0.1 is 10%); nil when nothing arrived.
        public var forecastError: Double?
        /// WAPE of the naive forecast.
        public var naiveError: Double?
        public var weeksInside: Int
        public var weeks: Int
        /// Σ (high − low) / Σ expected; nil when nothing was expected.
        public var bandWidth: Double?

        public var shareInside: Double { weeks > 0 ? Double(weeksInside) / Double(weeks) : 0 }
    }

    public var forecast: CashForecast
    /// Per week, then per currency.
    public var weeks: [Week]
    /// One per currency, ordered by currency.
    public var accuracy: [Accuracy]

    public var asOf: Day { forecast.asOf }

    /// - Parameter received: money received in the forecast's weeks on the receipts it covered.
    public init(forecast: CashForecast, naive: CashForecast, received: [(day: Day, amount: Money)]) {
        self.forecast = forecast
        var actual: [Currency: [Int64]] = [:]
        for (day, amount) in received {
            let week = (day.days(since: forecast.asOf) + 6) / 7
            guard (1...CashForecast.weekCount).contains(week) else { continue }
            actual[amount.currency, default: [Int64](repeating: 0, count: CashForecast.weekCount)][week - 1] += amount.minorUnits
        }
        let currencies = Set(actual.keys).union(forecast.totals.map(\.currency)).sorted()
        var weeks: [Week] = []
        for week in forecast.weeks {
            for currency in currencies {
                let zero = Money.zero(currency)
                let amounts = week.amounts(in: currency)
                weeks.append(Week(number: week.number, from: week.from, to: week.to, currency: currency,
                                  actual: Money(minorUnits: actual[currency]?[week.number - 1] ?? 0, currency: currency),
                                  low: amounts?.low ?? zero, expected: amounts?.expected ?? zero, high: amounts?.high ?? zero,
                                  naive: naive.weeks[week.number - 1].amounts(in: currency)?.expected ?? zero))
            }
        }
        self.weeks = weeks
        accuracy = currencies.map { currency in
            let rows = weeks.filter { $0.currency == currency }
            let actual = rows.reduce(Int64(0)) { $0 + $1.actual.minorUnits }
            let expected = rows.reduce(Int64(0)) { $0 + $1.expected.minorUnits }
            func wape(_ forecast: (Week) -> Money) -> Double? {
                guard actual > 0 else { return nil }
                return Double(rows.reduce(Int64(0)) { $0 + abs($1.actual.minorUnits - forecast($1).minorUnits) }) / Double(actual)
            }
            let width = rows.reduce(Int64(0)) { $0 + $1.high.minorUnits - $1.low.minorUnits }
            return Accuracy(currency: currency, actual: Money(minorUnits: actual, currency: currency),
                            expected: Money(minorUnits: expected, currency: currency),
                            forecastError: wape(\.expected), naiveError: wape(\.naive),
                            weeksInside: rows.filter(\.isInside).count, weeks: rows.count,
                            bandWidth: expected > 0 ? Double(width) / Double(expected) : nil)
        }
    }
}
