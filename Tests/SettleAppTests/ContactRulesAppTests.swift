import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

@Suite("Contact rules of an organisation, checked against a client's preferences and calls")
struct ContactRulesAppTests {
    private func at(_ text: String) throws -> Date {
        guard case .instant(let date) = try AsOf(parsing: text) else { throw DayError.invalid(text) }
        return date
    }

    @Test(arguments: TestEngine.available)
    func rulesOptOutAndConversation(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-05-10") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "INV-1,ACME,2024-04-01,2024-05-01,USD,100.00,Work\n")
            #expect(try await settle.contactRules() == .standard)
            let saved = try await settle.setContactRules(frequency: .regulationF)
            #expect(saved.frequency == .regulationF && saved.window == .standard)
            try await settle.setContactRules(noWeekends: true)
            #expect(try await settle.contactRules() == ContactRules(noWeekends: true, frequency: .regulationF))

            try await settle.recordContactPreference(client: "ACME", channel: .sms, note: "")
            let sms = try await settle.checkContact(client: "ACME", invoice: nil, channel: .sms, at: try at("2024-05-16T14:00:00Z"))
            guard case .refused = sms.decision else {
                Issue.record("an opted-out channel must be refused, got \(sms.decision)")
                return
            }

            // A call from the worklist that reached the person on 10 May: a conversation.
            let org = try await settle.organisation()
            let client = try await ClientStore(settle.database.sql, orgID: org.id).require("ACME")
            let invoice = try await InvoiceStore(settle.database.sql, orgID: org.id).require("INV-1")
            let task = PlannedTask(key: "call-INV-1", kind: .call, invoice: try InvoiceNumber("INV-1"), client: "ACME", reason: "call")
            try await TaskStore(settle.database.sql, orgID: org.id).add([(task, client.id, invoice.id)],
                                                                        day: try Day(parsing: "2024-05-10"), now: settle.timestamp)
            let open = try await settle.tasks(dueBy: nil)
            let id = try #require(open.first?.id)
            try await settle.completeTask(id, outcome: .reached, note: "will pay next week")

            // New York is UTC-4 in May: 08:00 local is 12:00Z.
            let sixteenth = try await settle.checkContact(client: "ACME", invoice: "INV-1", channel: .call, at: try at("2024-05-16T14:00:00Z"))
            #expect(sixteenth.decision == .held(until: try at("2024-05-17T12:00:00Z"),
                                                reason: "a telephone conversation on 2024-05-10: Regulation F allows the next call from 2024-05-17"))
            #expect(sixteenth.timeZone.identifier == "America/New_York")
            let seventeenth = try await settle.checkContact(client: "ACME", invoice: "INV-1", channel: .call, at: try at("2024-05-17T14:00:00Z"))
            #expect(seventeenth.decision == .allowed)
            // No weekends: Saturday 18 May waits for Monday.
            let saturday = try await settle.checkContact(client: "ACME", invoice: nil, channel: .email, at: try at("2024-05-18T14:00:00Z"))
            if case .held(let until, _) = saturday.decision {
                #expect(until == (try at("2024-05-20T12:00:00Z")))
            } else {
                Issue.record("a Saturday email must be held, got \(saturday.decision)")
            }

            await #expect(throws: InputError.self) {
                try await settle.checkContact(client: "BETA", invoice: "INV-1", channel: .call, at: try at("2024-05-17T14:00:00Z"))
            }
        }
    }
}
