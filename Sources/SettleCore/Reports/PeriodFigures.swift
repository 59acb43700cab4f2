/// Credit sales of one calendar month, as the DSO countback walks them.
public struct MonthSales: Hashable, Sendable {
    public var month: CalendarMonth
    /// The days counted for the month: all of them, or for the month a period ends in, its days up to that end.
    public var days: Int
    public var sales: Money

    public init(month: CalendarMonth, days: Int, sales: Money) {
        self.month = month
        self.days = days
        self.sales = sales
    }
}

/// Invoices paid in full in a period: how many, how long they took and how many were on time.
public struct Settlements: Hashable, Sendable {
    public var invoices: Int
    /// The sum over those invoices of days from issue to the day they were settled.
    public var daysToPay: Int
    /// Those settled on or before their due date.
    public var onTime: Int

    public init(invoices: Int = 0, daysToPay: Int = 0, onTime: Int = 0) {
        self.invoices = invoices
        self.daysToPay = daysToPay
        self.onTime = onTime
    }

    public static func + (lhs: Settlements, rhs: Settlements) -> Settlements {
        Settlements(invoices: lhs.invoices + rhs.invoices, daysToPay: lhs.daysToPay + rhs.daysToPay, onTime: lhs.onTime + rhs.onTime)
    }
}

/// What the book says about one currency over one period: the amounts every collection metric is
/// built from, read from the ledger (see `CollectionMetrics` for the formulas).
///
/// - Receivables (AR) as of a day: the sum of the ledger entries dated on or before it (principal, fees,
///   compensation, interest, less payments, discounts, credit notes and write-offs) of the invoices issued on
///   or before it that are not void (so a payment dated before its invoice was issued counts from the issue
///   day on). Unapplied client credit is not in the ledger, so it does not reduce AR.
/// - Current AR: the part of that owed on invoices not yet due on the day (due on or after it), the aging
///   report's `current` bucket.
/// - Credit sales: the principal of the invoices issued in the period, void ones left out (the principal entry
///   each invoice gets for its total, dated on its issue day).
/// - Collections: payments applied to invoices by entries dated in the period, less reversals of payments
///   dated in it; discounts, credit notes and write-offs are not collections.
/// - Write-offs: the amounts written off by entries dated in the period.
public struct PeriodFigures: Hashable, Sendable {
    public var currency: Currency
    public var from: Day
    public var to: Day
    /// AR as of the day before `from`.
    public var beginningReceivables: Money
    /// AR as of `to`.
    public var endingReceivables: Money
    /// Current AR as of `to`.
    public var endingCurrentReceivables: Money
    public var creditSales: Money
    /// Credit sales of the calendar months ending at `to`, newest first: the month of `to` counted up to `to`,
    /// then whole months before it (24 months in all from the store).
    public var recentMonths: [MonthSales]
    public var collections: Money
    public var writeOffs: Money
    /// Invoices whose last payment, discount or credit note, dated in the period, left nothing owed as of `to`
    /// (written-off invoices and those settled without any payment are not counted).
    public var settled: Settlements

    public init(currency: Currency, from: Day, to: Day, beginningReceivables: Money, endingReceivables: Money,
                endingCurrentReceivables: Money, creditSales: Money, recentMonths: [MonthSales], collections: Money,
                writeOffs: Money, settled: Settlements) {
        self.currency = currency
        self.from = from
        self.to = to
        self.beginningReceivables = beginningReceivables
        self.endingReceivables = endingReceivables
        self.endingCurrentReceivables = endingCurrentReceivables
        self.creditSales = creditSales
        self.recentMonths = recentMonths
        self.collections = collections
        self.writeOffs = writeOffs
        self.settled = settled
    }

    /// Nothing owed, sold or collected, with the countback's months of `to` (each with no sales).
    public static func zero(_ currency: Currency, from: Day, to: Day, monthsBack: Int) -> PeriodFigures {
        let zero = Money.zero(currency)
        return PeriodFigures(currency: currency, from: from, to: to, beginningReceivables: zero, endingReceivables: zero,
                             endingCurrentReceivables: zero, creditSales: zero,
                             recentMonths: Self.months(endingAt: to, count: monthsBack).map { MonthSales(month: $0.month, days: $0.days, sales: zero) },
                             collections: zero, writeOffs: zero, settled: Settlements())
    }

    /// The calendar months ending at `day`, newest first, with the days each counts: the month of `day`
    /// up to `day`, then whole months.
    public static func months(endingAt day: Day, count: Int) -> [(month: CalendarMonth, days: Int)] {
        let newest = CalendarMonth(containing: day)
        return (0..<count).map { back in
            let month = newest.adding(months: -back)
            return (month, back == 0 ? day.day : month.days)
        }
    }

    /// Every amount converted into `currency` at `rate` (each rounded half-up to the minor unit); the
    /// counts of settled invoices stay as they are.
    public func converted(at rate: ExchangeRate, into currency: Currency) throws(MoneyError) -> PeriodFigures {
        func convert(_ amount: Money) throws(MoneyError) -> Money { try rate.convert(amount, into: currency) }
        var months: [MonthSales] = []
        for month in recentMonths {
            months.append(MonthSales(month: month.month, days: month.days, sales: try convert(month.sales)))
        }
        return PeriodFigures(currency: currency, from: from, to: to, beginningReceivables: try convert(beginningReceivables),
                             endingReceivables: try convert(endingReceivables),
                             endingCurrentReceivables: try convert(endingCurrentReceivables),
                             creditSales: try convert(creditSales), recentMonths: months, collections: try convert(collections),
                             writeOffs: try convert(writeOffs), settled: settled)
    }

    /// The figures of two books in the same currency and period added up (months matched by position).
    public func adding(_ other: PeriodFigures) throws(MoneyError) -> PeriodFigures {
        precondition(from == other.from && to == other.to && recentMonths.count == other.recentMonths.count,
                     "figures of different periods")
        var months: [MonthSales] = []
        for (mine, theirs) in zip(recentMonths, other.recentMonths) {
            months.append(MonthSales(month: mine.month, days: mine.days, sales: try mine.sales + theirs.sales))
        }
        return PeriodFigures(currency: currency, from: from, to: to,
                             beginningReceivables: try beginningReceivables + other.beginningReceivables,
                             endingReceivables: try endingReceivables + other.endingReceivables,
                             endingCurrentReceivables: try endingCurrentReceivables + other.endingCurrentReceivables,
                             creditSales: try creditSales + other.creditSales, recentMonths: months,
                             collections: try collections + other.collections, writeOffs: try writeOffs + other.writeOffs,
                             settled: settled + other.settled)
    }
}
