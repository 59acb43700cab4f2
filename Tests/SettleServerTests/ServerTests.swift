import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleServer
import SettleStore
import SettleTestSupport
import Testing

/// A migrated database with two organisations, each with a client and two invoices, served by a
/// router whose keys are fixed in the test: `KEY-<org>-<role>`; the inbound webhooks check `inbound`.
func withServer<R: Sendable>(_ engine: TestEngine, inbound: InboundSettings = InboundSettings(), couriers: [any MessageCourier] = [],
                             _ body: @escaping @Sendable (any TestClientProtocol, Settle) async throws -> R) async throws -> R {
    try await withEmptyDatabase(engine) { url in
        let settle = try await Settle.open(SettleConfiguration(database: url, time: FixedDay(try Day(parsing: "2024-03-31"))))
        do {
            try await settle.migrate()
            let other = try await settle.createOrganisation(Organisation(
                slug: "other", name: "Other Ltd", currency: .EUR, timeZone: "Europe/London", country: "GB"))
            let orgs = ["default": try await settle.organisation().id, "other": other.id]
            for slug in ["default", "other"] {
                let view = Settle(database: settle.database, organisation: slug, time: settle.time)
                let prefix = slug == "default" ? "D" : "O"
                _ = try await view.importClients(Array("""
                    id,name,kind,email,phone,country,time_zone,language,terms
                    \(prefix)-ACME,Acme \(slug),business,ap@acme.example,,DE,Europe/Berlin,de,net 30

                    """.utf8), file: "c.csv", dryRun: false)
                _ = try await view.importInvoices(Array("""
                    number,client,issue_date,due_date,currency,amount,description
                    \(prefix)-1,\(prefix)-ACME,2024-02-01,2024-03-02,EUR,100.00,first
                    \(prefix)/2,\(prefix)-ACME,2024-03-01,2024-03-31,EUR,250.50,second

                    """.utf8), file: "i.csv", dryRun: false)
            }
            let router = try SettleServer.router(database: settle.database, time: settle.time, inbound: inbound, couriers: couriers) { key in
                let parts = key.split(separator: "-")
                guard parts.count == 3, parts[0] == "KEY", let orgID = orgs[String(parts[1])], let role = Role(rawValue: String(parts[2])) else {
                    return nil
                }
                return Caller(orgID: orgID, organisation: String(parts[1]), role: role, keyID: "key_test")
            }
            let app = Application(router: router)
            let result = try await app.test(.router) { client in try await body(client, settle) }
            await settle.close()
            return result
        } catch {
            await settle.close()
            throw error
        }
    }
}

/// The JSON object of a body; empty when it is not one (the expectations on its fields then fail).
func json(_ buffer: ByteBuffer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
}

extension HTTPFields {
    static func bearer(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)"] }
}

