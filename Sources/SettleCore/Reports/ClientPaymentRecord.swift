/// Invoices of one client in one currency that reached a zero balance the same number of days
/// after their due day, within the same half-year before the day of the figures: one cell of a
/// client's payment history, as the store sums it (never one object per invoice).
public struct SettledInvoices: Hashable, Sendable {
    /// When the invoices were settled, counted back from the day of the figures.
    public enum Period: Int, Hashable, Sendable, CaseIterable {
        /// In the six months up to the day.
        case recent = 0
        /// In the six months before those.
        case previous = 1
        /// Longer ago.
        case earlier = 2

        /// The period of a settlement day as of a day.
        public init(settledOn day: Day, asOf today: Day) {
            let (recentAfter, previousAfter) = Period.boundaries(asOf: today)
            self = day > recentAfter ? .recent : day > previousAfter ? .previous : .earlier
        }

        /// Settled after `recentAfter`: recent; after `previousAfter`: previous; else earlier.
        /// A store compares settlement days with these, so SQL does no date arithmetic.
        public static func boundaries(asOf today: Day) -> (recentAfter: Day, previousAfter: Day) {
            (today.adding(months: -6), today.adding(months: -12))
        }
    }

    public var currency: Currency
    /// The day the invoice's balance reached zero minus its due day; negative when paid early.
    public var delayDays: Int
    public var period: Period
    public var count: Int
    /// The invoices' amounts as invoiced (the weight of the cell).
    public var amount: Money

    public init(currency: Currency, delayDays: Int, period: Period, count: Int, amount: Money) {
        self.currency = currency
        self.delayDays = delayDays
        self.period = period
        self.count = count
        self.amount = amount
    }

    /// Days late: the delay, or 0 when the invoice was paid by its due day.
    public var daysLate: Int { max(0, delayDays) }
}

/// A client's invoicing in one currency as of a day.
public struct CurrencyPosition: Hashable, Sendable {
    public var currency: Currency
    /// Invoices issued (void ones left out).
    public var invoices: Int
    /// Principal invoiced.
    public var billed: Money
    /// Payments applied, net of reversals.
    public var paid: Money
    /// What the client still owes: the balances of its invoices that are not settled.
    public var open: Money
    /// The part of `open` that is past its due day.
    public var overdue: Money

    public init(currency: Currency, invoices: Int = 0, billed: Money? = nil, paid: Money? = nil, open: Money? = nil,
                overdue: Money? = nil) {
        self.currency = currency
        self.invoices = invoices
        self.billed = billed ?? .zero(currency)
        self.paid = paid ?? .zero(currency)
        self.open = open ?? .zero(currency)
        self.overdue = overdue ?? .zero(currency)
    }

    /// Adds another position in the same currency.
    public mutating func add(_ other: CurrencyPosition) throws(MoneyError) {
        invoices += other.invoices
        billed = try billed + other.billed
        paid = try paid + other.paid
        open = try open + other.open
        overdue = try overdue + other.overdue
    }
}

/// How a client's promises to pay ended, as of a day (a replaced promise counts in none).
public struct PromiseCounts: Hashable, Sendable {
    public var kept: Int
    public var partlyKept: Int
    public var broken: Int
    /// Made by the day and not closed on it.
    public var open: Int

    public init(kept: Int = 0, partlyKept: Int = 0, broken: Int = 0, open: Int = 0) {
        self.kept = kept
        self.partlyKept = partlyKept
        self.broken = broken
        self.open = open
    }

    /// Promises whose date has come and that ended kept, partly kept or broken.
    public var closed: Int { kept + partlyKept + broken }
}

/// A client's disputes as of a day.
public struct DisputeCounts: Hashable, Sendable {
    /// Disputes opened by the day.
    public var opened: Int
    /// Of those, the ones not resolved by the day.
    public var open: Int

    public init(opened: Int = 0, open: Int = 0) {
        self.opened = opened
        self.open = open
    }
}

/// What the ledger says about one client as of a day, summed by the store: the input of the
/// client's behaviour figures, its risk score and its payment habit.
public struct ClientPaymentRecord: Hashable, Sendable {
    public var client: String
    public var name: String
    /// The issue day of the client's first invoice.
    public var firstIssued: Day?
    /// One per currency the client was invoiced in, ordered by currency.
    public var positions: [CurrencyPosition]
    /// The settled invoices, grouped.
    public var settled: [SettledInvoices]
    public var promises: PromiseCounts
    public var disputes: DisputeCounts

    public init(client: String, name: String, firstIssued: Day?, positions: [CurrencyPosition], settled: [SettledInvoices],
                promises: PromiseCounts = PromiseCounts(), disputes: DisputeCounts = DisputeCounts()) {
        self.client = client
        self.name = name
        self.firstIssued = firstIssued
        self.positions = positions.sorted { $0.currency < $1.currency }
        self.settled = settled
        self.promises = promises
        self.disputes = disputes
    }
}
