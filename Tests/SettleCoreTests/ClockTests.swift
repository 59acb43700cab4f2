import Foundation
import SettleCore
import Testing

@Suite("As-of moments and clocks")
struct ClockTests {
    /// 2024-03-17T12:00:00Z.
    static let noonUTC = Date(timeIntervalSince1970: 1_710_676_800)

    private func zone(_ identifier: String) throws -> TimeZone { try #require(TimeZone(identifier: identifier)) }

    @Test("a day is a fixed day: the same day everywhere, now at noon UTC")
    func fixedDay() throws {
        let asOf = try AsOf(parsing: "2024-03-17")
        #expect(asOf == .day(try day("2024-03-17")))
        let clock = try #require(asOf.timeSource as? FixedDay)
        #expect(clock.now() == Self.noonUTC)
        #expect(clock.today(in: try zone("Pacific/Auckland")).description == "2024-03-17")
        #expect(clock.today(in: try zone("Pacific/Honolulu")).description == "2024-03-17")
    }

    @Test("timestamps with a zone are instants", arguments: [
        ("2024-03-17T12:00:00Z", 1_710_676_800.0),
        ("2024-03-17T12:00:00+01:00", 1_710_673_200.0),
        ("2024-03-17T12:00:00-05:30", 1_710_696_600.0),
        ("2024-03-17T12:00:00.250Z", 1_710_676_800.25),
    ])
    func instants(text: String, secondsSince1970: Double) throws {
        let asOf = try AsOf(parsing: text)
        #expect(asOf == .instant(Date(timeIntervalSince1970: secondsSince1970)))
        #expect((asOf.timeSource as? FixedInstant)?.now() == Date(timeIntervalSince1970: secondsSince1970))
    }

    @Test("anything else is refused", arguments: ["", "today", "2024-03-32", "2024-3-17", "2024-03-17T12:00:00", "17/03/2024"])
    func invalid(text: String) {
        #expect(throws: DayError.invalid(text)) { try AsOf(parsing: text) }
    }

    @Test("a timestamp on a day that does not exist is refused like such a day")
    func timestampOnMissingDay() {
        for text in ["2024-02-30T00:00:00Z", "2023-02-29T12:00:00+01:00"] {
            #expect(throws: DayError.invalid(text)) { try AsOf(parsing: text) }
        }
    }

    @Test("an instant's local day depends on the time zone (Auckland is UTC+13 in March 2024)", arguments: [
        ("2024-03-17T10:59:59Z", "2024-03-17", "2024-03-17"),
        ("2024-03-17T11:00:00Z", "2024-03-17", "2024-03-18"),
        ("2024-03-17T23:59:59Z", "2024-03-17", "2024-03-18"),
        ("2024-03-18T00:00:00Z", "2024-03-18", "2024-03-18"),
    ])
    func todayInTimeZones(instant: String, utcDay: String, aucklandDay: String) throws {
        guard case .instant(let date) = try AsOf(parsing: instant) else {
            Issue.record("\(instant) is not an instant")
            return
        }
        let clock = FixedInstant(date)
        #expect(clock.today(in: try zone("UTC")).description == utcDay)
        #expect(clock.today(in: try zone("Pacific/Auckland")).description == aucklandDay)
        #expect(Day(instant: date, timeZone: try zone("Pacific/Auckland")).description == aucklandDay)
    }
}
