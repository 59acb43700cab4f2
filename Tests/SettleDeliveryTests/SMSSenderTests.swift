import AsyncHTTPClient
import Foundation
import SettleTestSupport
import Testing

@testable import SettleDelivery

/// Sends texts to a local server that speaks Twilio's documented Messages shape
/// (the real service cannot be reached from the test machines) and checks the wire.
@Suite(.timeLimit(.minutes(5))) struct SMSSenderTests {
    static let account = "AC0123456789abcdef0123456789abcdef"
    static let token = "s3cret+token/42"

    private func sender(
        _ server: HTTPTestServer, _ client: HTTPClient, from: String = "from=%2B15005550006", sleeps: SleepLog? = nil
    ) throws -> SMSSender {
        let token = Self.token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let url = "twilio://\(Self.account):\(token)@api.twilio.com?\(from)&base=\(server.baseURL)&timeout=5"
        return SMSSender(
            configuration: try SMSConfiguration(url: url), client: client,
            retryPolicy: HTTPRetryPolicy(maximumAttempts: 3, baseDelay: .seconds(1)),
            sleep: { delay in await sleeps?.record(delay) })
    }

    private let message = SMSMessage(
        to: "+4915112345678", body: SMSText.withOptOut("Rechnung R-7 über 1.234,50 € ist fällig & offen.", language: "de"),
        idempotencyKey: "acme/R-7/stage-2/1")

    @Test func postsTwilioFormWithBasicAuth() async throws {
        try await withHTTPTestServer(basicAuth: "\(Self.account):\(Self.token)") { server, client in
            let outcome = try await sender(server, client).send(message)
            guard case .delivered(let sid, let status, let attempts) = outcome else {
                Issue.record("not delivered: \(outcome)")
                return
            }
            #expect(sid.hasPrefix("SM") && sid.count == 34)
            #expect(status == "queued" && attempts == 1)

            let request = try #require(try server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/2010-04-01/Accounts/\(Self.account)/Messages.json")
            let credentials = Data("\(Self.account):\(Self.token)".utf8).base64EncodedString()
            #expect(request.header("Authorization") == "Basic \(credentials)")
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(request.header("Idempotency-Key") == "acme/R-7/stage-2/1")
            #expect(request.body == "To=%2B4915112345678&From=%2B15005550006&Body=Rechnung+R-7+%C3%BCber+1.234%2C50+%E2%82%AC"
                + "+ist+f%C3%A4llig+%26+offen.%0AAbmelden%3A+Antworten+Sie+STOP")
            #expect(request.form == ["To": "+4915112345678", "From": "+15005550006", "Body": message.body])
        }
    }

    @Test func messagingServiceInsteadOfFrom() async throws {
        try await withHTTPTestServer { server, client in
            let outcome = try await sender(server, client, from: "messaging_service=MG0123456789").send(message)
            #expect(outcome.isDelivered)
            let form = try #require(try server.requests().first?.form)
            #expect(form == ["To": "+4915112345678", "MessagingServiceSid": "MG0123456789", "Body": message.body])
        }
    }

    @Test func unavailableThenAcceptedIsRetriedWithBackoff() async throws {
        let script: [HTTPTestServer.Answer] = [
            .twilioError(status: 503, code: 20503, message: "Service unavailable"),
            .status(429, body: #"{"code": 20429, "message": "Too Many Requests"}"#, headers: ["Retry-After": "7"]),
            .twilioMessage,
        ]
        try await withHTTPTestServer(script: script) { server, client in
            let sleeps = SleepLog()
            let outcome = try await sender(server, client, sleeps: sleeps).send(message)
            #expect(outcome.isDelivered)
            guard case .delivered(_, _, let attempts) = outcome else { return }
            #expect(attempts == 3)
            #expect(await sleeps.delays == [.seconds(1), .seconds(7)], "backoff, then the provider's Retry-After")
            let requests = try server.requests()
            #expect(requests.count == 3)
            #expect(Set(requests.map(\.body)).count == 1, "the same form each time")
        }
    }

    @Test func brokenConnectionIsRetried() async throws {
        try await withHTTPTestServer(script: [.closeConnection]) { server, client in
            let sleeps = SleepLog()
            let outcome = try await sender(server, client, sleeps: sleeps).send(message)
            #expect(outcome.isDelivered)
            #expect(await sleeps.delays == [.seconds(1)])
            #expect(try server.requests().count == 2)
        }
    }

    @Test func providerRefusalFailsAtOnceKeepingCodeAndMessage() async throws {
        let refusal = "The 'To' number +4915112345678 is not a valid phone number."
        try await withHTTPTestServer(script: [.twilioError(status: 400, code: 21211, message: refusal)]) { server, client in
            let sleeps = SleepLog()
            let outcome = try await sender(server, client, sleeps: sleeps).send(message)
            let expected = SMSProviderError(
                status: 400, code: 21211, message: refusal, moreInfo: "https://www.twilio.com/docs/errors/21211")
            #expect(outcome == .failed(.provider(expected), attempts: 1))
            #expect(await sleeps.delays.isEmpty)
            #expect(try server.requests().count == 1)
            #expect("\(expected)".contains("21211") && "\(expected)".contains(refusal))
        }
    }

    @Test func persistentUnavailabilityGivesUpAfterTheLastAttempt() async throws {
        try await withHTTPTestServer(script: Array(repeating: .status(502, body: "Bad Gateway"), count: 5)) { server, client in
            let sleeps = SleepLog()
            let outcome = try await sender(server, client, sleeps: sleeps).send(message)
            #expect(outcome == .failed(.provider(SMSProviderError(status: 502, message: "Bad Gateway")), attempts: 3))
            #expect(await sleeps.delays == [.seconds(1), .seconds(2)])
        }
    }

    @Test func wrongTokenIsRefusedAndNeverPrinted() async throws {
        try await withHTTPTestServer(basicAuth: "\(Self.account):another-token") { server, client in
            let outcome = try await sender(server, client).send(message)
            guard case .failed(.provider(let error), let attempts) = outcome else {
                Issue.record("expected a provider error: \(outcome)")
                return
            }
            #expect(error.status == 401 && error.code == 20003 && attempts == 1)
            #expect(!"\(outcome)".contains(Self.token))
        }
    }

    @Test func invalidMessagesAreNotSent() async throws {
        try await withHTTPTestServer { server, client in
            let sender = try sender(server, client)
            let local = await sender.send(SMSMessage(to: "0151 12345678", body: "Hi", idempotencyKey: "k1"))
            let long = await sender.send(SMSMessage(to: "+4915112345678", body: String(repeating: "x", count: 1_601), idempotencyKey: "k2"))
            #expect(local.failure?.description.contains("E.164") == true)
            #expect(long.failure?.description.contains("1601 characters") == true)
            #expect(try server.requests().isEmpty)
        }
    }

    @Test func successWithoutSidIsNotRetried() async throws {
        try await withHTTPTestServer(script: [.status(201, body: "<html>ok</html>")]) { server, client in
            let outcome = try await sender(server, client).send(message)
            #expect(outcome == .failed(.unreadableAnswer(status: 201, answer: "<html>ok</html>"), attempts: 1))
            #expect(try server.requests().count == 1)
        }
    }
}

extension SMSDeliveryOutcome {
    var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }

    var failure: SMSError? {
        if case .failed(let error, _) = self { return error }
        return nil
    }
}
