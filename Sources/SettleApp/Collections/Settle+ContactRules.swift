import Foundation
import SettleCore
import SettleStore

/// The answer to "may this client be contacted now?", with the client's time zone to show it in.
public struct ContactCheck: Sendable, Hashable {
    public var decision: ContactDecision
    public var timeZone: TimeZone
    public var rules: ContactRules
}

extension Settle {
    /// The organisation's contact rules (the defaults until changed).
    public func contactRules() async throws -> ContactRules {
        let org = try await organisation()
        return try await ContactRulesStore(database.sql, orgID: org.id).load()
    }

    /// Changes the parts of the contact rules that are given and keeps the rest; returns the new rules.
    @discardableResult
    public func setContactRules(window: ContactWindow? = nil, noWeekends: Bool? = nil, noHolidays: Bool? = nil,
                                frequency: ContactFrequency? = nil) async throws -> ContactRules {
        let org = try await organisation()
        let store = ContactRulesStore(database.sql, orgID: org.id)
        var rules = try await store.load()
        if let window { rules.window = window }
        if let noWeekends { rules.noWeekends = noWeekends }
        if let noHolidays { rules.noHolidays = noHolidays }
        if let frequency { rules.frequency = frequency }
        try await store.save(rules, now: timestamp)
        return rules
    }

    /// Whether a message or call to a client (about an invoice, if given) may happen at an instant.
    ///
    /// The history: every email or text the outbox sent the client, at the instant it was sent; every
    /// completed call task of the client as a call attempt at noon (organisation time) of the day it was
    /// completed, and those with the outcome `reached`, `promise` or `dispute` as telephone conversations.
    /// Opt-outs and cease-communication come from the recorded contact preferences.
    /// `alsoAttempted` adds contacts not recorded yet (messages handed over earlier in the same batch).
    public func checkContact(client code: String, invoice number: String?, channel: ContactMethod, at instant: Date,
                             finalNotice: Bool = false, alsoAttempted: [ContactAttempt] = []) async throws -> ContactCheck {
        let org = try await organisation()
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        if let number {
            let invoice = try await InvoiceStore(database.sql, orgID: org.id).require(number)
            guard invoice.clientID == client.id else { throw InputError("invoice \(number) belongs to another client, not \(code)") }
        }
        guard let clientZone = TimeZone(identifier: client.client.timeZone) else {
            throw InputError("client \(code) has the unknown time zone \(client.client.timeZone)")
        }
        let store = ContactRulesStore(database.sql, orgID: org.id)
        let rules = try await store.load()
        let preferences = try await ContactPreferenceStore(database.sql, orgID: org.id).preferences(clientID: client.id)
        let optedOut = Set(preferences.optedOut.compactMap { ContactMethod(rawValue: $0.rawValue) })
        var attempts = alsoAttempted
        if channel == .call {
            var orgCalendar = Calendar(identifier: .gregorian)
            orgCalendar.timeZone = TimeZone(identifier: org.organisation.timeZone) ?? .gmt
            for call in try await store.completedCalls(clientID: client.id) {
                guard let noon = orgCalendar.date(from: DateComponents(year: call.day.year, month: call.day.month,
                                                                       day: call.day.day, hour: 12)) else { continue }
                let conversation = [.reached, .promise, .dispute].contains(call.outcome)
                attempts.append(ContactAttempt(at: noon, method: .call, invoice: call.invoice, conversation: conversation))
            }
        }
        if let sent: MessageChannel = channel == .email ? .email : channel == .sms ? .sms : nil {
            let parser = ISO8601DateFormatter()
            for text in try await OutboxStore(database.sql, orgID: org.id).sentTimes(clientID: client.id, channel: sent) {
                if let at = parser.date(from: text) { attempts.append(ContactAttempt(at: at, method: channel)) }
            }
        }
        let request = ContactRequest(method: channel, at: instant, timeZone: clientZone, invoice: number, finalNotice: finalNotice)
        let history = ContactHistory(attempts: attempts, optedOut: optedOut, ceased: preferences.ceased)
        let decision = rules.decide(request, history: history, holidays: HolidayCalendar.shipped(country: client.client.country))
        return ContactCheck(decision: decision, timeZone: clientZone, rules: rules)
    }
}
