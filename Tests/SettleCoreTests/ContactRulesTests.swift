import Foundation
import SettleCore
import Testing

@Suite("Contact rules: hours, weekends, holidays, frequency, opt-out and cease")
struct ContactRulesTests {
    private func at(_ text: String) throws -> Date {
        guard case .instant(let date) = try AsOf(parsing: text) else { throw DayError.invalid(text) }
        return date
    }

    private func zone(_ identifier: String) throws -> TimeZone { try #require(TimeZone(identifier: identifier)) }

    private func decide(_ method: ContactMethod, _ instant: String, zone identifier: String = "America/Los_Angeles",
                        invoice: String? = nil, finalNotice: Bool = false, history: ContactHistory = ContactHistory(),
                        country: String = "US") throws -> ContactDecision {
        try decide(.standard, method, instant, zone: identifier, invoice: invoice, finalNotice: finalNotice, history: history,
                   country: country)
    }

    private func decide(_ rules: ContactRules, _ method: ContactMethod, _ instant: String,
                        zone identifier: String = "America/Los_Angeles", invoice: String? = nil, finalNotice: Bool = false,
                        history: ContactHistory = ContactHistory(), country: String = "US") throws -> ContactDecision {
        let request = ContactRequest(method: method, at: try at(instant), timeZone: try zone(identifier), invoice: invoice,
                                     finalNotice: finalNotice)
        return rules.decide(request, history: history, holidays: HolidayCalendar.shipped(country: country))
    }

    private func heldUntil(_ decision: ContactDecision) -> Date? {
        if case .held(let until, _) = decision { return until }
        return nil
    }

    @Test("a reminder due at 07:30 in Los Angeles is held and sent at 08:00 local")
    func beforeTheWindow() throws {
        let decision = try decide(.email, "2024-03-12T07:30:00-07:00")
        #expect(heldUntil(decision) == (try at("2024-03-12T08:00:00-07:00")))
        if case .held(_, let reason) = decision { #expect(reason.contains("before the contact hours 08:00-21:00")) }
        #expect(try decide(.email, "2024-03-12T08:00:00-07:00") == .allowed)
        #expect(try decide(.email, "2024-03-12T21:00:00-07:00") == .allowed)
    }

    @Test("21:30 local waits for 08:00 the next day")
    func afterTheWindow() throws {
        #expect(heldUntil(try decide(.sms, "2024-03-12T21:30:00-07:00")) == (try at("2024-03-13T08:00:00-07:00")))
    }

    @Test("across daylight saving changes the window is 08:00 on the local clock")
    func daylightSaving() throws {
        // 10 March 2024: clocks go forward at 02:00 (PST -8 to PDT -7).
        #expect(heldUntil(try decide(.call, "2024-03-09T21:30:00-08:00")) == (try at("2024-03-10T08:00:00-07:00")))
        #expect(heldUntil(try decide(.call, "2024-03-10T07:30:00-07:00")) == (try at("2024-03-10T15:00:00Z")))
        // 3 November 2024: clocks go back at 02:00 (PDT -7 to PST -8).
        #expect(heldUntil(try decide(.call, "2024-11-02T21:30:00-07:00")) == (try at("2024-11-03T16:00:00Z")))
    }

    @Test("weekends and holidays are skipped only when the organisation says so")
    func weekendsAndHolidays() throws {
        let quiet = ContactRules(noWeekends: true, noHolidays: true)
        #expect(try decide(.email, "2024-05-11T10:00:00-07:00") == .allowed)  // a Saturday, weekends allowed by default
        #expect(heldUntil(try decide(quiet, .email, "2024-05-10T21:30:00-07:00")) == (try at("2024-05-13T08:00:00-07:00")))
        #expect(heldUntil(try decide(quiet, .email, "2024-07-03T22:00:00-07:00")) == (try at("2024-07-05T08:00:00-07:00")))
        // Saturday, Sunday, then Labor Day Monday.
        let decision = try decide(quiet, .email, "2024-08-30T22:00:00-07:00")
        #expect(heldUntil(decision) == (try at("2024-09-03T08:00:00-07:00")))
        if case .held(_, let reason) = decision { #expect(reason.contains("2024-09-02 is a public holiday in US")) }
        // Christmas and Boxing Day in London.
        #expect(heldUntil(try decide(quiet, .email, "2024-12-24T22:00:00Z", zone: "Europe/London", country: "GB"))
                == (try at("2024-12-27T08:00:00Z")))
        // A country without a shipped calendar has no holidays.
        #expect(try decide(quiet, .email, "2024-12-25T10:00:00+01:00", zone: "Europe/Rome", country: "IT") == .allowed)
    }

    /// Worked example 9 (reference/worked-examples.md): calls on 1 May (two), 2, 3, 4, 5, 6 May.
    private func workedExampleCalls(invoice: String = "INV-1") throws -> [ContactAttempt] {
        var calls = [ContactAttempt(at: try at("2024-05-01T09:00:00-04:00"), method: .call, invoice: invoice)]
        for dayOfMonth in 1...6 {
            calls.append(ContactAttempt(at: try at("2024-05-0\(dayOfMonth)T14:00:00-04:00"), method: .call, invoice: invoice))
        }
        return calls
    }

    @Test("Regulation F: an 8th call in 7 days is held; 8 May is fine (worked example 9)")
    func regulationFSevenInSeven() throws {
        let regF = ContactRules(frequency: .regulationF)
        let calls = try workedExampleCalls()
        let sixDone = ContactHistory(attempts: Array(calls.dropLast()))
        #expect(try decide(regF, .call, "2024-05-06T14:00:00-04:00", zone: "America/New_York", invoice: "INV-1", history: sixDone) == .allowed)
        let history = ContactHistory(attempts: calls)
        let seventh = try decide(regF, .call, "2024-05-07T10:00:00-04:00", zone: "America/New_York", invoice: "INV-1", history: history)
        #expect(heldUntil(seventh) == (try at("2024-05-08T08:00:00-04:00")))
        if case .held(_, let reason) = seventh { #expect(reason.contains("7 calls about INV-1 in the 7 days 2024-05-01-2024-05-07")) }
        #expect(try decide(regF, .call, "2024-05-08T10:00:00-04:00", zone: "America/New_York", invoice: "INV-1", history: history) == .allowed)
        // The limit is per debt: another invoice's calls do not count.
        #expect(try decide(regF, .call, "2024-05-07T10:00:00-04:00", zone: "America/New_York", invoice: "INV-2", history: history) == .allowed)
        // Without Regulation F the same calls are not limited.
        #expect(try decide(.standard, .call, "2024-05-07T10:00:00-04:00", zone: "America/New_York", history: history) == .allowed)
    }

    @Test("Regulation F: no call within 7 days after a conversation, its day being day 1 (worked example 9)")
    func regulationFConversation() throws {
        let regF = ContactRules(frequency: .regulationF)
        var attempts = try workedExampleCalls()
        attempts.append(ContactAttempt(at: try at("2024-05-10T11:00:00-04:00"), method: .call, invoice: "INV-1", conversation: true))
        let history = ContactHistory(attempts: attempts)
        let sixteenth = try decide(regF, .call, "2024-05-16T10:00:00-04:00", zone: "America/New_York", invoice: "INV-1", history: history)
        #expect(heldUntil(sixteenth) == (try at("2024-05-17T08:00:00-04:00")))
        if case .held(_, let reason) = sixteenth { #expect(reason.contains("telephone conversation on 2024-05-10")) }
        #expect(try decide(regF, .call, "2024-05-17T10:00:00-04:00", zone: "America/New_York", invoice: "INV-1", history: history) == .allowed)
        #expect(heldUntil(try decide(regF, .call, "2024-05-10T15:00:00-04:00", zone: "America/New_York", invoice: "INV-1",
                                     history: history)) == (try at("2024-05-17T08:00:00-04:00")))
    }

    @Test("Massachusetts: at most 2 calls to a client in 7 days")
    func massachusetts() throws {
        let rules = ContactRules(frequency: .massachusetts)
        let history = ContactHistory(attempts: [
            ContactAttempt(at: try at("2024-05-01T10:00:00-04:00"), method: .call, invoice: "INV-1"),
            ContactAttempt(at: try at("2024-05-03T10:00:00-04:00"), method: .call, invoice: "INV-2"),
        ])
        #expect(heldUntil(try decide(rules, .call, "2024-05-07T10:00:00-04:00", zone: "America/New_York", invoice: "INV-3",
                                     history: history)) == (try at("2024-05-08T08:00:00-04:00")))
        #expect(try decide(rules, .call, "2024-05-08T10:00:00-04:00", zone: "America/New_York", history: history) == .allowed)
        #expect(try decide(rules, .email, "2024-05-07T10:00:00-04:00", zone: "America/New_York", history: history) == .allowed)
    }

    @Test("default: one email a client's local day; the next waits for the next day's window")
    func oneEmailADay() throws {
        let history = ContactHistory(attempts: [ContactAttempt(at: try at("2024-05-01T09:00:00-07:00"), method: .email, invoice: "INV-1")])
        let second = try decide(.email, "2024-05-01T15:00:00-07:00", invoice: "INV-2", history: history)
        #expect(heldUntil(second) == (try at("2024-05-02T08:00:00-07:00")))
        #expect(try decide(.sms, "2024-05-01T15:00:00-07:00", history: history) == .allowed)
        // 20:30 on 30 April in Los Angeles is 1 May in UTC, but the day counted is the local one.
        #expect(heldUntil(try decide(.email, "2024-04-30T20:30:00-07:00", history: history)) == nil)
    }

    @Test("held messages go oldest invoice first: due date, then number")
    func oldestInvoiceFirst() throws {
        let held = [("INV-10", try day("2024-03-01")), ("INV-9", try day("2024-03-01")), ("INV-2", try day("2024-04-01"))]
        let ordered = ContactRules.oldestInvoiceFirst(held, dueDate: \.1, invoice: \.0).map(\.0)
        #expect(ordered == ["INV-9", "INV-10", "INV-2"])
    }

    @Test("an opt-out refuses its channel only; cease refuses everything but a final notice")
    func optOutAndCease() throws {
        let optedOut = ContactHistory(optedOut: [.sms])
        guard case .refused(let reason) = try decide(.sms, "2024-05-01T10:00:00-07:00", history: optedOut) else {
            Issue.record("an opted-out channel must be refused")
            return
        }
        #expect(reason.contains("opted out of sms"))
        #expect(try decide(.email, "2024-05-01T10:00:00-07:00", history: optedOut) == .allowed)

        let ceased = ContactHistory(ceased: true)
        for method in ContactMethod.allCases {
            guard case .refused = try decide(method, "2024-05-01T10:00:00-07:00", history: ceased) else {
                Issue.record("\(method) must be refused after cease-communication")
                continue
            }
        }
        #expect(try decide(.letter, "2024-05-01T03:00:00-07:00", finalNotice: true, history: ceased) == .allowed)
        #expect(try decide(.email, "2024-05-01T10:00:00-07:00", finalNotice: true, history: ceased) == .allowed)
        // A final notice still respects the contact hours.
        #expect(heldUntil(try decide(.email, "2024-05-01T07:00:00-07:00", finalNotice: true, history: ceased))
                == (try at("2024-05-01T08:00:00-07:00")))
    }

    @Test("contact hours parse and must open before they close")
    func windows() throws {
        #expect(try ContactWindow(parsing: "09:30-18:00").description == "09:30-18:00")
        #expect(throws: ContactRulesError.self) { try ContactWindow(parsing: "21:00-08:00") }
        #expect(throws: ContactRulesError.invalidTime("8:00")) { try ContactWindow(parsing: "8:00-21:00") }
        #expect(ContactWindow.standard.description == "08:00-21:00")
    }
}
