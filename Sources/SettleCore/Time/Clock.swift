import Foundation

/// Where "now" comes from. Nothing in Settle reads the system clock except
/// `SystemTime`; everything else gets a `TimeSource` injected, so a whole run can
/// happen as of a past or future moment (`--as-of`, `SETTLE_TODAY`, `SETTLE_NOW`).
public protocol TimeSource: Sendable {
    /// The current instant.
    func now() -> Date
    /// Today in a time zone (an organisation's local day).
    func today(in timeZone: TimeZone) -> Day
}

extension TimeSource {
    public func today(in timeZone: TimeZone) -> Day { Day(instant: now(), timeZone: timeZone) }
}

/// The real clock.
public struct SystemTime: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock frozen at one instant.
public struct FixedInstant: TimeSource {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}

/// A clock frozen at one calendar day: "today" is that day in every time zone,
/// and "now" is noon of that day in the zone asked about (noon UTC for `now()`).
public struct FixedDay: TimeSource {
    public let day: Day
    public init(_ day: Day) { self.day = day }
    public func now() -> Date { Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + 43_200)) }
    public func today(in timeZone: TimeZone) -> Day { day }
}

/// A moment given as text: `YYYY-MM-DD` (a day) or an ISO 8601 timestamp with a zone
/// (`2024-03-17T12:00:00Z`, `2024-03-17T12:00:00+01:00`).
public enum AsOf: Sendable, Equatable {
    case day(Day)
    case instant(Date)

    public init(parsing text: String) throws(DayError) {
        if text.count == 10 {
            self = .day(try Day(parsing: text))
            return
        }
        // The formatter rolls impossible days over (2024-02-30 -> 2024-03-01); check the day first.
        guard (try? Day(parsing: String(text.prefix(10)))) != nil else { throw .invalid(text) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) {
            self = .instant(date)
            return
        }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) else { throw .invalid(text) }
        self = .instant(date)
    }

    /// The clock this moment stands for.
    public var timeSource: any TimeSource {
        switch self {
        case .day(let day): return FixedDay(day)
        case .instant(let date): return FixedInstant(date)
        }
    }
}
