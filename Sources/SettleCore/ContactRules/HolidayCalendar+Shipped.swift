/// The holiday calendars shipped with Settle. They follow the PyPI `holidays` package (checked in
/// the tests for 2024-2027): observed and substitute days are holidays too, as the package lists them.
extension HolidayCalendar {
    /// The calendar for a client's country (ISO 3166-1 alpha-2), or nil when Settle ships none.
    /// `GB` is England and Wales (Scotland and Northern Ireland keep other bank holidays).
    public static func shipped(country: String) -> HolidayCalendar? {
        switch country.uppercased() {
        case "GB": return .englandAndWales
        case "DE": return .germany
        case "FR": return .france
        case "US": return .unitedStates
        default: return nil
        }
    }

    /// Bank holidays of England and Wales; one falling on a weekend gets a substitute weekday.
    public static let englandAndWales = HolidayCalendar(
        region: "GB-ENG",
        rules: [
            HolidayRule("New Year's Day", .fixed(month: 1, day: 1), observance: .substituteWeekday),
            HolidayRule("Good Friday", .easter(offset: -2)),
            HolidayRule("Easter Monday", .easter(offset: 1)),
            HolidayRule("Early May bank holiday", .nthWeekday(month: 5, weekday: .monday, nth: 1)),
            HolidayRule("Spring bank holiday", .nthWeekday(month: 5, weekday: .monday, nth: -1)),
            HolidayRule("Summer bank holiday", .nthWeekday(month: 8, weekday: .monday, nth: -1)),
            HolidayRule("Christmas Day", .fixed(month: 12, day: 25), observance: .substituteWeekday),
            HolidayRule("Boxing Day", .fixed(month: 12, day: 26), observance: .substituteWeekday),
        ],
        addedDays: [
            day(2011, 4, 29),  // Royal wedding
            day(2012, 6, 4), day(2012, 6, 5),  // Spring bank holiday moved; Diamond Jubilee
            day(2020, 5, 8),  // Early May bank holiday moved to VE Day
            day(2022, 6, 2), day(2022, 6, 3),  // Spring bank holiday moved; Platinum Jubilee
            day(2022, 9, 19),  // State funeral of Queen Elizabeth II
            day(2023, 5, 8),  // Coronation of King Charles III
        ],
        removedDays: [day(2012, 5, 28), day(2020, 5, 4), day(2022, 5, 30)])

    /// Germany's national holidays (the Länder add their own; those are not here). No substitutes.
    public static let germany = HolidayCalendar(
        region: "DE",
        rules: [
            HolidayRule("Neujahr", .fixed(month: 1, day: 1)),
            HolidayRule("Karfreitag", .easter(offset: -2)),
            HolidayRule("Ostermontag", .easter(offset: 1)),
            HolidayRule("Tag der Arbeit", .fixed(month: 5, day: 1)),
            HolidayRule("Christi Himmelfahrt", .easter(offset: 39)),
            HolidayRule("Pfingstmontag", .easter(offset: 50)),
            HolidayRule("Tag der Deutschen Einheit", .fixed(month: 10, day: 3), sinceYear: 1990),
            HolidayRule("Erster Weihnachtstag", .fixed(month: 12, day: 25)),
            HolidayRule("Zweiter Weihnachtstag", .fixed(month: 12, day: 26)),
        ],
        addedDays: [day(2017, 10, 31)])  // 500 years of the Reformation, once nationwide

    /// France's public holidays (jours fériés) for the whole country: Good Friday and 26 December,
    /// kept only in Alsace-Moselle, are left out, as the `holidays` package does without a subdivision.
    public static let france = HolidayCalendar(
        region: "FR",
        rules: [
            HolidayRule("Jour de l'an", .fixed(month: 1, day: 1)),
            HolidayRule("Lundi de Pâques", .easter(offset: 1)),
            HolidayRule("Fête du Travail", .fixed(month: 5, day: 1)),
            HolidayRule("Fête de la Victoire", .fixed(month: 5, day: 8)),
            HolidayRule("Ascension", .easter(offset: 39)),
            HolidayRule("Lundi de Pentecôte", .easter(offset: 50)),
            HolidayRule("Fête nationale", .fixed(month: 7, day: 14)),
            HolidayRule("Assomption", .fixed(month: 8, day: 15)),
            HolidayRule("Toussaint", .fixed(month: 11, day: 1)),
            HolidayRule("Armistice", .fixed(month: 11, day: 11)),
            HolidayRule("Noël", .fixed(month: 12, day: 25)),
        ])

    /// US federal holidays; one on a Saturday is observed the Friday before, on a Sunday the Monday
    /// after. Inauguration Day is left out: it is a holiday only around Washington, D.C.
    public static let unitedStates = HolidayCalendar(
        region: "US",
        rules: [
            HolidayRule("New Year's Day", .fixed(month: 1, day: 1), observance: .nearestWeekday),
            HolidayRule("Martin Luther King Jr. Day", .nthWeekday(month: 1, weekday: .monday, nth: 3), sinceYear: 1986),
            HolidayRule("Washington's Birthday", .nthWeekday(month: 2, weekday: .monday, nth: 3)),
            HolidayRule("Memorial Day", .nthWeekday(month: 5, weekday: .monday, nth: -1)),
            HolidayRule("Juneteenth National Independence Day", .fixed(month: 6, day: 19), observance: .nearestWeekday,
                        sinceYear: 2021),
            HolidayRule("Independence Day", .fixed(month: 7, day: 4), observance: .nearestWeekday),
            HolidayRule("Labor Day", .nthWeekday(month: 9, weekday: .monday, nth: 1)),
            HolidayRule("Columbus Day", .nthWeekday(month: 10, weekday: .monday, nth: 2)),
            HolidayRule("Veterans Day", .fixed(month: 11, day: 11), observance: .nearestWeekday),
            HolidayRule("Thanksgiving Day", .nthWeekday(month: 11, weekday: .thursday, nth: 4)),
            HolidayRule("Christmas Day", .fixed(month: 12, day: 25), observance: .nearestWeekday),
        ])

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: day))
    }
}
