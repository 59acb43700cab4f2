/// How well receivables are being collected over a period, in one currency (rules.md, Metrics).
///
/// Every figure is an exact ratio of integer amounts rounded half-up to two places once (`Hundredths`);
/// a figure whose denominator is zero (DSO without credit sales) is nil, shown as `n/a`.
///
/// - `days`: days in the period, `from` and `to` included. `months` (N): the calendar months it touches,
///   from the month of `from` to the month of `to` (2024-01-01 to 2024-03-31 is 3; 2024-01-15 to 2024-02-14 is 2).
/// - DSO (standard) = ending AR / credit sales × days.
/// - Countback DSO: from the month of `to` backwards, while AR left exceeds a month's credit sales, the
///   month's days are added and its sales taken off AR; the month that covers what is left adds
///   AR left / its sales × its days. Months count their real days (28 to 31; the month of `to` up to `to`).
/// - Best possible DSO = ending current AR / credit sales × days.
/// - ADD (average days delinquent) = (ending AR − ending current AR) / credit sales × days, that is
///   DSO − best possible DSO computed exactly before rounding.
/// - CEI = (beginning AR + credit sales / N − ending AR) / (beginning AR + credit sales / N − ending current AR) × 100,
///   with beginning AR as of the day before `from`; nil when the denominator is not positive.
/// - Collection rate = collections / (beginning AR + credit sales) × 100: the share of what was owed at the
///   start or billed during the period that was collected in it.
/// - Average days to pay = the mean of days from issue to settlement over the invoices settled in the period;
///   share paid on time = those settled on or before their due date / those settled × 100.
public struct CollectionMetrics: Hashable, Sendable {
    public var figures: PeriodFigures
    public var days: Int
    public var months: Int
    public var standardDSO: Hundredths?
    public var countbackDSO: Hundredths
    public var bestPossibleDSO: Hundredths?
    public var averageDaysDelinquent: Hundredths?
    public var collectionEffectivenessIndex: Hundredths?
    public var collectionRate: Hundredths?
    public var averageDaysToPay: Hundredths?
    public var sharePaidOnTime: Hundredths?

    public init(_ figures: PeriodFigures) throws(MoneyError) {
        self.figures = figures
        days = figures.to.days(since: figures.from) + 1
        months = Self.calendarMonths(from: figures.from, to: figures.to)
        standardDSO = try Self.standardDSO(receivables: figures.endingReceivables, creditSales: figures.creditSales, days: days)
        countbackDSO = try Self.countbackDSO(receivables: figures.endingReceivables, months: figures.recentMonths)
        bestPossibleDSO = try Self.bestPossibleDSO(currentReceivables: figures.endingCurrentReceivables,
                                                   creditSales: figures.creditSales, days: days)
        averageDaysDelinquent = try Self.averageDaysDelinquent(receivables: figures.endingReceivables,
                                                               currentReceivables: figures.endingCurrentReceivables,
                                                               creditSales: figures.creditSales, days: days)
        collectionEffectivenessIndex = try Self.collectionEffectivenessIndex(
            beginningReceivables: figures.beginningReceivables, creditSales: figures.creditSales, months: months,
            endingReceivables: figures.endingReceivables, endingCurrentReceivables: figures.endingCurrentReceivables)
        collectionRate = try Self.collectionRate(collections: figures.collections, beginningReceivables: figures.beginningReceivables,
                                                 creditSales: figures.creditSales)
        let settled = figures.settled
        averageDaysToPay = Hundredths.ratio(Int64(settled.daysToPay), over: Int64(settled.invoices))
        sharePaidOnTime = Hundredths.percentage(Int64(settled.onTime), of: Int64(settled.invoices))
    }

    /// Calendar months from the month of `from` to the month of `to`, both counted.
    public static func calendarMonths(from: Day, to: Day) -> Int {
        (to.year * 12 + to.month) - (from.year * 12 + from.month) + 1
    }

    /// AR / credit sales × days; nil without credit sales.
    public static func standardDSO(receivables: Money, creditSales: Money, days: Int) throws(MoneyError) -> Hundredths? {
        try receivables.checkSameCurrency(creditSales)
        return positive(creditSales).flatMap { Hundredths.ratio(receivables.minorUnits, times: Int64(days), over: $0) }
    }

    /// Current AR / credit sales × days; nil without credit sales.
    public static func bestPossibleDSO(currentReceivables: Money, creditSales: Money, days: Int) throws(MoneyError) -> Hundredths? {
        try standardDSO(receivables: currentReceivables, creditSales: creditSales, days: days)
    }

    /// (AR − current AR) / credit sales × days, exactly DSO − best possible DSO; nil without credit sales.
    public static func averageDaysDelinquent(receivables: Money, currentReceivables: Money, creditSales: Money,
                                             days: Int) throws(MoneyError) -> Hundredths? {
        try standardDSO(receivables: try receivables - currentReceivables, creditSales: creditSales, days: days)
    }

    /// Walks `months` (newest first): whole months while AR left exceeds their sales, then the share of the
    /// month that covers the rest. AR of zero or less is 0 days; AR beyond every month given counts all their days.
    public static func countbackDSO(receivables: Money, months: [MonthSales]) throws(MoneyError) -> Hundredths {
        var left = receivables.minorUnits
        var whole = 0
        guard left > 0 else { return Hundredths(whole: 0) }
        for month in months {
            try receivables.checkSameCurrency(month.sales)
            let sales = month.sales.minorUnits
            guard left > sales else {
                return Hundredths(whole: whole) + (Hundredths.ratio(left, times: Int64(month.days), over: sales) ?? Hundredths(whole: 0))
            }
            whole += month.days
            left -= sales
        }
        return Hundredths(whole: whole)
    }

    /// (B + S/N − E) / (B + S/N − C) × 100, multiplied through by N so it stays in integers; nil when the
    /// denominator is not positive.
    public static func collectionEffectivenessIndex(beginningReceivables: Money, creditSales: Money, months: Int,
                                                    endingReceivables: Money,
                                                    endingCurrentReceivables: Money) throws(MoneyError) -> Hundredths? {
        let n = Int64(months)
        let nB = try times(beginningReceivables, n), nE = try times(endingReceivables, n), nC = try times(endingCurrentReceivables, n)
        let collectible = try nB + creditSales
        let numerator = try collectible - nE
        let denominator = try collectible - nC
        guard denominator.minorUnits > 0 else { return nil }
        return Hundredths.percentage(numerator.minorUnits, of: denominator.minorUnits)
    }

    /// Collections / (beginning AR + credit sales) × 100; nil when that is not positive.
    public static func collectionRate(collections: Money, beginningReceivables: Money, creditSales: Money) throws(MoneyError) -> Hundredths? {
        let owed = try beginningReceivables + creditSales
        try collections.checkSameCurrency(owed)
        return positive(owed).flatMap { Hundredths.percentage(collections.minorUnits, of: $0) }
    }

    private static func positive(_ amount: Money) -> Int64? {
        amount.minorUnits > 0 ? amount.minorUnits : nil
    }

    private static func times(_ amount: Money, _ factor: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = amount.minorUnits.multipliedReportingOverflow(by: factor)
        if overflow { throw .overflow }
        return Money(minorUnits: product, currency: amount.currency)
    }
}
