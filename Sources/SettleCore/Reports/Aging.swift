/// An aging bucket: how long past its due date an amount is (DESIGN, rules.md: Metrics).
public enum AgingBucket: String, Sendable, Hashable, CaseIterable, Codable {
    case current
    case days1To30 = "1-30"
    case days31To60 = "31-60"
    case days61To90 = "61-90"
    case over90 = "90+"

    /// The bucket for a number of days past due (zero or less is current).
    public init(daysPastDue: Int) {
        switch daysPastDue {
        case ...0: self = .current
        case 1...30: self = .days1To30
        case 31...60: self = .days31To60
        case 61...90: self = .days61To90
        default: self = .over90
        }
    }

    /// The due dates that fall in this bucket as of a day, as an inclusive range
    /// (nil bounds are open), so a store can group by due date without date arithmetic.
    public func dueDates(asOf day: Day) -> (from: Day?, through: Day?) {
        switch self {
        case .current: return (day, nil)
        case .days1To30: return (day.adding(days: -30), day.adding(days: -1))
        case .days31To60: return (day.adding(days: -60), day.adding(days: -31))
        case .days61To90: return (day.adding(days: -90), day.adding(days: -61))
        case .over90: return (nil, day.adding(days: -91))
        }
    }
}

/// Amounts outstanding per bucket in one currency.
public struct AgingAmounts: Hashable, Sendable {
    public var currency: Currency
    public private(set) var buckets: [AgingBucket: Money]

    public init(currency: Currency) {
        self.currency = currency
        buckets = Dictionary(uniqueKeysWithValues: AgingBucket.allCases.map { ($0, Money.zero(currency)) })
    }

    public subscript(bucket: AgingBucket) -> Money { buckets[bucket] ?? .zero(currency) }

    public var total: Money {
        Money(minorUnits: buckets.values.reduce(0) { $0 + $1.minorUnits }, currency: currency)
    }

    public mutating func add(_ amount: Money, to bucket: AgingBucket) throws(MoneyError) {
        buckets[bucket] = try self[bucket] + amount
    }

    public mutating func add(_ other: AgingAmounts) throws(MoneyError) {
        for bucket in AgingBucket.allCases { try add(other[bucket], to: bucket) }
    }
}

/// What an aging report's rows stand for.
public enum AgingGrouping: String, Sendable, Hashable, CaseIterable, Codable {
    /// One row per client (its code; the name beside it).
    case client
    /// One row per client country (ISO 3166 code).
    case country
    /// One row per policy stage an invoice has reached: the stage of its latest action taken on or
    /// before the day; `none` when no stage has acted on it yet.
    case stage

    /// The key of invoices no stage has acted on.
    public static let noStage = "none"
}

/// What is owed, by age, as of a day, in rows of one grouping (clients, countries or stages);
/// and the totals per currency.
public struct AgingReport: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// The client's code, the country code or the stage name.
        public var key: String
        /// The client's name; empty for the other groupings.
        public var name: String
        public var amounts: AgingAmounts

        public init(key: String, name: String = "", amounts: AgingAmounts) {
            self.key = key
            self.name = name
            self.amounts = amounts
        }
    }

    public var asOf: Day
    public var grouping: AgingGrouping
    /// One row per key and currency, ordered by key then currency.
    public var rows: [Row]
    /// One row per currency, ordered by code.
    public var totals: [AgingAmounts]

    /// Builds the report from its rows, adding up the totals per currency.
    public init(asOf: Day, grouping: AgingGrouping = .client, rows: [Row]) throws(MoneyError) {
        self.asOf = asOf
        self.grouping = grouping
        self.rows = rows.sorted { ($0.key, $0.amounts.currency) < ($1.key, $1.amounts.currency) }
        var totals: [Currency: AgingAmounts] = [:]
        for row in rows {
            var sum = totals[row.amounts.currency] ?? AgingAmounts(currency: row.amounts.currency)
            try sum.add(row.amounts)
            totals[row.amounts.currency] = sum
        }
        self.totals = totals.values.sorted { $0.currency < $1.currency }
    }
}

/// One invoice behind an aging row (the drill-down): what is left of it as of the day and how late it is.
public struct AgingInvoice: Hashable, Sendable {
    public var number: String
    public var client: String
    public var dueDate: Day
    public var daysPastDue: Int
    public var balance: Money

    public var bucket: AgingBucket { AgingBucket(daysPastDue: daysPastDue) }

    public init(number: String, client: String, dueDate: Day, asOf: Day, balance: Money) {
        self.number = number
        self.client = client
        self.dueDate = dueDate
        daysPastDue = asOf.days(since: dueDate)
        self.balance = balance
    }
}
