import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// The worklist in priority order with every kind of item worked in place, and what a person does
/// from a client's or an invoice's page.
@Suite struct WebWorkTests {
    let web = WebAppTests()

    @Test func priorityIsAmountTimesDaysOverdueTimesRisk() throws {
        let big = WorkPriority(amount: try Money(parsing: "310.00", currencyCode: "EUR"), daysOverdue: 80, risk: 40)
        #expect(big.value == 310 * 80 * 40 && big.reason == "310.00 EUR × 80 days overdue × risk 40")
        // No factor cancels the others: not overdue counts as a day, no history as risk 50, zero risk as 1.
        let fresh = WorkPriority(amount: try Money(parsing: "99.99", currencyCode: "EUR"), daysOverdue: -3, risk: nil)
        #expect(fresh.value == 99 * 1 * 50 && fresh.reason == "99.99 EUR × not overdue yet × risk unknown (counted as 50)")
        #expect(WorkPriority(amount: try Money(parsing: "5", currencyCode: "JPY"), daysOverdue: 1, risk: 0).value == 5)
        #expect(big > fresh)
    }

    @Test(arguments: TestEngine.available)
    func theWorklistComesInPriorityOrderAndIsWorkedInPlace(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let ids = try await fillAPIBook(settle)
            let approvals = try #require(ids["default"]?.approvals)
            let collector = try await web.session(settle, role: .collector)
            let admin = try await web.session(settle, role: .admin)

            var page = try await web.send(client, .get, "/app/worklist", cookies: ["settle_session": collector.cookie])
            // D-OLD2 (310.00, 80 days) before D-OLD1 (300.00, 81 days) before the call about D-MID (150.00, 48 days).
            let risk = try #require(try await settle.clientBehaviour(client: "D-ACME").clients.first?.risk.score)
            func balance(_ number: String) async throws -> String {
                try await settle.invoiceDetail(number).stored.summary.balance.total.decimalString
            }
            // With fees and interest: D-OLD2 358.57 × 80 days (28,680) before D-OLD1 348.40 × 81 (28,188), both
            // waiting for approval, before the call about D-MID 192.49 × 48.
            let (owed2, owed1, owedMid) = (try await balance("D-OLD2"), try await balance("D-OLD1"), try await balance("D-MID"))
            #expect(Decimal(string: owed2)! * 80 > Decimal(string: owed1)! * 81)
            let old2 = try #require(page.body.range(of: "Why here: \(owed2) EUR × 80 days overdue × risk \(risk)"))
            let old1 = try #require(page.body.range(of: "Why here: \(owed1) EUR × 81 days overdue × risk \(risk)"))
            let call = try #require(page.body.range(of: "Why here: \(owedMid) EUR × 48 days overdue × risk \(risk)"))
            #expect(old2.lowerBound < old1.lowerBound && old1.lowerBound < call.lowerBound)
            #expect(page.body.contains("Approve escalation") && page.body.contains("At stake: \(owed2) EUR, 80 days overdue, 0 open disputes"))
            // The call: the client's clock and whether calling is allowed (the test clock is noon UTC: 14:00 in Berlin).
            #expect(page.body.contains("Client's time: 14:00 there (Europe/Berlin): calling is allowed now"), "\(page.body)")
            // A collector works tasks but does not decide approvals.
            #expect(page.body.contains("/app/tasks/") && !page.body.contains("/app/approvals/"))
            var answer = try await web.send(client, .post, "/app/approvals/\(approvals[0])/decide", cookies: ["settle_session": collector.cookie],
                                            form: ["csrf": collector.csrf, "intent": "approve", "kind": "legal"])
            #expect(answer.status == .forbidden)
            answer = try await web.send(client, .post, "/app/approvals/\(approvals[0])/decide", cookies: ["settle_session": admin.cookie],
                                        form: ["intent": "approve", "kind": "legal"])
            #expect(answer.status == .forbidden)
            #expect(try await settle.approvals().count == 2)

            // An admin approves one (a legal case opens with its invoice) and rejects the other.
            page = try await web.send(client, .get, "/app/worklist", cookies: ["settle_session": admin.cookie])
            #expect(page.body.contains(#"action="/app/approvals/\#(approvals[0])/decide""#))
            answer = try await web.send(client, .post, "/app/approvals/\(approvals[0])/decide", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "intent": "approve", "kind": "nonsense"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("choose who takes the case over"))
            answer = try await web.send(client, .post, "/app/approvals/\(approvals[0])/decide", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "intent": "approve", "kind": "legal", "note": "no answer"])
            let legal = try #require(try await settle.cases().first { $0.kind == .legal })
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/worklist?done=approved-\(approvals[0])-\(legal.id)")
            answer = try await web.send(client, .post, "/app/approvals/\(approvals[1])/decide", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "intent": "reject"])
            #expect(answer.status == .seeOther)
            #expect(try await settle.approvals().isEmpty)
            page = try await web.send(client, .get, "/app/worklist?done=approved-\(approvals[0])-\(legal.id)",
                                      cookies: ["settle_session": admin.cookie])
            #expect(page.body.contains("Approval \(approvals[0]) approved: case \(legal.id) opened.") && !page.body.contains("Approve escalation"))
            // The page never repeats words from its address.
            page = try await web.send(client, .get, "/app/worklist?done=Your%20account%20is%20locked", cookies: ["settle_session": admin.cookie])
            #expect(!page.body.contains("Your account is locked"))

            // A broken promise waits on the worklist until a new one is made.
            let promise = try await settle.addPromise(invoice: "D-MID", date: try Day(parsing: "2024-04-05"), amount: nil, note: "")
            let org = try await settle.organisation()
            try await PromiseStore(settle.database.sql, orgID: org.id).close(promise, status: .broken, on: try Day(parsing: "2024-03-31"))
            page = try await web.send(client, .get, "/app/worklist", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains("Broken promise") && page.body.contains("Promised to pay by 2024-04-05"))
            answer = try await web.send(client, .post, "/app/invoices/D-MID/promises", cookies: ["settle_session": collector.cookie],
                                        form: ["csrf": collector.csrf, "back": "worklist", "date": "2024-03-01"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Invoice D-MID: the promised date 2024-03-01 is in the past"))
            answer = try await web.send(client, .post, "/app/invoices/D-MID/promises", cookies: ["settle_session": collector.cookie],
                                        form: ["csrf": collector.csrf, "back": "worklist", "date": "2024-04-20", "note": "second try"])
            #expect(answer.status == .seeOther && answer.headers[.location]?.hasPrefix("/app/worklist?done=promise-") == true)
            page = try await web.send(client, .get, "/app/worklist", cookies: ["settle_session": collector.cookie])
            #expect(!page.body.contains("Broken promise"))

            // A dispute opened from the client's page waits on the worklist until resolved there.
            answer = try await web.send(client, .post, "/app/clients/D-ACME/dispute", cookies: ["settle_session": collector.cookie],
                                        form: ["csrf": collector.csrf, "invoice": "D-OLD3", "reason": "quality", "note": "scratched"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/clients/D-ACME?done=dispute")
            page = try await web.send(client, .get, "/app/worklist", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains("Open dispute") && page.body.contains("quality since 2024-03-31: scratched"))
            answer = try await web.send(client, .post, "/app/invoices/D-OLD3/dispute/resolve", cookies: ["settle_session": collector.cookie],
                                        form: ["csrf": collector.csrf, "back": "worklist", "outcome": "rejected"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/worklist?done=dispute")
            page = try await web.send(client, .get, "/app/worklist", cookies: ["settle_session": collector.cookie])
            #expect(!page.body.contains("Open dispute") && page.body.contains("Dispute resolved.") == false)
        }
    }

    @Test(arguments: TestEngine.available)
    func theClientPageRecordsWhatTheClientSaysAndShowsWhatWasSent(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await fillAPIBook(settle)
            let collector = try await web.session(settle, role: .collector)
            let viewer = try await web.send(client, .get, "/", cookies: [:])
            #expect(viewer.status == .seeOther)
            let reader = try await web.session(settle, role: .viewer)
            func post(_ action: String, _ fields: [String: String], as who: (cookie: String, csrf: String)? = nil,
                      client code: String = "D-ACME") async throws -> WebAppTests.Answer {
                let who = who ?? collector
                var form = fields
                form["csrf"] = form["csrf"] ?? who.csrf
                return try await web.send(client, .post, "/app/clients/\(code)/\(action)", cookies: ["settle_session": who.cookie], form: form)
            }

            // What the cycle wrote to the client, word for word, before it goes.
            let queued = try #require(try await settle.messages(client: "D-ACME").first { $0.status == .queued })
            var page = try await web.send(client, .get, "/app/clients/D-ACME", cookies: ["settle_session": reader.cookie])
            #expect(page.body.contains("Messages waiting to go") && page.body.contains(Self.escaped(queued.subject)))
            #expect(page.body.contains(Self.escaped(String(queued.text.prefix(60)))))
            #expect(!page.body.contains("/app/clients/D-ACME/promise"))

            // Refusals name the problem and write nothing; the viewer and forged forms are refused.
            var answer = try await post("promise", ["invoice": "D-MID", "date": "2024-03-01"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("the promised date 2024-03-01 is in the past"))
            answer = try await post("promise", ["invoice": "O-1", "date": "2024-04-10"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("there is no invoice O-1"), "\(answer.body)")
            answer = try await post("promise", ["invoice": "D-MID", "date": "2024-04-10"], as: reader)
            #expect(answer.status == .forbidden)
            answer = try await post("promise", ["invoice": "D-MID", "date": "2024-04-10", "csrf": "forged"])
            #expect(answer.status == .forbidden)
            answer = try await post("note", ["text": "hello"], client: "O-ACME")
            #expect(answer.status == .notFound)
            #expect(try await settle.timeline(client: "D-ACME", invoice: nil).contains { $0.kind == "promise" } == false)

            // A promise, a note, a pause and a plan, each on the timeline or the page.
            answer = try await post("promise", ["invoice": "D-MID", "date": "2024-04-10", "amount": "100.00", "note": "on the phone"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/clients/D-ACME?done=promise")
            answer = try await post("note", ["text": "Prefers calls after lunch"])
            #expect(answer.status == .seeOther)
            answer = try await post("hold", ["kind": "pause", "until": "2024-04-07", "note": "owner on holiday"])
            #expect(answer.status == .seeOther)
            answer = try await post("plan", ["invoices": "D-OLD3,O-1", "instalments": "3", "every": "month", "start": "2024-04-15"])
            #expect(answer.status == .unprocessableContent)
            answer = try await post("plan", ["invoices": "D-OLD3", "instalments": "3", "every": "month", "start": "2024-04-15"])
            #expect(answer.status == .seeOther, "\(answer.body)")
            page = try await web.send(client, .get, "/app/clients/D-ACME?done=plan", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains("The plan is agreed") && page.body.contains("Promise to pay 100.00 EUR by 2024-04-10"))
            #expect(page.body.contains("Prefers calls after lunch") && page.body.contains("Chasing is paused until 2024-04-07"))
            #expect(try await settle.plans(activeOnly: true).contains { $0.invoiceIDs.count == 1 && $0.plan.instalments.count == 3 })

            // A payment not named to an invoice, from the client's page.
            let paymentsBefore = try await settle.payments(client: "D-ACME").count
            answer = try await post("payment", ["amount": "abc", "currency": "EUR", "date": "2024-03-31", "method": "bank_transfer"])
            #expect(answer.status == .unprocessableContent)
            answer = try await post("payment", ["amount": "30.00", "currency": "EUR", "date": "2024-03-31", "method": "bank_transfer"], as: reader)
            #expect(answer.status == .forbidden)
            #expect(try await settle.payments(client: "D-ACME").count == paymentsBefore)
            answer = try await post("payment", ["amount": "30.00", "currency": "EUR", "date": "2024-03-31", "method": "bank_transfer",
                                                "note": "cheque 42"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/clients/D-ACME?done=payment")
            #expect(try await settle.payments(client: "D-ACME").count == paymentsBefore + 1)

            // The list by the latest stage reached and by risk level.
            let level = try #require(try await settle.clientBehaviour(client: "D-ACME").clients.first?.risk.level)
            func codes(stage: String?, risk: RiskScore.Level?) async throws -> [String] {
                try await settle.clientList(text: nil, country: nil, overdueOnly: false, stage: stage, risk: risk, after: nil)
                    .clients.map(\.client.client.code)
            }
            #expect(try await codes(stage: "overdue-45", risk: nil) == ["D-ACME"])
            #expect(try await codes(stage: "overdue-99", risk: nil).isEmpty)
            #expect(try await codes(stage: nil, risk: level) == ["D-ACME"])
            #expect(try await codes(stage: "overdue-45", risk: level == .high ? .low : .high).isEmpty)
            page = try await web.send(client, .get, "/app/clients?stage=overdue-45&risk=\(level.rawValue)", cookies: ["settle_session": reader.cookie])
            #expect(page.body.contains(#"<a href="/app/clients/D-ACME">D-ACME</a>"#) && page.body.contains(#"<option value="overdue-45" selected>"#))

            // The statement as a PDF.
            let pdf = try await client.execute(uri: "/app/clients/D-ACME/statement.pdf", method: .get,
                                               headers: [.cookie: "settle_session=\(reader.cookie)"]) { $0 }
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf" && String(buffer: pdf.body).hasPrefix("%PDF"))
        }
    }

    @Test(arguments: TestEngine.available)
    func creditNotesAndWriteOffsAreForAdmins(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await fillAPIBook(settle)
            let collector = try await web.session(settle, role: .collector)
            let admin = try await web.session(settle, role: .admin)
            var page = try await web.send(client, .get, "/app/invoices/D-OLD3", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains("/app/invoices/D-OLD3/pdf") && !page.body.contains("credit-note"))
            var answer = try await web.send(client, .post, "/app/invoices/D-OLD3/credit-note", cookies: ["settle_session": collector.cookie],
                                            form: ["csrf": collector.csrf, "amount": "20.00", "reason": "goodwill"])
            #expect(answer.status == .forbidden)
            page = try await web.send(client, .get, "/app/invoices/D-OLD3", cookies: ["settle_session": admin.cookie])
            #expect(page.body.contains(#"action="/app/invoices/D-OLD3/credit-note""#))
            answer = try await web.send(client, .post, "/app/invoices/D-OLD3/credit-note", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "amount": "20.001", "reason": "goodwill"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Invoice D-OLD3:"))
            let before = try await settle.invoiceDetail("D-OLD3").stored.summary.balance.total
            answer = try await web.send(client, .post, "/app/invoices/D-OLD3/credit-note", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "amount": "20.00", "reason": "scratched box"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/invoices/D-OLD3?done=credit-note")
            let after = try await settle.invoiceDetail("D-OLD3").stored.summary.balance.total
            #expect(before.minorUnits - after.minorUnits == 2000)
            answer = try await web.send(client, .post, "/app/invoices/D-OLD3/write-off", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "reason": "bad_debt"])
            #expect(answer.status == .seeOther)
            #expect(try await settle.invoiceDetail("D-OLD3").stored.summary.balance.total.isZero)
            answer = try await web.send(client, .post, "/app/invoices/O-1/write-off", cookies: ["settle_session": admin.cookie],
                                        form: ["csrf": admin.csrf, "reason": "bad_debt"])
            #expect(answer.status == .notFound)
            let pdf = try await client.execute(uri: "/app/invoices/D-MID/pdf", method: .get,
                                               headers: [.cookie: "settle_session=\(collector.cookie)"]) { $0 }
            #expect(pdf.status == .ok && String(buffer: pdf.body).hasPrefix("%PDF"))
        }
    }

    @Test(arguments: TestEngine.available)
    func theClientsListPagesByCodeWithItsFilters(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.importClients(Array("""
                id,name,kind,email,phone,country,time_zone,language,terms
                D-BETA,Beta 100% Ltd,business,b@beta.example,,GB,Europe/London,en,net 30
                D-GAMMA,Gamma_Works,business,g@gamma.example,,DE,Europe/Berlin,de,net 30

                """.utf8), file: "more.csv", dryRun: false)
            var page = try await settle.clientList(text: nil, country: nil, overdueOnly: false, after: nil, limit: 2)
            #expect(page.clients.map(\.client.client.code) == ["D-ACME", "D-BETA"] && page.next == "D-BETA")
            page = try await settle.clientList(text: nil, country: nil, overdueOnly: false, after: page.next, limit: 2)
            #expect(page.clients.map(\.client.client.code) == ["D-GAMMA"] && page.next == nil)
            // LIKE's wildcards in the search are taken as they are written.
            #expect(try await settle.clientList(text: "100%", country: nil, overdueOnly: false, after: nil).clients.map(\.client.client.code) == ["D-BETA"])
            #expect(try await settle.clientList(text: "a_w", country: nil, overdueOnly: false, after: nil).clients.map(\.client.client.code) == ["D-GAMMA"])
            #expect(try await settle.clientList(text: "_", country: "GB", overdueOnly: false, after: nil).clients.isEmpty)
            // Only D-ACME owes anything overdue (2024-03-31); the other organisation's clients never show.
            page = try await settle.clientList(text: nil, country: nil, overdueOnly: true, after: nil, limit: 5)
            #expect(page.clients.map(\.client.client.code) == ["D-ACME"] && page.next == nil)
            let viewer = try await web.session(settle, role: .viewer)
            let answer = try await web.send(client, .get, "/app/clients?q=a", cookies: ["settle_session": viewer.cookie])
            #expect(answer.body.contains("D-GAMMA") && !answer.body.contains("O-ACME") && !answer.body.contains("Next clients"))
        }
    }

    /// Text as Mustache escapes it in a page.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
