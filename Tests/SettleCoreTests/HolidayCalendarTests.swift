import Foundation
import SettleCore
import Testing

/// The shipped calendars against the PyPI `holidays` package (installed by `make test` through
/// scripts/ensure-deps.sh). Dates only: the package's names and "(observed)" labels are ignored.
/// Where the package decides what a country's holidays are (GB with subdiv ENG is England and
/// Wales; FR without a subdivision leaves out the Alsace-Moselle days; US default is federal
/// without Inauguration Day), the calendars follow it.
@Suite("Holiday calendars")
struct HolidayCalendarTests {
    static let years = 2024...2027

    /// Runs python3 with the `holidays` package; fails the test (never skips) when either is missing.
    private func packageHolidays(_ country: String, subdivision: String?) throws -> Set<String> {
        let subdiv = subdivision.map { ", subdiv='\($0)'" } ?? ""
        let script = """
            import holidays
            for day in sorted(holidays.country_holidays('\(country)'\(subdiv), years=range(\(Self.years.lowerBound), \(Self.years.upperBound + 1)))):
                print(day.isoformat())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            Issue.record("python3 could not be started (\(error)); install it, or run `make test`, which installs the `holidays` package")
            throw error
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0,
                     "python3 with the PyPI `holidays` package is needed (`python3 -m pip install holidays`, or `make test`): \(problem)")
        return Set(text.split(separator: "\n").map(String.init))
    }

    private func shipped(_ calendar: HolidayCalendar) -> Set<String> {
        Set(Self.years.flatMap { calendar.holidays(in: $0) }.map(\.description))
    }

    @Test("each calendar agrees with the PyPI holidays package for 2024-2027",
          arguments: [("GB", "ENG"), ("DE", nil), ("FR", nil), ("US", nil)] as [(String, String?)])
    func agreesWithThePackage(country: String, subdivision: String?) throws {
        let calendar = try #require(HolidayCalendar.shipped(country: country))
        let expected = try packageHolidays(country, subdivision: subdivision)
        let ours = shipped(calendar)
        #expect(ours.subtracting(expected).sorted() == [], "\(country): holidays the package does not have")
        #expect(expected.subtracting(ours).sorted() == [], "\(country): holidays the package has and Settle lacks")
        #expect(!expected.isEmpty)
    }

    @Test("rules: Easter, nth and last weekdays, substitutes and observed days")
    func rules() throws {
        #expect(HolidayDate.easterSunday(2024) == (try day("2024-03-31")))
        #expect(HolidayDate.easterSunday(2025) == (try day("2025-04-20")))
        #expect(HolidayDate.nthWeekday(month: 5, weekday: .monday, nth: -1).day(in: 2024) == (try day("2024-05-27")))
        #expect(HolidayDate.nthWeekday(month: 11, weekday: .thursday, nth: 4).day(in: 2024) == (try day("2024-11-28")))
        #expect(try day("2024-05-11").weekday == .saturday)
        // Christmas on a Saturday, Boxing Day on a Sunday: substitutes on Monday and Tuesday.
        let gb2021 = HolidayCalendar.englandAndWales.holidays(in: 2021)
        #expect(gb2021.isSuperset(of: [try day("2021-12-27"), try day("2021-12-28")]))
        // New Year's Day 2028 is a Saturday: observed in the US on Friday 31 December 2027.
        #expect(HolidayCalendar.unitedStates.isHoliday(try day("2027-12-31")))
        #expect(HolidayCalendar.englandAndWales.isHoliday(try day("2023-05-08")))
        #expect(!HolidayCalendar.englandAndWales.isHoliday(try day("2022-05-30")))
        #expect(HolidayCalendar.shipped(country: "IT") == nil)
    }

    @Test("a calendar is data: extended with a day and carried as JSON")
    func updatable() throws {
        var calendar = HolidayCalendar.germany
        calendar.addedDays.append(try day("2026-06-15"))
        calendar.removedDays.append(try day("2026-10-03"))
        let copy = try JSONDecoder().decode(HolidayCalendar.self, from: try JSONEncoder().encode(calendar))
        #expect(copy == calendar)
        #expect(copy.isHoliday(try day("2026-06-15")))
        #expect(!copy.isHoliday(try day("2026-10-03")))
    }
}
