/// A time of day on a local clock, to the minute (`08:00`).
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let hour: Int
    public let minute: Int

    /// nil unless 00:00-23:59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` strictly.
    public init(parsing text: String) throws(ContactRulesError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), let time = LocalTime(hour: hour, minute: minute) else {
            throw .invalidTime(text)
        }
        self = time
    }

    /// For the literal defaults in this file, which are valid times.
    fileprivate init(known hour: Int, _ minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

/// The hours of the client's local day in which contact is allowed; the rest are quiet hours.
/// Both ends count as inside (Reg F calls only times before 08:00 and after 21:00 inconvenient).
public struct ContactWindow: Sendable, Hashable, CustomStringConvertible {
    public let start: LocalTime
    public let end: LocalTime

    /// The window must open before it closes on the same day.
    public init(start: LocalTime, end: LocalTime) throws(ContactRulesError) {
        guard start < end else { throw .emptyWindow(start: start, end: end) }
        self.start = start
        self.end = end
    }

    /// Parses `08:00-21:00`.
    public init(parsing text: String) throws(ContactRulesError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidWindow(text) }
        try self.init(start: try LocalTime(parsing: String(parts[0])), end: try LocalTime(parsing: String(parts[1])))
    }

    /// 08:00-21:00: the default, and the hours Regulation F presumes convenient.
    public static let standard = ContactWindow(known: LocalTime(known: 8, 0), LocalTime(known: 21, 0))

    private init(known start: LocalTime, _ end: LocalTime) {
        self.start = start
        self.end = end
    }

    /// `08:00-21:00`.
    public var description: String { "\(start)-\(end)" }
}

/// How a client may be reached.
public enum ContactMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case email, sms, call, letter
}

/// Limits on how often a client is contacted, by preset.
public enum ContactFrequency: String, Sendable, Hashable, CaseIterable, Codable {
    /// At most one email a client's local day; calls are left to the person making them.
    case standard = "default"
    /// US Regulation F (12 CFR 1006.14): per debt, at most 7 call attempts in 7 consecutive days,
    /// and no call within 7 days after a telephone conversation (its day counted as day 1).
    case regulationF = "reg_f"
    /// Massachusetts (940 CMR 7.04): at most 2 calls to a client in 7 days, on top of Regulation F.
    case massachusetts
}

/// An organisation's rules for contacting clients, applied when a message is about to go out.
public struct ContactRules: Sendable, Hashable {
    public var window: ContactWindow
    /// No contact on Saturdays and Sundays (client's local days).
    public var noWeekends: Bool
    /// No contact on public holidays of the client's country.
    public var noHolidays: Bool
    public var frequency: ContactFrequency

    public init(window: ContactWindow = .standard, noWeekends: Bool = false, noHolidays: Bool = false,
                frequency: ContactFrequency = .standard) {
        self.window = window
        self.noWeekends = noWeekends
        self.noHolidays = noHolidays
        self.frequency = frequency
    }

    /// 08:00-21:00, weekends and holidays allowed, one email a day.
    public static let standard = ContactRules()
}

/// Why contact rules or their parts were refused.
public enum ContactRulesError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidTime(String)
    case invalidWindow(String)
    case emptyWindow(start: LocalTime, end: LocalTime)

    public var description: String {
        switch self {
        case .invalidTime(let text): return "\"\(text)\" is not a time of day (expected HH:MM, such as 08:00)"
        case .invalidWindow(let text): return "\"\(text)\" is not a span of hours (expected HH:MM-HH:MM, such as 08:00-21:00)"
        case .emptyWindow(let start, let end): return "the contact hours \(start)-\(end) must start before they end"
        }
    }
}
