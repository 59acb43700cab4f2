import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// A clock the test moves by hand, so a retry's backoff is waited out without sleeping.
final class HandClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ text: String) { instant = ISO8601DateFormatter().date(from: text)! }
    func now() -> Date { lock.withLock { instant } }
    func advance(seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

extension TestClientProtocol {
    /// Sends `body` as JSON with `key`; hands the answer's status and JSON object to `check`.
    func send(_ method: HTTPRequest.Method, _ uri: String, key: String, json body: String? = nil,
              _ check: @escaping (HTTPResponse.Status, [String: Any]) -> Void = { _, _ in }) async throws {
        var headers = HTTPFields.bearer(key)
        if body != nil { headers[.contentType] = "application/json" }
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            check(response.status, json(response.body))
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct WebhookTests {
    static let secret = "whsec_test_0123456789abcdef"

    @Test(arguments: TestEngine.available)
    func ownersAndAdminsManageSubscriptionsWithTheirFieldsChecked(engine: TestEngine) async throws {
        try await withServer(engine) { client, _ in
            let good = #"{"url":"https://hooks.example/settle","events":["payment.received","promise.created"]}"#
            try await client.send(.post, "/api/v1/webhooks", key: "KEY-default-collector", json: good) { status, _ in
                #expect(status == .forbidden)
            }
            try await client.send(.get, "/api/v1/webhooks", key: "KEY-default-viewer") { status, _ in #expect(status == .forbidden) }
            try await client.send(.post, "/api/v1/webhooks", key: "KEY-default-admin",
                                  json: #"{"url":"ftp://hooks.example/x","events":["invoice.exploded"],"secret":"short"}"#) { status, body in
                #expect(status == .unprocessableContent)
                let fields = (body["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(Set(fields) == ["url", "events", "secret"])
            }
            try await client.send(.post, "/api/v1/webhooks", key: "KEY-default-admin",
                                  json: #"{"url":"http://hooks.example/x","events":["payment.received"]}"#) { status, body in
                #expect(status == .unprocessableContent)
                #expect((body["errors"] as? [[String: Any]])?.first?["field"] as? String == "url")
            }
            var id = ""
            try await client.send(.post, "/api/v1/webhooks", key: "KEY-default-admin", json: good) { status, body in
                #expect(status == .created)
                id = body["id"] as? String ?? ""
                let secret = body["secret"] as? String ?? ""
                #expect(secret.hasPrefix("whsec_") && secret.count >= 40)
                #expect(body["events"] as? [String] == ["payment.received", "promise.created"] && body["active"] as? Bool == true)
            }
            try await client.send(.get, "/api/v1/webhooks", key: "KEY-default-owner") { status, body in
                let items = body["items"] as? [[String: Any]] ?? []
                #expect(status == .ok && items.count == 1 && items.first?["id"] as? String == id)
                #expect(items.first?["secret"] == nil, "the secret is shown only when the subscription is created")
            }
            try await client.send(.get, "/api/v1/webhooks", key: "KEY-other-owner") { _, body in
                #expect((body["items"] as? [Any])?.isEmpty == true)
            }
            // Another organisation's subscription is not found, whatever the role; one's own is forbidden to a collector.
            try await client.send(.get, "/api/v1/webhooks/\(id)/deliveries", key: "KEY-other-owner") { status, _ in #expect(status == .notFound) }
            try await client.send(.delete, "/api/v1/webhooks/\(id)", key: "KEY-other-admin") { status, _ in #expect(status == .notFound) }
            try await client.send(.get, "/api/v1/webhooks/\(id)/deliveries", key: "KEY-default-collector") { status, _ in
                #expect(status == .forbidden)
            }
            try await client.send(.delete, "/api/v1/webhooks/\(id)", key: "KEY-default-viewer") { status, _ in #expect(status == .forbidden) }
            try await client.send(.delete, "/api/v1/webhooks/\(id)", key: "KEY-default-admin") { status, _ in #expect(status == .noContent) }
            try await client.send(.get, "/api/v1/webhooks", key: "KEY-default-admin") { _, body in
                #expect((body["items"] as? [[String: Any]])?.first?["active"] as? Bool == false)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func aPaymentReachesItsSubscriberSignedAndIsRetriedOnItsSchedule(engine: TestEngine) async throws {
        try await withHTTPTestServer(script: [.status(500, body: "down"), .status(200)], webhookSecret: Self.secret) { server, http in
            try await withServer(engine) { client, settle in
                var id = ""
                try await client.send(.post, "/api/v1/webhooks", key: "KEY-default-admin", json: """
                    {"url":"\(server.baseURL)/hooks","events":["payment.received","promise.created"],"secret":"\(Self.secret)"}
                    """) { status, body in
                    #expect(status == .created)
                    id = body["id"] as? String ?? ""
                }
                try await client.send(.post, "/api/v1/webhooks", key: "KEY-other-admin", json: """
                    {"url":"\(server.baseURL)/other","events":["payment.received"],"secret":"another-secret-0123456789"}
                    """) { status, _ in #expect(status == .created) }
                try await client.send(.post, "/api/v1/payments", key: "KEY-default-collector", json: """
                    {"client":"D-ACME","date":"2024-03-30","currency":"EUR","amount":"100.00","method":"bank_transfer","invoice":"D-1"}
                    """) { status, _ in #expect(status == .created) }
                // Not subscribed to: a dispute.
                try await client.send(.post, "/api/v1/invoices/D%2F2/dispute", key: "KEY-default-collector",
                                      json: #"{"reason":"quality"}"#) { status, _ in #expect(status == .created) }

                let clock = HandClock("2024-03-31T12:00:00Z")
                let posting = WebhookPosting(client: http, time: clock)
                let ours = Settle(database: settle.database, organisation: "default", time: clock)
                let first = try await ours.dispatchWebhooks(posting)
                #expect(first.map(\.status) == [.pending] && first.first?.httpStatus == 500)
                try await client.send(.get, "/api/v1/webhooks/\(id)/deliveries", key: "KEY-default-admin") { status, body in
                    let log = body["items"] as? [[String: Any]] ?? []
                    #expect(status == .ok && log.count == 1)
                    #expect(log.first?["status"] as? String == "pending" && log.first?["attempts"] as? Int == 1)
                    #expect(log.first?["last_status"] as? Int == 500 && log.first?["next_attempt_at"] as? String == "2024-03-31T12:01:00Z")
                    #expect(log.first?["event_type"] as? String == "payment.received")
                }
                // The backoff is a minute: nothing goes before it has passed.
                clock.advance(seconds: 30)
                #expect(try await ours.dispatchWebhooks(posting).isEmpty)
                clock.advance(seconds: 31)
                let second = try await ours.dispatchWebhooks(posting)
                #expect(second.map(\.status) == [.delivered] && second.first?.attempts == 2)
                try await client.send(.get, "/api/v1/webhooks/\(id)/deliveries", key: "KEY-default-admin") { _, body in
                    let log = body["items"] as? [[String: Any]] ?? []
                    #expect(log.first?["status"] as? String == "delivered" && log.first?["attempts"] as? Int == 2)
                    #expect(log.first?["last_status"] as? Int == 200 && log.first?["delivered_at"] as? String == "2024-03-31T12:01:01Z")
                }
                #expect(try await ours.dispatchWebhooks(posting).isEmpty)
                _ = try await Settle(database: settle.database, organisation: "other", time: clock).dispatchWebhooks(posting)

                let requests = try server.requests()
                let ourRequests = requests.filter { $0.path == "/hooks" }
                #expect(ourRequests.count == 2, "the 500, then the 200; the dispute was not subscribed to")
                #expect(ourRequests.allSatisfy { $0.signatureValid == true }, "Python's hmac agrees with each signature")
                #expect(Set(ourRequests.compactMap { $0.header("Settle-Event-Id") }).count == 1)
                #expect(ourRequests.map { $0.header("Settle-Timestamp") } == ["1711886400", "1711886461"])
                let event = try #require(try JSONSerialization.jsonObject(with: Data(ourRequests[0].bodyBytes)) as? [String: Any])
                let data = event["data"] as? [String: Any] ?? [:]
                #expect(event["type"] as? String == "payment.received" && event["organisation"] as? String == "default")
                #expect(event["id"] as? String == ourRequests[0].header("Settle-Event-Id"))
                #expect(data["client"] as? String == "D-ACME" && data["amount"] as? String == "100.00" && data["currency"] as? String == "EUR")
                #expect(data["invoice"] as? String == "D-1" && data["date"] as? String == "2024-03-30")
                // The other organisation's subscriber got nothing: it recorded no payment.
                #expect(!requests.contains { $0.path == "/other" })
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func theUseCasesEmitTheirEvents(engine: TestEngine) async throws {
        try await withServer(engine) { _, settle in
            let all = WebhookEventType.allCases.map(\.rawValue)
            let created = try await settle.subscribeWebhook(url: "https://hooks.example/all", events: all, secret: nil)
            let other = Settle(database: settle.database, organisation: "other", time: settle.time)
            let theirs = try await other.subscribeWebhook(url: "https://hooks.example/theirs", events: all, secret: nil)
            try await settle.addPromise(invoice: "D/2", date: try Day(parsing: "2024-04-10"), amount: nil, note: "")
            try await settle.openDispute(invoice: "D-1", reason: .quality, note: "scratched")
            try await settle.resolveDispute(invoice: "D-1", outcome: .rejected, credit: nil)
            let payment = try await settle.addPayment(Payment(client: "D-ACME", date: try Day(parsing: "2024-03-31"),
                                                              amount: try Money(parsing: "50.00", currencyCode: "EUR"), method: .card))
            _ = try await settle.reversePayment(payment.id, reason: .chargeback)
            // Three days after D/2 fell due; D-1 is four weeks late, past the catch-up window. Twice: once per invoice.
            let later = Settle(database: settle.database, organisation: "default", time: FixedDay(try Day(parsing: "2024-04-03")))
            _ = try await later.collect(dryRun: false)
            _ = try await later.collect(dryRun: false)

            let log = try await settle.webhookDeliveries(created.subscription.publicID, before: nil, limit: 100)
            let types = log.map(\.eventType)
            for type in ["promise.created", "dispute.opened", "dispute.resolved", "payment.received", "payment.reversed", "invoice.overdue"] {
                #expect(types.filter { $0 == type }.count == 1, "\(type) once in \(types)")
            }
            let overdue = try #require(try await settle.database.sql.raw("""
                SELECT payload FROM webhook_deliveries WHERE event_type = 'invoice.overdue'
                """).first()?.decode(column: "payload", as: Data.self))
            let data = (try JSONSerialization.jsonObject(with: overdue) as? [String: Any])?["data"] as? [String: Any] ?? [:]
            #expect(data["invoice"] as? String == "D/2" && data["days_overdue"] as? Int == 3 && data["due_date"] as? String == "2024-03-31")
            #expect(try await other.webhookDeliveries(theirs.subscription.publicID, before: nil, limit: 100).isEmpty,
                    "nothing happened in the other organisation")
        }
    }
}
