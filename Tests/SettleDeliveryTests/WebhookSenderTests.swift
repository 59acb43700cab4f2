import AsyncHTTPClient
import Foundation
import SettleTestSupport
import Testing

@testable import SettleDelivery

/// POSTs signed events to a local server that checks each signature with Python's
/// hmac, independently of Settle's code.
@Suite(.timeLimit(.minutes(5))) struct WebhookSenderTests {
    static let secret = "whsec_test_0123456789abcdef"
    static let start = Date(timeIntervalSince1970: 1_710_676_800)

    struct Reminder: Encodable {
        var type = "invoice.reminder_sent"
        var invoice = "R-7"
        var amount = "1234.50"
        var currency = "EUR"
        var client = "Müller & Söhne"
    }

    /// A clock that moves 10 seconds each time it is read, so retries carry new timestamps.
    final class TickingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var reads = 0
        func now() -> Date {
            lock.withLock {
                defer { reads += 1 }
                return WebhookSenderTests.start.addingTimeInterval(Double(reads * 10))
            }
        }
    }

    private func sender(_ client: HTTPClient, clock: TickingClock = TickingClock(), sleeps: SleepLog? = nil) -> WebhookSender {
        WebhookSender(
            client: client, retryPolicy: HTTPRetryPolicy(maximumAttempts: 3, baseDelay: .seconds(2)),
            now: { clock.now() }, sleep: { delay in await sleeps?.record(delay) })
    }

    private func endpoint(_ server: HTTPTestServer, path: String = "/hooks/settle?tenant=acme") throws -> WebhookEndpoint {
        try WebhookEndpoint(url: server.baseURL + path, secret: Self.secret)
    }

    @Test func signedEventArrivesAndVerifies() async throws {
        try await withHTTPTestServer(webhookSecret: Self.secret) { server, client in
            let event = try WebhookEvent(id: "acme/R-7/stage-2/1", payload: Reminder())
            let outcome = await sender(client).send(event, to: try endpoint(server))
            #expect(outcome == .delivered(status: 200, attempts: 1))

            let request = try #require(try server.requests().first)
            #expect(request.method == "POST" && request.path == "/hooks/settle" && request.query == "tenant=acme")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Settle-Event-Id") == "acme/R-7/stage-2/1")
            #expect(request.header("Settle-Timestamp") == "1710676800")
            #expect(request.bodyBytes == event.body)
            #expect(request.body == #"{"amount":"1234.50","client":"Müller & Söhne","currency":"EUR","invoice":"R-7","type":"invoice.reminder_sent"}"#)
            #expect(request.signatureValid == true, "Python's hmac agrees with the signature")

            let signature = try #require(request.header("Settle-Signature"))
            let receivedAt = Self.start.addingTimeInterval(45)
            try WebhookSignature.verify(
                signature: signature, timestamp: "1710676800", body: request.bodyBytes, secret: Self.secret, now: receivedAt)
            var tampered = request.bodyBytes
            tampered.replaceSubrange(tampered.count - 5..<tampered.count - 4, with: Array("X".utf8))
            #expect(throws: WebhookSignatureError.mismatch) {
                try WebhookSignature.verify(signature: signature, timestamp: "1710676800", body: tampered, secret: Self.secret, now: receivedAt)
            }
        }
    }

    @Test func unavailableThenAcceptedIsRetriedSignedAfresh() async throws {
        let script: [HTTPTestServer.Answer] = [.status(503, body: "maintenance"), .closeConnection, .status(202)]
        try await withHTTPTestServer(script: script, webhookSecret: Self.secret) { server, client in
            let sleeps = SleepLog()
            let event = WebhookEvent(id: "evt-42", body: Array(#"{"type":"payment.received"}"#.utf8))
            let outcome = await sender(client, sleeps: sleeps).send(event, to: try endpoint(server))
            #expect(outcome == .delivered(status: 202, attempts: 3))
            #expect(await sleeps.delays == [.seconds(2), .seconds(4)])

            let requests = try server.requests()
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.header("Settle-Event-Id") == "evt-42" && $0.signatureValid == true })
            #expect(requests.map { $0.header("Settle-Timestamp") } == ["1710676800", "1710676810", "1710676820"])
        }
    }

    @Test func clientErrorFailsAtOnceWithTheAnswer() async throws {
        try await withHTTPTestServer(script: [.status(410, body: #"{"error":"endpoint retired"}"#)]) { server, client in
            let sleeps = SleepLog()
            let event = WebhookEvent(id: "evt-1", body: Array("{}".utf8))
            let outcome = await sender(client, sleeps: sleeps).send(event, to: try endpoint(server))
            #expect(outcome == .failed(.answered(status: 410, answer: #"{"error":"endpoint retired"}"#), attempts: 1))
            #expect(await sleeps.delays.isEmpty)
        }
    }

    @Test func tooManyRequestsWaitsAsAskedThenGivesUp() async throws {
        let busy = HTTPTestServer.Answer.status(429, body: "slow down", headers: ["Retry-After": "30"])
        try await withHTTPTestServer(script: [busy, busy, busy]) { server, client in
            let sleeps = SleepLog()
            let outcome = await sender(client, sleeps: sleeps).send(WebhookEvent(id: "evt-2", body: Array("[]".utf8)), to: try endpoint(server))
            #expect(outcome == .failed(.answered(status: 429, answer: "slow down"), attempts: 3))
            #expect(await sleeps.delays == [.seconds(30), .seconds(30)])
        }
    }

    @Test func redirectIsNotFollowed() async throws {
        let redirect = HTTPTestServer.Answer.status(301, headers: ["Location": "/elsewhere"])
        try await withHTTPTestServer(script: [redirect]) { server, client in
            let outcome = await sender(client).send(WebhookEvent(id: "evt-3", body: Array("{}".utf8)), to: try endpoint(server))
            #expect(outcome == .failed(.redirected(status: 301, location: "/elsewhere"), attempts: 1))
            #expect(try server.requests().map(\.path) == ["/hooks/settle"])
        }
    }

    @Test func invalidEventsAreNotSent() async throws {
        try await withHTTPTestServer { server, client in
            let sender = sender(client)
            let notJSON = await sender.send(WebhookEvent(id: "evt-4", body: Array("hello".utf8)), to: try endpoint(server))
            let badID = await sender.send(WebhookEvent(id: "evt\r\nX-Injected: 1", body: Array("{}".utf8)), to: try endpoint(server))
            #expect(notJSON == .failed(.invalidEvent("the body is not JSON"), attempts: 0))
            guard case .failed(.invalidEvent, 0) = badID else {
                Issue.record("expected an invalid event: \(badID)")
                return
            }
            #expect(try server.requests().isEmpty)
        }
    }

    @Test func endpointsAreCheckedAndTheSecretStaysHidden() throws {
        #expect(throws: WebhookEndpointError.self) { try WebhookEndpoint(url: "ftp://hooks.example.test", secret: Self.secret) }
        #expect(throws: WebhookEndpointError.self) { try WebhookEndpoint(url: "https://u:p@hooks.example.test", secret: Self.secret) }
        #expect(throws: WebhookEndpointError.self) { try WebhookEndpoint(url: "https://hooks.example.test", secret: "short") }
        let endpoint = try WebhookEndpoint(url: "https://hooks.example.test/settle?token=abc", secret: Self.secret)
        #expect("\(endpoint)" == "https://hooks.example.test/settle")
        #expect(!"\(endpoint)".contains(Self.secret))
    }
}
