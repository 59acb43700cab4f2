import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleDelivery
import SettleStore
import SettleTestSupport
import Testing

/// The settings page: who may open it, each section saved or refused with what is wrong, a real
/// test email, users and API keys for owners; and the dashboard's figures and cycle button.
@Suite struct WebSettingsTests {
    let web = WebAppTests()

    @Test(arguments: TestEngine.available)
    func settingsAreForAdminsAndEachSectionSavesOrSaysWhy(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let collector = try await web.session(settle, role: .collector)
            let admin = try await web.session(settle, role: .admin)
            func post(_ section: String, _ fields: [String: String], as who: (cookie: String, csrf: String)) async throws -> WebAppTests.Answer {
                var form = fields
                form["csrf"] = form["csrf"] ?? who.csrf
                return try await web.send(client, .post, "/app/settings/\(section)", cookies: ["settle_session": who.cookie], form: form)
            }

            // A collector cannot open settings nor change them.
            var page = try await web.send(client, .get, "/app/settings", cookies: ["settle_session": collector.cookie])
            #expect(page.status == .forbidden && page.body.contains("Settings are for admins and owners; your role is collector."))
            #expect(!page.body.contains("/app/settings/organisation"))
            var answer = try await post("organisation", ["name": "Mine", "currency": "EUR", "time_zone": "Europe/Berlin", "country": "DE"],
                                        as: collector)
            #expect(answer.status == .forbidden)

            // An admin sees every section but users and keys.
            page = try await web.send(client, .get, "/app/settings", cookies: ["settle_session": admin.cookie])
            #expect(page.status == .ok && page.body.contains(#"action="/app/settings/contact-rules""#) && !page.body.contains("API keys"))
            answer = try await post("organisation", ["name": "Acme Collections", "currency": "EUR", "time_zone": "Mars/Olympus",
                                                     "country": "DE"], as: admin)
            #expect(answer.status == .unprocessableContent && answer.body.contains("&quot;Mars/Olympus&quot; is not an IANA time zone"))
            #expect(try await settle.organisation().organisation.name == "Default organisation")
            answer = try await post("organisation", ["name": "Acme Collections", "currency": "gbp", "time_zone": "Europe/London",
                                                     "country": "gb"], as: admin)
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/settings?done=organisation")
            let org = try await settle.organisation().organisation
            #expect(org.name == "Acme Collections" && org.currency == .GBP && org.timeZone == "Europe/London" && org.country == "GB")

            let sender = ["sender_name": "Acme AR", "sender_email": "ar@acme.example", "reply_to": "", "address": "1 High St\nLondon",
                          "signature": "Accounts team", "bank_name": "Bank", "iban": "DE89 3704 0044 0532 0130 01", "bic": "",
                          "match_threshold": "90", "cycle_time": "07:30"]
            answer = try await post("sender", sender, as: admin)
            #expect(answer.status == .unprocessableContent && answer.body.contains("IBAN"), "\(answer.body)")
            #expect(try await settle.organisationSettings().senderEmail.isEmpty)
            var good = sender
            good["iban"] = "DE89 3704 0044 0532 0130 00"
            answer = try await post("sender", good, as: admin)
            #expect(answer.status == .seeOther)
            let saved = try await settle.organisationSettings()
            #expect(saved.senderEmail == "ar@acme.example" && saved.iban == "DE89370400440532013000" && saved.address == ["1 High St", "London"])
            #expect(saved.cycleTime.description == "07:30" && saved.matchThreshold == 90)

            answer = try await post("contact-rules", ["window": "21:00-08:00", "frequency": "reg_f"], as: admin)
            #expect(answer.status == .unprocessableContent)
            answer = try await post("contact-rules", ["window": "09:00-18:00", "no_weekends": "1", "frequency": "reg_f"], as: admin)
            #expect(answer.status == .seeOther)
            let rules = try await settle.contactRules()
            #expect(rules.window.description == "09:00-18:00" && rules.noWeekends && !rules.noHolidays && rules.frequency == .regulationF)

            // Without an SMTP server configured the test says so.
            answer = try await post("test-message", ["channel": "email", "to": "me@acme.example"], as: admin)
            #expect(answer.status == .unprocessableContent && answer.body.contains("no SMTP server is configured"))
            // The bank accounts statements are read for.
            answer = try await post("bank-accounts", ["account_name": "Main", "account_iban": "GB33BUKB20201555555555", "account_currency": "GBP"],
                                    as: admin)
            #expect(answer.status == .seeOther)
            #expect(try await settle.bankAccounts().map(\.account) == ["GB33BUKB20201555555555"])
            // Owners only: users and keys.
            answer = try await post("users", ["intent": "create", "email": "new@acme.example", "role": "viewer", "password": "long enough password"],
                                    as: admin)
            #expect(answer.status == .forbidden)
        }
    }

    @Test(arguments: TestEngine.available)
    func ownersManageUsersAndKeysShownOnce(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let owner = try await web.session(settle, role: .owner)
            func post(_ section: String, _ fields: [String: String]) async throws -> WebAppTests.Answer {
                var form = fields
                form["csrf"] = owner.csrf
                return try await web.send(client, .post, "/app/settings/\(section)", cookies: ["settle_session": owner.cookie], form: form)
            }
            var answer = try await post("users", ["intent": "create", "email": "new@acme.example", "role": "viewer", "password": "short"])
            #expect(answer.status == .unprocessableContent)
            #expect(try await settle.users().count == 1)
            answer = try await post("users", ["intent": "create", "email": "new@acme.example", "role": "viewer", "password": "long enough password"])
            #expect(answer.status == .seeOther)
            answer = try await post("users", ["intent": "role", "email": "new@acme.example", "role": "collector"])
            #expect(answer.status == .seeOther)
            answer = try await post("users", ["intent": "disable", "email": "owner@default.example"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("you cannot disable yourself"))
            let users = try await settle.users()
            #expect(users.first { $0.email == "new@acme.example" }?.role == .collector)

            // A key is shown once, on the answer that created it; only its hash is kept.
            answer = try await post("api-keys", ["intent": "create", "role": "viewer", "name": "accounting sync"])
            let key = try #require(answer.body.firstMatch(of: /<code>([^<]+)<\/code>/).map { String($0.1) })
            let stored = try #require(try await settle.apiKeys().first)
            #expect(stored.name == "accounting sync" && stored.role == .viewer)
            #expect(try await Settle.authenticate(apiKey: key, database: settle.database, now: "2024-03-31T12:00:00Z")?.role == .viewer)
            let page = try await web.send(client, .get, "/app/settings", cookies: ["settle_session": owner.cookie])
            #expect(page.body.contains(stored.publicID) && !page.body.contains(key))
            answer = try await post("api-keys", ["intent": "revoke", "key": stored.publicID])
            #expect(answer.status == .seeOther)
            #expect(try await Settle.authenticate(apiKey: key, database: settle.database, now: "2024-03-31T12:00:00Z") == nil)
        }
    }

    @Test func aTestEmailReachesARealSMTPServer() async throws {
        try await withSMTPTestServer(.plain) { server in
            let courier = EmailCourier(sender: SMTPSender(configuration: try SMTPConfiguration(url: server.url()), now: { Date() }))
            try await withServer(.sqlite, couriers: [courier]) { client, settle in
                _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(senderEmail: "ar@acme.example"))
                let admin = try await web.session(settle, role: .admin)
                let answer = try await web.send(client, .post, "/app/settings/test-message", cookies: ["settle_session": admin.cookie],
                                                form: ["csrf": admin.csrf, "channel": "email", "to": "boss@acme.example"])
                #expect(answer.status == .ok && answer.body.contains("Test email sent to boss@acme.example."), "\(answer.body)")
                let received = try server.receivedMessages()
                #expect(received.count == 1 && received.first?.recipients == ["boss@acme.example"])
                #expect(received.first?.text?.contains("This is a test message from Settle for Default organisation.") == true)
                #expect(try await settle.outbox().isEmpty)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func theDashboardShowsWhatNeedsAPersonAndRunsTheCycle(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await fillAPIBook(settle)
            let collector = try await web.session(settle, role: .collector)
            let admin = try await web.session(settle, role: .admin)
            _ = try await settle.addPromise(invoice: "D-MID", date: try Day(parsing: "2024-04-03"), amount: nil, note: "")
            _ = try await settle.addPromise(invoice: "D-OLD3", date: try Day(parsing: "2024-04-12"), amount: nil, note: "")
            var page = try await web.send(client, .get, "/app", cookies: ["settle_session": collector.cookie])
            // One promise falls in the week from 2024-03-31; the book's one bank entry has no candidate.
            #expect(page.body.contains("Promises due this week <strong>1</strong>"), "\(page.body)")
            #expect(page.body.contains("Unmatched bank entries <strong>1</strong>") && page.body.contains("Open disputes <strong>0</strong>"))
            #expect(page.body.contains("DSO and CEI over 12 months") && page.body.contains("Cash expected in EUR over 13 weeks"))
            #expect(!page.body.contains(#"action="/app/cycle""#))
            // Where the page's time went, for the benchmark: the parts add up to the total.
            let timing = try #require(page.headers[HTTPField.Name("Server-Timing")!])
            let parts = try #require(timing.wholeMatch(of: /session;dur=(\d+\.\d\d), data;dur=(-?\d+\.\d\d), render;dur=(\d+\.\d\d), total;dur=(\d+\.\d\d)/))
            let sum = [parts.1, parts.2, parts.3].compactMap { Decimal(string: String($0)) }.reduce(0, +)
            #expect(abs(sum - Decimal(string: String(parts.4))!) <= Decimal(string: "0.02")!, "\(timing)")
            var answer = try await web.send(client, .post, "/app/cycle", cookies: ["settle_session": collector.cookie],
                                            form: ["csrf": collector.csrf])
            #expect(answer.status == .forbidden)
            page = try await web.send(client, .get, "/app", cookies: ["settle_session": admin.cookie])
            #expect(page.body.contains(#"action="/app/cycle""#))
            answer = try await web.send(client, .post, "/app/cycle", cookies: ["settle_session": admin.cookie], form: ["csrf": admin.csrf])
            // The book's cycle of 2024-03-31 ran when it was built: a second run decides nothing new.
            #expect(answer.status == .ok && answer.body.contains("The cycle of 2024-03-31 ran: 0 actions, 0 messages ready to go"), "\(answer.body)")
        }
    }
}
