import Foundation
import PropertyBased
import SettleCore
import Testing

@Suite("Day")
struct DayTests {
    @Test("parses YYYY-MM-DD into its parts and days since 1970-01-01", arguments: [
        ("1970-01-01", 1970, 1, 1, 0),
        ("1969-12-31", 1969, 12, 31, -1),
        ("2000-03-01", 2000, 3, 1, 11_017),
        ("2024-02-29", 2024, 2, 29, 19_782),
        ("0001-01-01", 1, 1, 1, -719_162),
        ("9999-12-31", 9999, 12, 31, 2_932_896),
    ])
    func parses(text: String, year: Int, month: Int, dayOfMonth: Int, daysSinceEpoch: Int) throws {
        let parsed = try day(text)
        #expect((parsed.year, parsed.month, parsed.day) == (year, month, dayOfMonth))
        #expect(parsed.daysSinceEpoch == daysSinceEpoch)
        #expect(parsed.description == text)
    }

    @Test("parsing is strict", arguments: [
        "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00", "0000-01-01",
        "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01T00:00", " 2024-01-01", "2024-01-0a",
        "-024-01-01", "",
    ])
    func rejects(text: String) {
        #expect(throws: DayError.invalid(text)) { try Day(parsing: text) }
    }

    @Test("leap years follow the Gregorian rule")
    func leapYears() {
        #expect([1900, 2000, 2023, 2024, 2100].map(Day.isLeap) == [false, true, false, true, false])
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
    }

    @Test("adding days crosses month and year ends", arguments: [
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-02-28", 2, "2024-03-01"),
        ("2023-02-28", 1, "2023-03-01"),
        ("2023-12-31", 1, "2024-01-01"),
        ("2024-03-01", -1, "2024-02-29"),
        ("2024-01-31", 30, "2024-03-01"),
    ])
    func addingDays(start: String, days: Int, expected: String) throws {
        #expect(try day(start).adding(days: days) == day(expected))
    }

    @Test("adding months clamps to the month's last day", arguments: [
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-01-31", 3, "2024-04-30"),
        ("2024-12-31", 1, "2025-01-31"),
        ("2024-11-15", 3, "2025-02-15"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-05-15", -17, "2022-12-15"),
        ("2024-05-15", 0, "2024-05-15"),
    ])
    func addingMonths(start: String, months: Int, expected: String) throws {
        #expect(try day(start).adding(months: months) == day(expected))
    }

    @Test("end of month", arguments: [
        ("2024-02-10", "2024-02-29"),
        ("2023-02-10", "2023-02-28"),
        ("2024-04-01", "2024-04-30"),
        ("2024-12-31", "2024-12-31"),
    ])
    func endOfMonth(start: String, expected: String) throws {
        #expect(try day(start).endOfMonth == day(expected))
    }

    @Test("days(since:) counts whole days (worked examples 1 and 3)")
    func daysSince() throws {
        #expect(try day("2024-03-16").days(since: day("2024-01-31")) == 45)
        #expect(try day("2024-03-31").days(since: day("2023-12-31")) == 91)
        #expect(try day("2024-01-31").days(since: day("2024-03-31")) == -60)
    }

    @Test("days order chronologically")
    func ordering() throws {
        let days = try ["2024-03-01", "2023-12-31", "2024-02-29", "1999-12-31"].map(day)
        #expect(days.sorted().map(\.description) == ["1999-12-31", "2023-12-31", "2024-02-29", "2024-03-01"])
        #expect(try day("2024-02-29") < day("2024-03-01"))
    }

    @Test("encodes as its text form and decodes strictly")
    func codable() throws {
        let data = try JSONEncoder().encode([day("2024-03-17")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-03-17"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day("2024-03-17")])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Day].self, from: Data(#"["2023-02-29"]"#.utf8)) }
    }

    @Test("every day of years 1 to 9999 round-trips through its text form and its parts")
    func textRoundTrip() async throws {
        let first = try day("0001-01-01").daysSinceEpoch
        let last = try day("9999-12-31").daysSinceEpoch
        await propertyCheck(count: 1000, input: Gen.int(in: first ... last)) { days throws in
            let value = Day(daysSinceEpoch: days)
            #expect(try Day(parsing: value.description) == value)
            #expect(Day(year: value.year, month: value.month, day: value.day) == value)
            #expect(value.adding(days: 1).days(since: value) == 1)
        }
    }
}
