import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
@testable import SettleServer
import OpenAPIRuntime
import SettleStore
import SettleTestSupport
import Testing

/// Sends a request with a key (and a JSON body, when given); returns the status and the JSON object of the body.
@discardableResult
func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, key: String = "KEY-default-owner",
          _ body: String? = nil, contentType: String = "application/json") async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
    try await client.execute(uri: "/api/v1" + path, method: method, headers: .bearer(key) + [.contentType: contentType],
                             body: body.map { ByteBuffer(string: $0) }) { ($0.status, json($0.body)) }
}

/// The fields named by a problem document's errors.
func problemFields(_ body: [String: Any]) -> Set<String> {
    Set((body["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
}

@Suite struct APIResourceTests {
    @Test(arguments: TestEngine.available)
    func contactsAndWhatClientsAskFor(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.importClients(Array("id,name,kind,country\nD-BETA,Beta,business,DE\n".utf8), file: "c.csv", dryRun: false)
            var answer = try await call(client, .get, "/clients?limit=1", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.map { $0["code"] as? String } == ["D-ACME"])
            answer = try await call(client, .get, "/clients?limit=1&cursor=\(answer.body["next_cursor"] as? String ?? "")", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.map { $0["code"] as? String } == ["D-BETA"] && answer.body["next_cursor"] == nil)
            answer = try await call(client, .get, "/clients/D-ACME/contacts", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.map { $0["email"] as? String } == ["ap@acme.example"])
            answer = try await call(client, .post, "/clients/D-ACME/contacts", #"{"name":"Bo","email":"bo-at-acme","phone":"12345"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["email", "phone"])
            answer = try await call(client, .post, "/clients/D-ACME/contacts", #"{"name":"Bo","phone":"+49 30 1234567","role":"accounts_payable"}"#)
            #expect(answer.status == .created && (answer.body["items"] as? [Any])?.count == 2)

            answer = try await call(client, .post, "/clients/D-ACME/pause", #"{"until":"2024-03-01"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["until"])
            answer = try await call(client, .post, "/clients/D-ACME/pause", #"{"until":"2024-04-10","note":"owner away"}"#)
            #expect(answer.status == .created && answer.body["until"] as? String == "2024-04-10")
            answer = try await call(client, .get, "/invoices/D-1/explain", key: "KEY-default-viewer")
            #expect((answer.body["holds"] as? [String])?.contains { $0.contains("2024-04-10") } == true, "\(answer.body)")

            func decision(_ channel: ContactMethod) async throws -> ContactDecision {
                try await settle.checkContact(client: "D-ACME", invoice: nil, channel: channel, at: settle.time.now()).decision
            }
            answer = try await call(client, .post, "/clients/D-ACME/opt-out", key: "KEY-default-collector", #"{"channel":"sms"}"#)
            #expect(answer.status == .created && answer.body["kind"] as? String == "opt_out")
            if case .refused = try await decision(.sms) {} else { Issue.record("texts are still allowed after the opt-out") }
            if case .refused = try await decision(.email) { Issue.record("an SMS opt-out refused email") }
            answer = try await call(client, .post, "/clients/D-ACME/cease", key: "KEY-default-collector", #"{"note":"letter of 30 March"}"#)
            #expect(answer.status == .created && answer.body["kind"] as? String == "cease")
            if case .refused = try await decision(.email) {} else { Issue.record("email is still allowed after the cease request") }
        }
    }

    @Test(arguments: TestEngine.available)
    func creditNotesWriteOffsAndUnappliedCredit(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let org = try await settle.organisation().id
            let lined = Invoice(number: try InvoiceNumber("D-L"), client: "D-ACME", issueDate: try Day(parsing: "2024-03-01"),
                                dueDate: try Day(parsing: "2024-03-31"), currency: .EUR,
                                lines: [InvoiceLine(description: "Consulting", quantity: try Quantity(parsing: "2.5"),
                                                    unitPrice: try Money(parsing: "80.00", currency: .EUR), taxRate: try Percentage(parsing: "19"))],
                                total: try Money(parsing: "238.00", currency: .EUR))
            let clientID = try await ClientStore(settle.database.sql, orgID: org).require("D-ACME").id
            try await InvoiceStore(settle.database.sql, orgID: org).insert([lined], clientIDs: ["D-ACME": clientID], now: settle.timestamp)
            var answer = try await call(client, .get, "/invoices/D-L", key: "KEY-default-viewer")
            let line = (answer.body["lines"] as? [[String: Any]])?.first
            #expect(line?["description"] as? String == "Consulting" && line?["quantity"] as? String == "2.5"
                    && line?["unit_price"] as? String == "80.00" && line?["tax_rate"] as? String == "19", "\(answer.body)")
            answer = try await call(client, .post, "/invoices/D%2F2/credit-notes", key: "KEY-default-admin", #"{"amount":"12.345","reason":" "}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["amount", "reason"])
            answer = try await call(client, .post, "/invoices/D%2F2/credit-notes", key: "KEY-default-admin", #"{"amount":"50.00","reason":"damaged"}"#)
            #expect(answer.status == .created && answer.body["balance"] as? String == "200.50")
            answer = try await call(client, .post, "/invoices/D%2F2/write-off", key: "KEY-default-admin", #"{"reason":"goodwill"}"#)
            #expect(answer.body["status"] as? String == "written_off" && answer.body["balance"] as? String == "0.00")

            answer = try await call(client, .post, "/payments", key: "KEY-default-collector",
                                    #"{"client":"D-ACME","date":"2024-03-31","currency":"EUR","amount":"500.00","method":"bank_transfer"}"#)
            #expect(answer.body["unapplied"] as? String == "162.00") // 500.00 - D-1 100.00 - D-L 238.00
            let paymentID = answer.body["id"] as? Int ?? 0
            _ = try await settle.importInvoices(Array("number,client,issue_date,due_date,currency,amount\nD-3,D-ACME,2024-03-15,2024-04-14,EUR,150.00\n".utf8),
                                                file: "i.csv", dryRun: false)
            answer = try await call(client, .post, "/clients/D-ACME/apply-credit", key: "KEY-default-collector")
            let allocations = answer.body["allocations"] as? [[String: Any]] ?? []
            #expect(answer.status == .ok && allocations.map { $0["invoice"] as? String } == ["D-3"] && allocations.first?["amount"] as? String == "-150.00",
                    "\(answer.body)")
            answer = try await call(client, .get, "/payments/\(paymentID)", key: "KEY-default-viewer")
            #expect(answer.body["unapplied"] as? String == "12.00")
            answer = try await call(client, .get, "/clients/D-ACME/payments", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [paymentID])
        }
    }

    /// `updated_since` keeps the invoices with money posted (or created, voided) at or after the instant.
    @Test(arguments: TestEngine.available)
    func invoicesUpdatedSince(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let later = Settle(database: settle.database, organisation: "default", time: FixedInstant(Date(timeIntervalSince1970: 1_711_897_200)))
            _ = try await later.addPayment(Payment(client: "D-ACME", date: try Day(parsing: "2024-03-31"), amount: try Money(parsing: "10.00", currencyCode: "EUR"),
                                                   method: .card, reference: "", invoice: try InvoiceNumber("D/2")))
            var answer = try await call(client, .get, "/invoices?updated_since=2024-03-31T14:00:00Z", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.map { $0["number"] as? String } == ["D/2"], "\(answer.body)")
            answer = try await call(client, .get, "/invoices?updated_since=2024-03-31T00:00:00Z", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [Any])?.count == 2)
            answer = try await call(client, .get, "/invoices?updated_since=yesterday", key: "KEY-default-viewer")
            #expect(answer.status == .badRequest)
        }
    }

    @Test(arguments: TestEngine.available)
    func policiesAndTemplates(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            let gentle = "name: gentle\\nstages:\\n  - id: first\\n    offset: 5\\n    actions: [email]\\n    tone: polite\\n    template: reminder\\n"
            var answer = try await call(client, .put, "/policies/gentle", key: "KEY-default-admin",
                                        #"{"source":"\#(gentle.replacingOccurrences(of: "tone: polite", with: "tone: shouty"))"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["source"])
            #expect((answer.body["errors"] as? [[String: Any]])?.first?["message"] as? String ?? "" ~= "line 6", "\(answer.body)")
            answer = try await call(client, .put, "/policies/kind", key: "KEY-default-admin", #"{"source":"\#(gentle)"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["source"])
            answer = try await call(client, .put, "/policies/gentle", key: "KEY-default-admin", #"{"source":"\#(gentle)"}"#)
            #expect(answer.status == .ok && (answer.body["stages"] as? [[String: Any]])?.first?["offset_days"] as? Int == 5)
            answer = try await call(client, .get, "/policies", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["standard", "gentle"])
            answer = try await call(client, .post, "/policies/gentle/assign", key: "KEY-default-admin", #"{"client":"O-ACME"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["client"])
            answer = try await call(client, .post, "/policies/gentle/assign", key: "KEY-default-admin", #"{"client":"D-ACME"}"#)
            #expect(answer.status == .ok)
            answer = try await call(client, .get, "/invoices/D-1/explain", key: "KEY-default-viewer")
            #expect(answer.body["policy"] as? String == "gentle")

            answer = try await call(client, .put, "/templates/nudge/en/polite", key: "KEY-default-admin",
                                    #"{"subject":"About {{invoice.numbr}}","text":"Pay {{invoice.number}}","html":"<p>Pay</p>"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["subject"])
            #expect((answer.body["errors"] as? [[String: Any]])?.first?["message"] as? String ?? "" ~= "invoice.numbr")
            answer = try await call(client, .put, "/templates/nudge/en/polite", key: "KEY-default-admin",
                                    #"{"subject":"About {{invoice.number}}","text":"Pay {{invoice.number}} please","html":"<p>Pay</p>"}"#)
            #expect(answer.status == .ok && answer.body["source"] as? String == "saved")
            answer = try await call(client, .post, "/templates/nudge/preview", key: "KEY-default-viewer", #"{"tone":"polite","invoices":["D-1"]}"#)
            #expect(answer.body["subject"] as? String == "About D-1" && answer.body["text"] as? String == "Pay D-1 please\n", "\(answer.body)")
            answer = try await call(client, .post, "/templates/nudge/preview", key: "KEY-default-viewer", #"{"tone":"polite","invoices":["O-1"]}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["invoices"])
        }
    }

    @Test(arguments: TestEngine.available)
    func plansEscalationsAndTheCycle(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let ids = try await fillAPIBook(settle)["default"]!
            var answer = try await call(client, .post, "/plans", key: "KEY-default-collector",
                                        #"{"client":"D-ACME","invoices":["D-9"],"instalments":0,"every":"month","start":"2024-04-30"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["instalments", "invoices"])
            answer = try await call(client, .get, "/plans", key: "KEY-default-viewer")
            let plan = (answer.body["items"] as? [[String: Any]])?.first
            #expect(plan?["id"] as? Int == Int(ids.plan) && (plan?["instalments"] as? [Any])?.count == 2 && plan?["total"] as? String == "250.50")
            answer = try await call(client, .post, "/plans/\(ids.plan)/cancel", key: "KEY-default-collector")
            #expect(answer.body["status"] as? String == "cancelled")
            #expect((try await call(client, .get, "/plans").body["items"] as? [Any])?.isEmpty == true)
            #expect((try await call(client, .get, "/plans?all=true").body["items"] as? [Any])?.count == 1)

            answer = try await call(client, .get, "/approvals", key: "KEY-default-viewer")
            let approvals = answer.body["items"] as? [[String: Any]] ?? []
            #expect(approvals.count == 2 && approvals.allSatisfy { ($0["days_overdue"] as? Int ?? 0) > 60 && $0["currency"] as? String == "EUR" })
            answer = try await call(client, .post, "/approvals/\(ids.approvals[0])/approve", key: "KEY-default-admin", #"{"kind":"legal"}"#)
            #expect(answer.status == .created && answer.body["kind"] as? String == "legal" && answer.body["invoices"] as? [String] == [approvals[0]["invoice"] as? String ?? "?"])
            answer = try await call(client, .post, "/approvals/\(ids.approvals[1])/reject", key: "KEY-default-admin", #"{"note":"talking"}"#)
            #expect(answer.body["status"] as? String == "rejected")
            #expect((try await call(client, .get, "/approvals").body["items"] as? [Any])?.isEmpty == true)
            answer = try await call(client, .post, "/cases/\(ids.escalationCase)/status", key: "KEY-default-admin", #"{"status":"recovered"}"#)
            #expect(answer.body["status"] as? String == "recovered")
            answer = try await call(client, .get, "/cases/\(ids.escalationCase)/export", key: "KEY-default-admin")
            let files = answer.body["files"] as? [[String: Any]] ?? []
            #expect(!files.isEmpty && files.contains { ($0["contents"] as? String ?? "").contains("D-OLD") })

            // Actions, a page at a time, the same as recorded; one invoice's only.
            let recorded = try await ActionStore(settle.database.sql, orgID: try await settle.organisation().id).page(ActionFilter(limit: 1000))
            var seen: [Int] = []
            var cursor: String?
            repeat {
                answer = try await call(client, .get, "/actions?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), key: "KEY-default-viewer")
                seen += (answer.body["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                cursor = answer.body["next_cursor"] as? String
            } while cursor != nil && seen.count < 100
            #expect(seen == recorded.map { Int($0.id) } && seen.count > 2)
            answer = try await call(client, .get, "/actions?invoice=D-MID", key: "KEY-default-viewer")
            let mid = answer.body["items"] as? [[String: Any]] ?? []
            #expect(!mid.isEmpty && mid.allSatisfy { $0["invoice"] as? String == "D-MID" } && mid.contains { $0["kind"] as? String == "call_task" })
            #expect(try await call(client, .get, "/actions?from=2024-13-01").status == .unprocessableContent)

            // The worklist, a task at a time, the same as the open tasks.
            let org = try await settle.organisation().id
            let acme = try await ClientStore(settle.database.sql, orgID: org).require("D-ACME").id
            for (key, day) in [("reply/test-1", "2024-03-30"), ("reply/test-2", "2024-03-31")] {
                try await TaskStore(settle.database.sql, orgID: org).add(key: key, kind: .reply, clientID: acme, invoiceID: nil,
                                                                         reason: "a reply to read", day: try Day(parsing: day), now: settle.timestamp)
            }
            let open = try await settle.tasks(dueBy: nil).map { Int($0.id) }
            var tasks: [Int] = []
            cursor = nil
            repeat {
                answer = try await call(client, .get, "/tasks?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), key: "KEY-default-viewer")
                tasks += (answer.body["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                cursor = answer.body["next_cursor"] as? String
            } while cursor != nil && tasks.count < 100
            #expect(tasks == open && open.count >= 2, "\(tasks) vs \(open)")
            #expect(try await call(client, .get, "/tasks?cursor=bm9wZQ").status == .unprocessableContent)

            answer = try await call(client, .get, "/messages?limit=1", key: "KEY-default-viewer")
            #expect((answer.body["items"] as? [[String: Any]])?.first?["text"] == nil && answer.body["next_cursor"] is String)
            answer = try await call(client, .get, "/messages/\(ids.message)", key: "KEY-default-viewer")
            #expect((answer.body["text"] as? String ?? "").contains("D-") && answer.body["client"] as? String == "D-ACME")

            // The cycle: a dry run by a viewer records nothing; a real one needs an admin.
            answer = try await call(client, .post, "/collect?dry_run=true", key: "KEY-default-viewer")
            #expect(answer.status == .ok && answer.body["dry_run"] as? Bool == true)
            #expect(try await call(client, .post, "/collect", key: "KEY-default-viewer").status == .forbidden)
            let after = try await ActionStore(settle.database.sql, orgID: try await settle.organisation().id).page(ActionFilter(limit: 1000))
            #expect(after.count == recorded.count)
            #expect(try await call(client, .get, "/simulate?days=0").status == .unprocessableContent)
            answer = try await call(client, .get, "/simulate?from=2024-04-01&days=5", key: "KEY-default-viewer")
            #expect((answer.body["days"] as? [[String: Any]])?.map { $0["day"] as? String }
                    == ["2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04", "2024-04-05"])
        }
    }

    /// Contract interest of 8 % a year on 1,000.00 from 1 January to 31 March 2024: 90 days,
    /// 1000 × 0.08 × 90 / 365 = 19.73 (the contract regime counts actual days over 365).
    @Test(arguments: TestEngine.available)
    func interestCalculation(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            var answer = try await call(client, .get, "/interest?amount=1000.00&currency=EUR&due=2024-01-01&until=2024-03-31&regime=contract:8",
                                        key: "KEY-default-viewer")
            #expect(answer.body["days"] as? Int == 90 && answer.body["interest"] as? String == "19.73", "\(answer.body)")
            answer = try await call(client, .get, "/interest?amount=10.001&currency=EUR&due=2024-03-01&until=2024-02-01&regime=roman")
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["amount", "until", "regime"])
        }
    }

    /// A failure that is not the caller's (here: the database is gone) is a 500 naming only the
    /// request id, not a 400 blaming the request.
    @Test func anUnexpectedFailureIsA500() async throws {
        try await withServer(.sqlite) { client, settle in
            await settle.database.close()
            let answer = try await call(client, .post, "/invoices/D-1/promises", key: "KEY-default-collector", #"{"date":"2024-04-20"}"#)
            #expect(answer.status == .internalServerError || answer.status == .serviceUnavailable, "\(answer.body)")
            #expect((answer.body["detail"] as? String ?? "").contains("request"), "\(answer.body)")
        }
    }

    /// The log line of a failed request names the operation and the cause, never the request's
    /// headers (the API key is one of them).
    @Test func failuresAreLoggedWithoutTheKey() {
        var request = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/v1/payments")
        request.headerFields[.authorization] = "Bearer settle_SECRETSECRETSECRET"
        let error = ServerError(operationID: "recordPayment", request: request, requestBody: nil, requestMetadata: .init(),
                                causeDescription: "User handler threw an error.", underlyingError: CancellationError())
        #expect(String(reflecting: error).contains("SECRETSECRET"), "the wrapper does describe the headers")
        let logged = Problem.loggable(error)
        #expect(logged.contains("recordPayment") && logged.contains("CancellationError") && !logged.contains("SECRET"), "\(logged)")
    }

    @Test(arguments: TestEngine.available)
    func bankAccountsAndStatementUpload(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            var answer = try await call(client, .post, "/bank-accounts", key: "KEY-default-admin", #"{"iban":"DE00370400440532013000","currency":"EUR","name":"Main"}"#)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["iban"], "\(answer.body)")
            answer = try await call(client, .post, "/bank-accounts", key: "KEY-default-admin", #"{"iban":"DE89370400440532013000","account":"1","currency":"EURO","name":""}"#)
            #expect(problemFields(answer.body) == ["iban", "currency", "name"])
            answer = try await call(client, .post, "/bank-accounts", key: "KEY-default-admin", #"{"iban":"DE89370400440532013000","currency":"EUR","name":"Main"}"#)
            #expect(answer.status == .created)
            #expect((try await call(client, .get, "/bank-accounts").body["items"] as? [[String: Any]])?.first?["account"] as? String == "DE89370400440532013000")

            let statement = ReconciliationAPITests.statement
            answer = try await call(client, .post, "/statements", key: "KEY-default-admin", "", contentType: "application/octet-stream")
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["body"])
            answer = try await call(client, .post, "/statements?dry_run=true&file=march.xml", key: "KEY-default-admin", statement, contentType: "application/octet-stream")
            #expect(answer.status == .created && answer.body["dry_run"] as? Bool == true && answer.body["suggested"] as? Int == 1 && answer.body["format"] as? String == "camt053")
            #expect((try await call(client, .get, "/reconciliation").body["items"] as? [Any])?.isEmpty == true)
            answer = try await call(client, .post, "/statements?file=march.xml", key: "KEY-default-admin", statement, contentType: "application/octet-stream")
            #expect(answer.body["new"] as? Int == 1 && answer.body["file"] as? String == "march.xml")
            _ = try await call(client, .post, "/reconciliation/1/match", key: "KEY-default-collector", "{}")
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"settle_payments_matched_total{how="person"}"#))
            }
            #expect((try await call(client, .get, "/reconciliation").body["items"] as? [Any])?.count == 1)
            answer = try await call(client, .post, "/statements?file=april.xml", key: "KEY-default-admin",
                                    statement.replacingOccurrences(of: "R-1", with: "R-2").replacingOccurrences(of: "<MsgId>M", with: "<MsgId>M2"),
                                    contentType: "application/octet-stream")
            #expect(answer.body["new"] as? Int == 1, "\(answer.body)")
            answer = try await call(client, .get, "/reconciliation?limit=1", key: "KEY-default-viewer")
            let first = (answer.body["items"] as? [[String: Any]])?.first?["id"] as? Int ?? 0
            let second = try await call(client, .get, "/reconciliation?limit=1&cursor=\(answer.body["next_cursor"] as? String ?? "")")
            let next = (second.body["items"] as? [[String: Any]])?.first?["id"] as? Int ?? 0
            #expect(first > 0 && next > first && second.body["next_cursor"] == nil)
            answer = try await call(client, .post, "/statements?format=camt053&file=broken.xml", key: "KEY-default-admin",
                                    String(statement.prefix(400)), contentType: "application/octet-stream")
            #expect(answer.status == .unprocessableContent && (answer.body["detail"] as? String ?? "").contains("broken.xml"), "\(answer.body)")
        }
    }
}

/// Whether a text contains another (for messages whose wording around the point may change).
func ~= (text: String, part: String) -> Bool { text.contains(part) }