@Suite struct ServerTests {
    @Test(arguments: TestEngine.available)
    func healthReadyContractAndMetrics(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok && String(buffer: $0.body) == "ok\n") }
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/yaml")
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
            try await client.execute(uri: "/api/v1/clients", method: .get, headers: .bearer("KEY-default-viewer")) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                // The registry is the process's: other tests count too, so only the series is checked.
                #expect(String(buffer: response.body).contains(
                    #"hb_requests{http_route="/api/v1/clients",http_request_method="GET",http_response_status_code="200"}"#))
            }
            try await client.execute(uri: "/health", method: .get, headers: [.init("X-Request-Id")!: "abc-123"]) { response in
                #expect(response.headers[.init("X-Request-Id")!] == "abc-123")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func keysDecideWhoMaySeeAndDoWhat(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            // No key, a wrong key: 401 as a problem document.
            for headers: HTTPFields in [[:], .bearer("nonsense"), [.authorization: "Basic eA=="]] {
                try await client.execute(uri: "/api/v1/invoices", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(json(response.body)["status"] as? Int == 401)
                }
            }
            // Own invoice: read by a viewer; another organisation's: 404 whatever the role.
            try await client.execute(uri: "/api/v1/invoices/D%2F2", method: .get, headers: .bearer("KEY-default-viewer")) { response in
                #expect(response.status == .ok)
                let body = json(response.body)
                #expect(body["number"] as? String == "D/2" && body["balance"] as? String == "250.50" && body["status"] as? String == "open")
            }
            try await client.execute(uri: "/api/v1/invoices/O-1", method: .get, headers: .bearer("KEY-default-owner")) { response in
                #expect(response.status == .notFound)
                #expect((json(response.body)["detail"] as? String)?.contains("no invoice O-1") == true)
            }
            // A viewer may not record a payment: 403; a collector may.
            let payment = #"{"client":"D-ACME","date":"2024-03-30","currency":"EUR","amount":"100.00","method":"bank_transfer","invoice":"D-1"}"#
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: .bearer("KEY-default-viewer") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: payment)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: .bearer("KEY-default-collector") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: payment)) { response in
                #expect(response.status == .created)
                let body = json(response.body)
                #expect(body["amount"] as? String == "100.00" && body["unapplied"] as? String == "0.00")
                #expect((body["allocations"] as? [[String: Any]])?.first?["invoice"] as? String == "D-1")
            }
            // Another organisation's payment cannot be reversed, not even by its id: 404.
            try await client.execute(uri: "/api/v1/payments/1/reverse", method: .post,
                                     headers: .bearer("KEY-other-owner") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"reason":"mistake"}"#)) { #expect($0.status == .notFound) }
        }
    }

    @Test(arguments: TestEngine.available)
    func listsArePagedWithCursorsAndFiltered(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            var cursor: String?
            var numbers: [String] = []
            repeat {
                let uri = "/api/v1/invoices?limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: .bearer("KEY-default-viewer")) { response in
                    #expect(response.status == .ok)
                    let body = json(response.body)
                    let items = body["items"] as? [[String: Any]] ?? []
                    numbers += items.compactMap { $0["number"] as? String }
                    cursor = body["next_cursor"] as? String
                }
            } while cursor != nil && numbers.count < 5
            #expect(numbers == ["D-1", "D/2"])
            try await client.execute(uri: "/api/v1/invoices?due_from=2024-03-10", method: .get, headers: .bearer("KEY-default-viewer")) { response in
                let items = json(response.body)["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["number"] as? String } == ["D/2"])
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func invalidInputIsAProblemNamingTheFields(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            let bad = #"{"client":"D-ACME","date":"2024-13-01","currency":"EUR","amount":"12.345","method":"bank_transfer"}"#
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: .bearer("KEY-default-admin") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                let errors = json(response.body)["errors"] as? [[String: String]] ?? []
                #expect(Set(errors.compactMap { $0["field"] }) == ["date", "amount"])
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: .bearer("KEY-default-admin") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"client":"D-ACME"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/v1/invoices?limit=0", method: .get, headers: .bearer("KEY-default-admin")) { response in
                #expect(response.status == .unprocessableContent)
                let errors = json(response.body)["errors"] as? [[String: String]] ?? []
                #expect(errors.first?["field"] == "limit")
            }
        }
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var fields = lhs
        fields.append(contentsOf: rhs)
        return fields
    }
}

@Suite struct IdempotencyTests {
    @Test(arguments: TestEngine.available)
    func aReplayGetsTheFirstResponseAndMakesNothingNew(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let body = #"{"client":"D-ACME","date":"2024-03-30","currency":"EUR","amount":"40.00","method":"card"}"#
            let headers = HTTPFields.bearer("KEY-default-collector") + [.contentType: "application/json", .init("Idempotency-Key")!: "pay-1"]
            var first = ""
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                first = String(buffer: response.body)
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created && String(buffer: response.body) == first)
                #expect(response.headers[.init("Idempotency-Replayed")!] == "true")
            }
            let other = body.replacingOccurrences(of: "40.00", with: "41.00")
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers, body: ByteBuffer(string: other)) { response in
                #expect(response.status == .unprocessableContent)
                #expect((json(response.body)["detail"] as? String)?.contains("Idempotency-Key was used with another request") == true)
            }
            // The same key in another organisation is another key.
            let elsewhere = #"{"client":"O-ACME","date":"2024-03-30","currency":"EUR","amount":"40.00","method":"card"}"#
            try await client.execute(uri: "/api/v1/payments", method: .post,
                                     headers: .bearer("KEY-other-collector") + [.contentType: "application/json", .init("Idempotency-Key")!: "pay-1"],
                                     body: ByteBuffer(string: elsewhere)) { #expect($0.status == .created) }
            // A refused first request leaves the key free for the corrected one.
            let refusedHeaders = HTTPFields.bearer("KEY-default-collector") + [.contentType: "application/json", .init("Idempotency-Key")!: "pay-2"]
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: refusedHeaders,
                                     body: ByteBuffer(string: body.replacingOccurrences(of: "40.00", with: "-1"))) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: refusedHeaders, body: ByteBuffer(string: body)) {
                #expect($0.status == .created)
            }
            let rows = try await settle.database.sql.raw("SELECT COUNT(*) AS n FROM payments").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == 3)
        }
    }
}

