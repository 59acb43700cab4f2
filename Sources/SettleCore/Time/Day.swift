import Foundation

/// A calendar day with no time zone (a due date, an issue date, "today" of an organisation).
///
/// Stored as days since 1970-01-01 so arithmetic and comparison are exact; the
/// text form is ISO 8601 `YYYY-MM-DD`.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// A day from its parts; nil when the day does not exist (2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        daysSinceEpoch = Day.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` strictly.
    public init(parsing text: String) throws(DayError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            throw .invalid(text)
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let parsed = Day(year: year, month: month, day: day) else {
            throw .invalid(text)
        }
        self = parsed
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = civil
        // Formatting by hand: this runs for every stored date and String(format:) is slow.
        var bytes: [UInt8] = Array(repeating: UInt8(ascii: "0"), count: 10)
        for (index, digit) in [year / 1000, year / 100 % 10, year / 10 % 10, year % 10].enumerated() {
            bytes[index] = UInt8(ascii: "0") + UInt8(digit)
        }
        bytes[4] = UInt8(ascii: "-")
        bytes[5] = UInt8(ascii: "0") + UInt8(month / 10)
        bytes[6] = UInt8(ascii: "0") + UInt8(month % 10)
        bytes[7] = UInt8(ascii: "-")
        bytes[8] = UInt8(ascii: "0") + UInt8(day / 10)
        bytes[9] = UInt8(ascii: "0") + UInt8(day % 10)
        return String(decoding: bytes, as: UTF8.self)
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// Adds calendar months, keeping the day of month where it exists and
    /// clamping to the month's last day where it does not (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> Day {
        let (year, month, day) = civil
        let zeroBased = year * 12 + (month - 1) + months
        let newYear = zeroBased / 12
        let newMonth = zeroBased % 12 + 1
        let clamped = min(day, Day.daysIn(month: newMonth, year: newYear))
        return Day(daysSinceEpoch: Day.daysFromCivil(year: newYear, month: newMonth, day: clamped))
    }

    /// The last day of this day's month.
    public var endOfMonth: Day {
        let (year, month, _) = civil
        return Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: Day.daysIn(month: month, year: year)))
    }

    /// Whole days from `other` to this day (positive when this day is later).
    public func days(since other: Day) -> Int { daysSinceEpoch - other.daysSinceEpoch }

    /// The calendar day of an instant in a time zone.
    public init(instant: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        daysSinceEpoch = Day.daysFromCivil(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Day(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days, exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var civil: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Why a day could not be read.
public enum DayError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text): return "\"\(text)\" is not a date (expected YYYY-MM-DD, such as 2024-03-31)"
        }
    }
}
