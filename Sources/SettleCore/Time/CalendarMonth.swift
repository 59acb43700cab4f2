/// A calendar month (`2024-02`): what monthly sales, the DSO countback and a report's trend are counted in.
public struct CalendarMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1 to 12.
    public let month: Int

    /// The month a day falls in.
    public init(containing day: Day) {
        year = day.year
        month = day.month
    }

    /// The month, nil when it does not exist.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (the first seven characters of a stored day).
    public init(parsing text: String) throws(DayError) {
        self.init(containing: try Day(parsing: text + "-01"))
    }

    /// Its first day.
    public var first: Day { Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: 1)) }
    /// Its last day.
    public var last: Day { first.endOfMonth }
    /// How many days it has: 28, 29, 30 or 31.
    public var days: Int { Day.daysIn(month: month, year: year) }

    /// This month moved by a number of months (negative: earlier).
    public func adding(months: Int) -> CalendarMonth {
        let zeroBased = year * 12 + (month - 1) + months
        return CalendarMonth(uncheckedYear: zeroBased / 12, month: zeroBased % 12 + 1)
    }

    /// `YYYY-MM`.
    public var description: String { String(first.description.prefix(7)) }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    private init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }
}
