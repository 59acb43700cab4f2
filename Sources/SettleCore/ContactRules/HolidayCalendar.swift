/// A day of the week, numbered as ISO 8601 does (Monday 1 ... Sunday 7).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWeekend: Bool { self == .saturday || self == .sunday }
}

extension Day {
    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let offset = ((daysSinceEpoch + 3) % 7 + 7) % 7
        return Weekday(rawValue: offset + 1) ?? .monday
    }
}

/// When a holiday falls in a year.
public enum HolidayDate: Sendable, Hashable, Codable {
    /// The same day every year (`month` 1-12, `day` 1-31).
    case fixed(month: Int, day: Int)
    /// Days from Easter Sunday (Gregorian): Good Friday -2, Easter Monday 1, Ascension 39, Whit Monday 50.
    case easter(offset: Int)
    /// The `nth` weekday of a month (1 = first); -1 is the last one in the month.
    case nthWeekday(month: Int, weekday: Weekday, nth: Int)

    /// The day in `year`, or nil when it does not exist (a fixed 29 February).
    public func day(in year: Int) -> Day? {
        switch self {
        case .fixed(let month, let day):
            return Day(year: year, month: month, day: day)
        case .easter(let offset):
            return HolidayDate.easterSunday(year).adding(days: offset)
        case .nthWeekday(let month, let weekday, let nth):
            guard let first = Day(year: year, month: month, day: 1) else { return nil }
            if nth < 0 {
                let last = first.endOfMonth
                let back = (last.weekday.rawValue - weekday.rawValue + 7) % 7
                return last.adding(days: -back + (nth + 1) * 7)
            }
            let forward = (weekday.rawValue - first.weekday.rawValue + 7) % 7
            let found = first.adding(days: forward + (nth - 1) * 7)
            return found.month == month ? found : nil
        }
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: day))
    }
}

/// What happens when a holiday falls on a weekend.
public enum HolidayObservance: String, Sendable, Hashable, Codable {
    /// Nothing: the holiday is lost to the weekend (Germany, France).
    case none
    /// A substitute day: the next weekday that is not already a holiday (UK bank holidays).
    case substituteWeekday = "substitute_weekday"
    /// Saturday is observed on the Friday before, Sunday on the Monday after (US federal holidays).
    case nearestWeekday = "nearest_weekday"
}

/// One recurring holiday: its name, when it falls, how a weekend moves it, and the years it applies.
public struct HolidayRule: Sendable, Hashable, Codable {
    public var name: String
    public var date: HolidayDate
    public var observance: HolidayObservance
    /// First year the holiday exists (nil: always).
    public var sinceYear: Int?
    /// Last year the holiday exists (nil: still).
    public var untilYear: Int?

    public init(_ name: String, _ date: HolidayDate, observance: HolidayObservance = .none,
                sinceYear: Int? = nil, untilYear: Int? = nil) {
        self.name = name
        self.date = date
        self.observance = observance
        self.sinceYear = sinceYear
        self.untilYear = untilYear
    }

    func applies(in year: Int) -> Bool {
        (sinceYear.map { year >= $0 } ?? true) && (untilYear.map { year <= $0 } ?? true)
    }
}

/// The public holidays of one place, kept as data: recurring rules plus one-off days added
/// (a coronation) or taken away (a bank holiday moved for one year), so a file or a command
/// can extend a calendar without a new release.
public struct HolidayCalendar: Sendable, Hashable, Codable {
    /// What the calendar covers (`GB-ENG`, `DE`, `FR`, `US`).
    public var region: String
    public var rules: [HolidayRule]
    /// One-off holidays.
    public var addedDays: [Day]
    /// Days the rules produce that are not holidays after all (a holiday moved for one year).
    public var removedDays: [Day]

    public init(region: String, rules: [HolidayRule], addedDays: [Day] = [], removedDays: [Day] = []) {
        self.region = region
        self.rules = rules
        self.addedDays = addedDays
        self.removedDays = removedDays
    }

    /// Every holiday in a year, observed (substitute) days included along with the days themselves.
    public func holidays(in year: Int) -> Set<Day> {
        // A neighbouring year's holiday can be observed in this one (New Year's Day on a
        // Saturday is observed on 31 December before it).
        var days: Set<Day> = []
        for candidateYear in (year - 1)...(year + 1) {
            days.formUnion(observed(in: candidateYear))
        }
        days.formUnion(addedDays)
        days.subtract(removedDays)
        return days.filter { $0.year == year }
    }

    /// Whether a day is a holiday here.
    public func isHoliday(_ day: Day) -> Bool { holidays(in: day.year).contains(day) }

    private func observed(in year: Int) -> Set<Day> {
        let actual = rules.filter { $0.applies(in: year) }
            .compactMap { rule in rule.date.day(in: year).map { (rule, $0) } }
            .sorted { $0.1 < $1.1 }
        var days = Set(actual.map(\.1))
        for (rule, day) in actual where day.weekday.isWeekend {
            switch rule.observance {
            case .none:
                break
            case .nearestWeekday:
                days.insert(day.adding(days: day.weekday == .saturday ? -1 : 1))
            case .substituteWeekday:
                var substitute = day.adding(days: 1)
                while substitute.weekday.isWeekend || days.contains(substitute) {
                    substitute = substitute.adding(days: 1)
                }
                days.insert(substitute)
            }
        }
        return days
    }
}