@Suite struct ReconciliationAPITests {
    static let statement = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
          <GrpHdr><MsgId>M</MsgId><CreDtTm>2024-03-31T06:00:00</CreDtTm></GrpHdr>
          <Stmt><Id>S</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
            <Ntry><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-03-31</Dt></BookgDt>
              <AcctSvcrRef>R-1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Acme default</Nm></Pty></Dbtr></RltdPties>
              <RmtInf><Ustrd>Danke</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
          </Stmt></BkToCstmrStmt></Document>
        """

    @Test(arguments: TestEngine.available)
    func theQueueThroughTheAPI(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main")
            let read = try await settle.importStatement(InputStream(data: Data(Self.statement.utf8)), file: "s.xml", dryRun: false)
            #expect(read.summary.suggested == 1)
            try await client.execute(uri: "/api/v1/reconciliation?status=suggested", method: .get, headers: .bearer("KEY-default-viewer")) { response in
                let items = json(response.body)["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["amount"] as? String == "100.00")
                let candidates = items.first?["candidates"] as? [[String: Any]] ?? []
                #expect(candidates.first?["invoices"] as? [String] == ["D-1"] && candidates.first?["confidence"] as? Int == 80)
            }
            let match = HTTPFields.bearer("KEY-default-collector") + [.contentType: "application/json"]
            try await client.execute(uri: "/api/v1/reconciliation/1/match", method: .post, headers: .bearer("KEY-default-viewer") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: "{}")) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/reconciliation/1/match", method: .post, headers: .bearer("KEY-other-owner") + [.contentType: "application/json"],
                                     body: ByteBuffer(string: "{}")) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/reconciliation/1/match", method: .post, headers: match, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .ok)
                let body = json(response.body)
                #expect(body["status"] as? String == "applied" && body["invoices"] as? [String] == ["D-1"] && body["client"] as? String == "D-ACME")
            }
            try await client.execute(uri: "/api/v1/reconciliation/1/match", method: .post, headers: match, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unprocessableContent)
                #expect((json(response.body)["detail"] as? String)?.contains("already applied") == true)
            }
            try await client.execute(uri: "/api/v1/clients/D-ACME/timeline?invoice=D-1", method: .get, headers: .bearer("KEY-default-viewer")) { response in
                let kinds = (json(response.body)["items"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(kinds.contains("bank_entry") && kinds.contains("payment") && kinds.first == "invoice")
            }
            try await client.execute(uri: "/api/v1/reconciliation/1/undo", method: .post, headers: match) { response in
                #expect(response.status == .ok && json(response.body)["status"] as? String == "suggested")
            }
        }
    }
}

@Suite struct UnsubscribeTests {
    /// RFC 8058: the mail client's one-click POST opts the client out of email; the link's page
    /// offers the same; a tampered link changes nothing.
    @Test(arguments: TestEngine.available)
    func oneClickUnsubscribeStopsEmail(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let link = ClientLinkSigner.development.unsubscribeURL(organisation: "default", client: "D-ACME",
                                                                  messageDay: try Day(parsing: "2024-03-31"))
            let path = String(link[link.range(of: "/unsubscribe/")!.lowerBound...])
            func emailDecision() async throws -> ContactDecision {
                try await settle.checkContact(client: "D-ACME", invoice: nil, channel: .email, at: settle.time.now()).decision
            }
            if case .refused = try await emailDecision() { Issue.record("opted out before unsubscribing") }
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("<form method=\"post\""))
            }
            let tampered = path.dropLast(2) + (path.hasSuffix("AA") ? "BB" : "AA")
            try await client.execute(uri: String(tampered), method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { #expect($0.status == .badRequest) }
            if case .refused = try await emailDecision() { Issue.record("a tampered link opted the client out") }
            try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { #expect($0.status == .ok) }
            guard case .refused(let reason) = try await emailDecision() else {
                Issue.record("email is still allowed after the one-click unsubscribe")
                return
            }
            #expect(reason.contains("opted out"), "\(reason)")
            #expect(try await settle.checkContact(client: "D-ACME", invoice: nil, channel: .sms, at: settle.time.now()).decision
                    != .refused(reason: reason))
        }
    }
}

@Suite struct WorklistAPITests {
    @Test(arguments: TestEngine.available)
    func tasksAreListedAndCompletedAndNotesRecorded(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await settle.applyPolicy("""
                name: calls
                stages:
                  - {id: call, offset: 20, actions: [call_task], tone: firm}

