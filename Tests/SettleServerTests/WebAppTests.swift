import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleTestSupport
import Testing

/// Signing in to the web app: the session cookie, CSRF tokens, throttling and sign-out.
@Suite struct WebAppTests {
    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String

        /// The value a `Set-Cookie` of the answer gives `name`, with the whole header.
        func cookie(_ name: String) -> (value: String, header: String)? {
            for header in headers[values: .setCookie] where header.hasPrefix(name + "=") {
                let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
                return (String(value), header)
            }
            return nil
        }

        /// The value of the form's hidden `csrf` field.
        var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, cookies: [String: String] = [:],
              form: [String: String]? = nil, headers extra: HTTPFields = [:]) async throws -> Answer {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            let encoded = form.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.sorted().joined(separator: "&")
            body = ByteBuffer(string: encoded)
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) {
            Answer(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
    }

    @Test(arguments: TestEngine.available)
    func signInSessionCSRFAndSignOut(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let fast = Settle(database: settle.database, organisation: "default", time: settle.time, passwordCost: 4)
            _ = try await fast.createUser(email: "owner@example.com", role: .owner, password: "correct horse battery")

            var answer = try await send(client, .get, "/")
            #expect(answer.status == .seeOther && answer.headers[.location] == "/signin")
            answer = try await send(client, .get, "/app")
            #expect(answer.status == .seeOther && answer.headers[.location] == "/signin")

            // The form and its token, also in an HttpOnly, SameSite=Lax cookie for the form's path only.
            let form = try await send(client, .get, "/signin")
            let token = try #require(form.csrf)
            let signInCookie = try #require(form.cookie("settle_signin"))
            #expect(signInCookie.value == token && form.body.contains(#"<label for="password">Password</label>"#))
            #expect(signInCookie.header.contains("HttpOnly") && signInCookie.header.contains("SameSite=Lax")
                    && signInCookie.header.contains("Path=/signin") && !signInCookie.header.contains("Secure"))
            let fields = ["organisation": "default", "email": "Owner@Example.com", "password": "correct horse battery", "csrf": token]

            // Without the cookie the form's token proves nothing: refused, no session.
            answer = try await send(client, .post, "/signin", form: fields)
            #expect(answer.status == .forbidden && answer.cookie("settle_session") == nil)
            // A wrong password: the same message whether or not the address exists.
            var wrong = fields
            wrong["password"] = "wrong password here"
            answer = try await send(client, .post, "/signin", cookies: ["settle_signin": token], form: wrong)
            #expect(answer.status == .unauthorized && answer.body.contains("The email address or the password is not right."))
            #expect(answer.cookie("settle_session") == nil && answer.body.contains(#"value="Owner@Example.com""#))

            // The right one, behind a TLS proxy: a Secure session cookie and the dashboard.
            answer = try await send(client, .post, "/signin", cookies: ["settle_signin": token], form: fields,
                                    headers: [.init("X-Forwarded-Proto")!: "https"])
            let session = try #require(answer.cookie("settle_session"))
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app")
            #expect(session.header.contains("HttpOnly") && session.header.contains("SameSite=Lax") && session.header.contains("Secure")
                    && session.header.contains("Max-Age=43200"))
            #expect(session.value.hasPrefix("default.") && session.value.count == "default.".count + 43)
            let page = try await send(client, .get, "/app", cookies: ["settle_session": session.value])
            #expect(page.status == .ok && page.body.contains("Today, 2024-03-31") && page.body.contains("owner@example.com (owner)"))
            // D-1 (100.00) and D/2 (250.50) are owed: 350.50 EUR in all.
            #expect(page.body.contains("<td>350.50</td>") && page.body.contains("<svg role=\"img\""), "\(page.body)")
            #expect(page.headers[.cacheControl] == "no-store")
            // The same token under another organisation's name opens nothing.
            let tokenPart = String(session.value.dropFirst("default.".count))
            answer = try await send(client, .get, "/app", cookies: ["settle_session": "other." + tokenPart])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/signin")

            // Signing out needs the session's form token; then the cookie opens nothing.
            let csrf = try #require(page.csrf)
            answer = try await send(client, .post, "/signout", cookies: ["settle_session": session.value], form: ["csrf": "forged"])
            #expect(answer.status == .forbidden)
            #expect(try await send(client, .get, "/app", cookies: ["settle_session": session.value]).status == .ok)
            answer = try await send(client, .post, "/signout", cookies: ["settle_session": session.value], form: ["csrf": csrf])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/signin" && answer.cookie("settle_session")?.value == "")
            answer = try await send(client, .get, "/app", cookies: ["settle_session": session.value])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/signin")
        }
    }

    @Test(arguments: TestEngine.available)
    func repeatedFailuresLockTheAddressForAWhile(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let fast = Settle(database: settle.database, organisation: "default", time: settle.time, passwordCost: 4)
            _ = try await fast.createUser(email: "owner@example.com", role: .owner, password: "correct horse battery")
            let token = try #require(try await send(client, .get, "/signin").csrf)
            func attempt(_ password: String) async throws -> Answer {
                try await send(client, .post, "/signin", cookies: ["settle_signin": token],
                               form: ["organisation": "default", "email": "owner@example.com", "password": password, "csrf": token])
            }
            for _ in 0..<Settle.failureLimit {
                #expect(try await attempt("not the password").status == .unauthorized)
            }
            // Now even the right password waits for the window to pass.
            let locked = try await attempt("correct horse battery")
            #expect(locked.status == .tooManyRequests && locked.body.contains("Try again in 15 minutes") && locked.cookie("settle_session") == nil)
            // 16 minutes later it opens a session again.
            let later = Settle(database: settle.database, organisation: "default", time: FixedInstant(settle.time.now().addingTimeInterval(16 * 60)))
            #expect(try await later.signIn(email: "owner@example.com", password: "correct horse battery").token.count == 43)
        }
    }

    /// A session cookie for a new user of `organisation` with `role`.
    func session(_ settle: Settle, organisation: String = "default", role: Role) async throws -> (cookie: String, csrf: String) {
        let fast = Settle(database: settle.database, organisation: organisation, time: settle.time, passwordCost: 4)
        let email = "\(role.rawValue)@\(organisation).example"
        _ = try await fast.createUser(email: email, role: role, password: "long enough password")
        let signIn = try await fast.signIn(email: email, password: "long enough password")
        return (organisation + "." + signIn.token, signIn.session.csrfToken)
    }

    @Test(arguments: TestEngine.available)
    func theWorklistIsWorkedInPlaceByThoseWhoMay(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let ids = try await fillAPIBook(settle)
            let own = try #require(ids["default"]?.task), other = try #require(ids["other"]?.task)
            let collector = try await session(settle, role: .collector)
            let viewer = try await session(settle, role: .viewer)

            var page = try await send(client, .get, "/app/worklist", cookies: ["settle_session": viewer.cookie])
            #expect(page.status == .ok && page.body.contains("D-ACME") && !page.body.contains("/app/tasks/\(own)/complete"), "\(page.body)")
            page = try await send(client, .get, "/app/worklist", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains(#"action="/app/tasks/\#(own)/complete""#) && page.body.contains(#"<label for="outcome-\#(own)">"#))
            #expect(!page.body.contains("O-ACME"))

            // A viewer may not complete it, a forged form changes nothing, another organisation's task is not found.
            var answer = try await send(client, .post, "/app/tasks/\(own)/complete", cookies: ["settle_session": viewer.cookie],
                                        form: ["csrf": viewer.csrf, "outcome": "reached"])
            #expect(answer.status == .forbidden)
            answer = try await send(client, .post, "/app/tasks/\(own)/complete", cookies: ["settle_session": collector.cookie],
                                    form: ["csrf": "forged", "outcome": "reached"])
            #expect(answer.status == .forbidden)
            answer = try await send(client, .post, "/app/tasks/\(other)/complete", cookies: ["settle_session": collector.cookie],
                                    form: ["csrf": collector.csrf, "outcome": "reached"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("no task \(other)"))
            let otherView = Settle(database: settle.database, organisation: "other", time: settle.time)
            #expect(try await otherView.tasks(dueBy: nil).contains { $0.id == other })
            answer = try await send(client, .post, "/app/tasks/\(own)/complete", cookies: ["settle_session": collector.cookie],
                                    form: ["csrf": collector.csrf, "outcome": "promise", "promise_date": "someday"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Task \(own): the promised day"), "\(answer.body)")

            // Done: the worklist no longer shows it, and the task says how it ended.
            answer = try await send(client, .post, "/app/tasks/\(own)/complete", cookies: ["settle_session": collector.cookie],
                                    form: ["csrf": collector.csrf, "outcome": "voicemail", "note": "left a message"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/worklist?done=task-\(own)")
            page = try await send(client, .get, "/app/worklist?done=task-\(own)", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains("Task \(own) is done.") && !page.body.contains("/app/tasks/\(own)/complete"))
            #expect(try await settle.tasks(dueBy: nil).contains { $0.id == own } == false)
        }
    }

    @Test(arguments: TestEngine.available)
    func clientsAreFoundAndEachShowsItsWholeStory(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await fillAPIBook(settle)
            let viewer = try await session(settle, role: .viewer)
            let cookies = ["settle_session": viewer.cookie]
            #expect(try await send(client, .get, "/app/clients").headers[.location] == "/signin")
            var page = try await send(client, .get, "/app/clients?q=acme&overdue=1", cookies: cookies)
            #expect(page.status == .ok && page.body.contains(#"<a href="/app/clients/D-ACME">D-ACME</a>"#), "\(page.body)")
            #expect(!page.body.contains("O-ACME") && page.body.contains(" EUR</td>"))
            page = try await send(client, .get, "/app/clients?country=GB", cookies: cookies)
            #expect(page.body.contains("No client matches.") && !page.body.contains("D-ACME"))
            page = try await send(client, .get, "/app/clients?q=nobody", cookies: cookies)
            #expect(page.body.contains("No client matches."))

            page = try await send(client, .get, "/app/clients/D-ACME", cookies: cookies)
            #expect(page.status == .ok && page.body.contains("ap@acme.example") && page.body.contains(#"<a href="/app/invoices/D-OLD1">D-OLD1</a>"#), "\(page.body)")
            #expect(page.body.contains("Risk score <strong>") && page.body.contains("<td>days_late</td>"))
            // The timeline: the invoices issued and the payment of 2024-03-30, oldest first.
            let issued = try #require(page.body.range(of: #"<span class="day">2023-12-01</span> <span class="kind">invoice</span>"#))
            let paid = try #require(page.body.range(of: #"<span class="day">2024-03-30</span> <span class="kind">payment</span>"#))
            #expect(issued.lowerBound < paid.lowerBound)
            // Another organisation's client is not there for this session.
            #expect(try await send(client, .get, "/app/clients/O-ACME", cookies: cookies).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func invoicesAreListedAndEachExplainsItself(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await fillAPIBook(settle)
            let viewer = try await session(settle, role: .viewer)
            let cookies = ["settle_session": viewer.cookie]
            var page = try await send(client, .get, "/app/invoices?overdue=1", cookies: cookies)
            // Overdue on 2024-03-31: the three old ones, D-MID and D-1 (due 03-02); not D/2 (due that day).
            for number in ["D-OLD1", "D-OLD2", "D-OLD3", "D-MID", "D-1"] {
                #expect(page.body.contains(">\(number)</a>"), "\(number) missing: \(page.body)")
            }
            #expect(!page.body.contains(">D/2</a>") && !page.body.contains("O-OLD1"))
            page = try await send(client, .get, "/app/invoices?status=partially_paid", cookies: cookies)
            #expect(page.body.contains(">D-1</a>") && !page.body.contains(">D-OLD1</a>"), "\(page.body)")
            #expect(page.body.contains(#"<option value="partially_paid" selected>"#))
            page = try await send(client, .get, "/app/invoices?client=NOBODY", cookies: cookies)
            #expect(page.status == .unprocessableContent && page.body.contains("There is no client NOBODY."))

            // D/2, percent-encoded in the path: its ledger and what its policy will do.
            page = try await send(client, .get, "/app/invoices/D%2F2", cookies: cookies)
            #expect(page.status == .ok && page.body.contains("<h1>Invoice D/2</h1>") && page.body.contains("<td>principal</td><td>250.50</td>"),
                    "\(page.body)")
            #expect(page.body.contains("What the policy did and will do"))
            #expect(try await send(client, .get, "/app/invoices/O-1", cookies: cookies).status == .notFound)
            #expect(try await send(client, .get, "/app/invoices").headers[.location] == "/signin")
        }
    }

    @Test(arguments: TestEngine.available)
    func aPaymentIsRecordedFromTheInvoicePage(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let collector = try await session(settle, role: .collector)
            let viewer = try await session(settle, role: .viewer)
            var page = try await send(client, .get, "/app/invoices/D%2F2", cookies: ["settle_session": viewer.cookie])
            #expect(!page.body.contains("Record a payment"))
            page = try await send(client, .get, "/app/invoices/D%2F2", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains(#"action="/app/invoices/D%2F2/payments""#) && page.body.contains(#"value="2024-03-31""#), "\(page.body)")
            func pay(_ session: (cookie: String, csrf: String), _ fields: [String: String]) async throws -> Answer {
                var form = ["csrf": session.csrf, "date": "2024-03-30", "method": "bank_transfer", "reference": "web"]
                form.merge(fields) { $1 }
                return try await send(client, .post, "/app/invoices/D%2F2/payments", cookies: ["settle_session": session.cookie], form: form)
            }
            #expect(try await pay(viewer, ["amount": "50.00"]).status == .forbidden)
            #expect(try await pay(collector, ["amount": "50.00", "csrf": "forged"]).status == .forbidden)
            var answer = try await pay(collector, ["amount": "12,50"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Amount:") && answer.body.contains(#"value="12,50""#),
                    "\(answer.body)")
            answer = try await pay(collector, ["amount": "50.00", "date": "30.03.2024"])
            #expect(answer.status == .unprocessableContent && answer.body.contains("Received on:"))
            #expect(try await settle.invoiceDetail("D/2").stored.summary.balance.total.decimalString == "250.50")

            answer = try await pay(collector, ["amount": "50.00"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/app/invoices/D%2F2?done=payment")
            #expect(try await settle.invoiceDetail("D/2").stored.summary.balance.total.decimalString == "200.50")
            page = try await send(client, .get, "/app/invoices/D%2F2?done=payment", cookies: ["settle_session": collector.cookie])
            #expect(page.body.contains("Payment recorded.") && page.body.contains("<td>allocation</td><td>-50.00</td>"))
            // Another organisation's invoice cannot be paid from here.
            answer = try await send(client, .post, "/app/invoices/O-1/payments", cookies: ["settle_session": collector.cookie],
                                    form: ["csrf": collector.csrf, "amount": "1.00", "date": "2024-03-30", "method": "cash"])
            #expect(answer.status == .notFound)
        }
    }
}
