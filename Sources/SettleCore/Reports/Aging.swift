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

/// What each client owes, by age, as of a day; and the totals per currency.
public struct AgingReport: Hashable, Sendable {
    public struct ClientRow: Hashable, Sendable {
        public var client: String
        public var name: String
        public var amounts: AgingAmounts

        public init(client: String, name: String, amounts: AgingAmounts) {
            self.client = client
            self.name = name
            self.amounts = amounts
        }
    }

    public var asOf: Day
    /// One row per client and currency, ordered by client code then currency.
    public var clients: [ClientRow]
    /// One row per currency, ordered by code.
    public var totals: [AgingAmounts]

    /// Builds the report from per-client rows, adding up the totals per currency.
    public init(asOf: Day, clients: [ClientRow]) throws(MoneyError) {
        self.asOf = asOf
        self.clients = clients.sorted { ($0.client, $0.amounts.currency) < ($1.client, $1.amounts.currency) }
        var totals: [Currency: AgingAmounts] = [:]
        for row in clients {
            var sum = totals[row.amounts.currency] ?? AgingAmounts(currency: row.amounts.currency)
            try sum.add(row.amounts)
            totals[row.amounts.currency] = sum
        }
        self.totals = totals.values.sorted { $0.currency < $1.currency }
    }
}