                """, file: "calls.yaml")
            try await settle.assignPolicy("calls", client: "D-ACME")
            _ = try await settle.collect(dryRun: false)
            var id: Int64 = 0
            try await client.execute(uri: "/api/v1/tasks", method: .get, headers: .bearer("KEY-default-viewer")) { response in
                let items = json(response.body)["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1 && items.first?["invoice"] as? String == "D-1" && items.first?["kind"] as? String == "call")
                id = (items.first?["id"] as? Int).map(Int64.init) ?? 0
            }
            let done = #"{"outcome":"promise","promise_date":"2024-04-05","note":"will pay Friday"}"#
            let jsonType: HTTPFields = [.contentType: "application/json"]
            try await client.execute(uri: "/api/v1/tasks/\(id)/complete", method: .post, headers: .bearer("KEY-default-viewer") + jsonType,
                                     body: ByteBuffer(string: done)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/tasks/\(id)/complete", method: .post, headers: .bearer("KEY-other-owner") + jsonType,
                                     body: ByteBuffer(string: done)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/tasks/\(id)/complete", method: .post, headers: .bearer("KEY-default-collector") + jsonType,
                                     body: ByteBuffer(string: #"{"outcome":"promise"}"#)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/tasks/\(id)/complete", method: .post, headers: .bearer("KEY-default-collector") + jsonType,
                                     body: ByteBuffer(string: done)) { response in
                #expect(response.status == .ok)
                let body = json(response.body)
                #expect(body["status"] as? String == "done" && body["outcome"] as? String == "promise")
            }
            try await client.execute(uri: "/api/v1/notes", method: .post, headers: .bearer("KEY-default-collector") + jsonType,
                                     body: ByteBuffer(string: #"{"invoice":"D-1","text":"Called, friendly."}"#)) { response in
                #expect(response.status == .created && json(response.body)["client"] as? String == "D-ACME")
            }
            try await client.execute(uri: "/api/v1/notes", method: .post, headers: .bearer("KEY-default-collector") + jsonType,
                                     body: ByteBuffer(string: #"{"text":"about nobody"}"#)) { #expect($0.status == .unprocessableContent) }
            let timeline = try await settle.timeline(client: "D-ACME", invoice: "D-1")
            #expect(timeline.contains { $0.kind == "note" && $0.summary.contains("Called, friendly.") })
            #expect(timeline.contains { $0.kind == "promise" })
        }
    }
}

@Suite struct ClientAnswersAPITests {
    @Test(arguments: TestEngine.available)
    func promisesAndDisputes(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            let jsonType: HTTPFields = [.contentType: "application/json"]
            let collector = HTTPFields.bearer("KEY-default-collector") + jsonType
            try await client.execute(uri: "/api/v1/invoices/D-1/promises", method: .post, headers: collector,
                                     body: ByteBuffer(string: #"{"date":"2024-04-05","amount":"50.00","note":"by Friday"}"#)) { response in
                #expect(response.status == .created && json(response.body)["date"] as? String == "2024-04-05")
            }
            try await client.execute(uri: "/api/v1/invoices/D-1/promises", method: .post, headers: collector,
                                     body: ByteBuffer(string: #"{"date":"tomorrow"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect((json(response.body)["errors"] as? [[String: String]])?.first?["field"] == "date")
            }
            try await client.execute(uri: "/api/v1/invoices/O-1/promises", method: .post, headers: collector,
                                     body: ByteBuffer(string: #"{"date":"2024-04-05"}"#)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/invoices/D%2F2/dispute", method: .post, headers: .bearer("KEY-default-viewer") + jsonType,
                                     body: ByteBuffer(string: #"{"reason":"quality"}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/invoices/D%2F2/dispute", method: .post, headers: collector,
                                     body: ByteBuffer(string: #"{"reason":"quality","note":"broken on arrival"}"#)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/invoices/D%2F2/dispute/resolve", method: .post, headers: collector,
                                     body: ByteBuffer(string: #"{"outcome":"upheld"}"#)) { response in
                #expect(response.status == .ok)
                #expect(json(response.body)["balance"] as? String == "0.00")
            }
            let timeline = try await settle.timeline(client: "D-ACME", invoice: nil).map(\.kind)
            #expect(timeline.contains("promise") && timeline.contains("dispute") && timeline.contains("dispute_resolved"))
        }
    }
}
