/// What the store reads for one currency: the figures of the period asked for and of the twelve calendar
/// months ending at its last day (the trend, oldest first; the newest is the month of `to` up to `to`).
public struct CurrencyFigures: Hashable, Sendable {
    public var currency: Currency
    public var period: PeriodFigures
    public var trend: [PeriodFigures]

    public init(currency: Currency, period: PeriodFigures, trend: [PeriodFigures]) {
        self.currency = currency
        self.period = period
        self.trend = trend
    }

    /// How many months the trend shows.
    public static let trendMonths = 12
    /// How many months back from a period's end the countback may walk.
    public static let countbackMonths = 24

    /// The trend's months for a period ending on `to`, oldest first: each a calendar month, the last one
    /// ending on `to`.
    public static func trendPeriods(endingAt to: Day) -> [(from: Day, to: Day)] {
        let newest = CalendarMonth(containing: to)
        return (0..<trendMonths).reversed().map { back in
            let month = newest.adding(months: -back)
            return (month.first, back == 0 ? to : month.last)
        }
    }

    /// No figures: a currency without any activity (the organisation's, when a converted report has nothing to convert).
    public static func zero(_ currency: Currency, from: Day, to: Day) -> CurrencyFigures {
        CurrencyFigures(currency: currency, period: .zero(currency, from: from, to: to, monthsBack: countbackMonths),
                        trend: trendPeriods(endingAt: to).map { .zero(currency, from: $0.from, to: $0.to, monthsBack: countbackMonths) })
    }

    /// Every amount converted into `currency` at `rate`.
    public func converted(at rate: ExchangeRate, into currency: Currency) throws(MoneyError) -> CurrencyFigures {
        var trend: [PeriodFigures] = []
        for month in self.trend { trend.append(try month.converted(at: rate, into: currency)) }
        return CurrencyFigures(currency: currency, period: try period.converted(at: rate, into: currency), trend: trend)
    }

    /// The figures of another currency already converted into this one, added.
    public func adding(_ other: CurrencyFigures) throws(MoneyError) -> CurrencyFigures {
        var trend: [PeriodFigures] = []
        for (mine, theirs) in zip(self.trend, other.trend) { trend.append(try mine.adding(theirs)) }
        return CurrencyFigures(currency: currency, period: try period.adding(other.period), trend: trend)
    }
}

/// The collection metrics of a period per currency, or all currencies converted into the organisation's,
/// each with its twelve-month trend.
public struct MetricsReport: Hashable, Sendable {
    /// One currency's metrics: the period asked for, and month by month for the twelve calendar months
    /// ending at its last day (oldest first).
    public struct CurrencyMetrics: Hashable, Sendable {
        public var currency: Currency
        public var period: CollectionMetrics
        public var trend: [CollectionMetrics]
    }

    public var from: Day
    public var to: Day
    /// When converted: the organisation's currency, everything is in.
    public var convertedInto: Currency?
    /// When converted: the rate used for each other currency, the latest on or before `to`.
    public var ratesUsed: [DatedExchangeRate]
    /// One entry per currency, ordered by code; exactly one (the organisation's currency) when converted.
    public var currencies: [CurrencyMetrics]

    /// The metrics of each currency as it is.
    public init(from: Day, to: Day, figures: [CurrencyFigures]) throws(MoneyError) {
        self.from = from
        self.to = to
        convertedInto = nil
        ratesUsed = []
        currencies = []
        for book in figures.sorted(by: { $0.currency < $1.currency }) { currencies.append(try Self.metrics(book)) }
    }

    /// The metrics of all currencies together, each converted into `rates.into` at its rate as of `to`
    /// (also for the trend's months and the beginning AR, so a ratio compares like with like). Fails naming
    /// the currency and day when a rate is missing.
    public init(from: Day, to: Day, figures: [CurrencyFigures], convertedWith rates: ExchangeRates) throws {
        self.from = from
        self.to = to
        convertedInto = rates.into
        var total = CurrencyFigures.zero(rates.into, from: from, to: to)
        var used: [DatedExchangeRate] = []
        for book in figures.sorted(by: { $0.currency < $1.currency }) {
            if book.currency == rates.into {
                total = try total.adding(book)
                continue
            }
            let rate = try rates.rate(of: book.currency, on: to)
            used.append(rate)
            total = try total.adding(try book.converted(at: rate.rate, into: rates.into))
        }
        ratesUsed = used
        currencies = [try Self.metrics(total)]
    }

    private static func metrics(_ book: CurrencyFigures) throws(MoneyError) -> CurrencyMetrics {
        var trend: [CollectionMetrics] = []
        for month in book.trend { trend.append(try CollectionMetrics(month)) }
        return CurrencyMetrics(currency: book.currency, period: try CollectionMetrics(book.period), trend: trend)
    }
}
