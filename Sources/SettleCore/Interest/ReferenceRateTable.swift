/// The published reference rates statutory interest is built on.
public enum ReferenceRateTableName: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Bank of England official Bank Rate (UK Late Payment Act).
    case bankOfEnglandBankRate = "gb-boe-base-rate"
    /// ECB main refinancing operations rate (EU directive 2011/7/EU, France L441-10).
    case ecbMainRefinancingRate = "ecb-mro"
    /// German Basiszinssatz under §247 BGB (§288 BGB).
    case basiszinssatz = "de-basiszinssatz"

    public var description: String { rawValue }

    /// What the table is, for people.
    public var title: String {
        switch self {
        case .bankOfEnglandBankRate: return "Bank of England Bank Rate"
        case .ecbMainRefinancingRate: return "ECB main refinancing operations rate"
        case .basiszinssatz: return "Basiszinssatz (§247 BGB)"
        }
    }

    /// The table with this name, or an error listing the names there are.
    public init(parsing text: String) throws(InterestError) {
        guard let name = ReferenceRateTableName(rawValue: text) else { throw .unknownRateTable(text) }
        self = name
    }
}

/// A reference rate taking effect on a day and staying in force until the next change.
public struct RateChange: Hashable, Sendable {
    public var effectiveFrom: Day
    /// Percent a year; may be negative (the Basiszinssatz was -0.88 % from 2016 to 2022).
    public var rate: Percentage

    public init(effectiveFrom: Day, rate: Percentage) {
        self.effectiveFrom = effectiveFrom
        self.rate = rate
    }
}

/// Said when a rate is looked up for a day past the day its table is known to be complete:
/// the rate returned assumes no change since, which may no longer be true.
public struct RateWarning: Hashable, Sendable, CustomStringConvertible {
    public var table: ReferenceRateTableName
    /// The day the rate was needed for.
    public var day: Day
    public var knownThrough: Day

    public init(table: ReferenceRateTableName, day: Day, knownThrough: Day) {
        self.table = table
        self.day = day
        self.knownThrough = knownThrough
    }

    public var description: String {
        "the \(table) table (\(table.title)) is known only through \(knownThrough); the rate used for \(day) "
            + "assumes no change since then. Check it and update the table with "
            + "`settle rates add \(table) --from DAY --rate PERCENT --known-through DAY`"
    }
}

/// The rate a table gives for a day, with a warning when the day is past what the table is known for.
public struct RateLookup: Hashable, Sendable {
    public var rate: Percentage
    /// The change that put this rate in force.
    public var effectiveFrom: Day
    public var warning: RateWarning?
}

/// One reference rate's history: its changes in day order, and the day up to which it is known complete.
public struct ReferenceRateTable: Hashable, Sendable {
    public let name: ReferenceRateTableName
    /// Sorted by day, one change per day.
    public let changes: [RateChange]
    public let knownThrough: Day

    /// Keeps one change per day (the last one given for a day wins) in day order.
    public init(name: ReferenceRateTableName, changes: [RateChange], knownThrough: Day) {
        var byDay: [Day: RateChange] = [:]
        for change in changes { byDay[change.effectiveFrom] = change }
        self.name = name
        self.changes = byDay.values.sorted { $0.effectiveFrom < $1.effectiveFrom }
        self.knownThrough = knownThrough
    }

    /// The rate in force on `day`. A day past `knownThrough` still gets the latest rate known,
    /// but with a warning, so nobody mistakes an assumption for a fact.
    public func rate(on day: Day) throws(InterestError) -> RateLookup {
        guard let change = changes.last(where: { $0.effectiveFrom <= day }) else {
            throw .noReferenceRate(table: name, day: day)
        }
        let warning = day > knownThrough ? RateWarning(table: name, day: day, knownThrough: knownThrough) : nil
        return RateLookup(rate: change.rate, effectiveFrom: change.effectiveFrom, warning: warning)
    }

    /// This table with corrections and additions: a change on a day the table already has replaces it,
    /// and the table is known through the later of the two days.
    public func merging(_ corrections: [RateChange], knownThrough other: Day?) -> ReferenceRateTable {
        ReferenceRateTable(name: name, changes: changes + corrections, knownThrough: Swift.max(knownThrough, other ?? knownThrough))
    }
}

/// The reference rate tables a calculation can use.
public struct ReferenceRates: Hashable, Sendable {
    public private(set) var tables: [ReferenceRateTableName: ReferenceRateTable]

    public init(_ tables: [ReferenceRateTable]) {
        self.tables = Dictionary(tables.map { ($0.name, $0) }) { _, last in last }
    }

    /// The table with this name; an absent one is empty, so every lookup in it fails with a clear error.
    public subscript(name: ReferenceRateTableName) -> ReferenceRateTable {
        tables[name] ?? ReferenceRateTable(name: name, changes: [], knownThrough: Day(daysSinceEpoch: 0))
    }

    /// Every table, in the order of `ReferenceRateTableName.allCases`.
    public var all: [ReferenceRateTable] { ReferenceRateTableName.allCases.map { self[$0] } }

    /// Replaces one table.
    public mutating func replace(_ table: ReferenceRateTable) {
        tables[table.name] = table
    }
}

extension Percentage {
    /// The rate as a decimal string with at least two decimals, as central banks publish them
    /// (`"13.25"`, `"14.00"`, `"-0.88"`, `"8.875"`).
    public var rateString: String {
        var text = Substring(Money.format(minorUnits: Int64(millionths), exponent: 4))
        while text.hasSuffix("0"), let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) > 3 {
            text = text.dropLast()
        }
        return String(text)
    }
}
