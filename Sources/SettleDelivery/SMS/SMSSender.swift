import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// Sends text messages through an HTTP provider with Twilio's REST shape: one form
/// POST per message with HTTP Basic auth. A 429, a 5xx or a broken connection is
/// tried again after an exponential backoff (longer when the provider asks with
/// `Retry-After`); any other 4xx fails at once with the provider's code and message.
public struct SMSSender: Sendable {
    /// Waits before a retry; tests pass one that returns at once.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// The provider and the account.
    public var configuration: SMSConfiguration
    /// How temporary failures are retried.
    public var retryPolicy: HTTPRetryPolicy
    private let client: HTTPClient
    private let sleep: Sleeper
    private let logger: Logger

    /// A sender over `client`, which the caller owns and shuts down; create it with
    /// `HTTPClient.Configuration.settleDelivery`.
    public init(
        configuration: SMSConfiguration,
        client: HTTPClient,
        retryPolicy: HTTPRetryPolicy = HTTPRetryPolicy(),
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "settle.sms")
    ) {
        self.configuration = configuration
        self.client = client
        self.retryPolicy = retryPolicy
        self.sleep = sleep
        self.logger = logger
    }

    /// Sends the messages one after the other; one outcome per message, in order.
    public func send(_ messages: [SMSMessage]) async -> [SMSDeliveryOutcome] {
        var outcomes: [SMSDeliveryOutcome] = []
        for message in messages { outcomes.append(await send(message)) }
        return outcomes
    }

    /// Sends one message.
    public func send(_ message: SMSMessage) async -> SMSDeliveryOutcome {
        if let problem = Self.problem(with: message) {
            // The key may hold line breaks here: logged escaped, so it cannot forge a log line.
            logger.warning("text not sent", metadata: ["key": "\(message.idempotencyKey.debugDescription)", "error": "\(problem)"])
            return .failed(.invalidMessage(problem), attempts: 0)
        }
        let body = Array(TwilioMessagesAPI.formBody(for: message, sender: configuration.sender).utf8)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "User-Agent", value: "Settle")
        headers.add(name: "Idempotency-Key", value: message.idempotencyKey)
        let credentials = Data("\(configuration.accountSID):\(configuration.authToken)".utf8).base64EncodedString()
        headers.add(name: "Authorization", value: "Basic \(credentials)")

        let (result, attempts) = await deliverWithRetries(
            policy: retryPolicy, sleep: sleep,
            onRetry: { error, delay in
                logger.info("retrying text", metadata: ["key": "\(message.idempotencyKey)", "error": "\(error)", "delay": "\(delay)"])
            },
            attempt: { _ in await attempt(body: body, headers: headers) })
        switch result {
        case .success(let created):
            logger.debug("text accepted", metadata: ["key": "\(message.idempotencyKey)", "sid": "\(created.sid)"])
            return .delivered(sid: created.sid, status: created.status ?? "accepted", attempts: attempts)
        case .failure(let error):
            logger.warning("text not sent", metadata: ["key": "\(message.idempotencyKey)", "error": "\(error)"])
            return .failed(error, attempts: attempts)
        }
    }

    /// One POST and what it means.
    private func attempt(
        body: [UInt8], headers: HTTPHeaders
    ) async -> HTTPAttemptVerdict<TwilioMessagesAPI.CreatedMessage, SMSError> {
        let answer: HTTPAnswer
        do {
            answer = try await client.post(
                url: configuration.messagesURL, headers: headers, body: body,
                timeout: configuration.timeout, logger: logger)
        } catch {
            return .retry(.connection(String(describing: error)), retryAfter: nil)
        }
        switch answer.status {
        case 200..<300:
            guard let created = try? JSONDecoder().decode(TwilioMessagesAPI.CreatedMessage.self, from: Data(answer.body)),
                  !created.sid.isEmpty else {
                return .fail(.unreadableAnswer(status: answer.status, answer: answer.bodyExcerpt))
            }
            return .success(created)
        default:
            let error = TwilioMessagesAPI.providerError(from: answer)
            return error.isTransient ? .retry(.provider(error), retryAfter: answer.retryAfter) : .fail(.provider(error))
        }
    }

    /// Why `message` cannot be sent, or nil.
    static func problem(with message: SMSMessage) -> String? {
        guard SMSText.isE164(message.to) else {
            return "the number \(message.to) is not in E.164 form (+, country code, number: +4915112345678)"
        }
        guard !message.idempotencyKey.isEmpty,
              !message.idempotencyKey.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return "the idempotency key is empty or holds control characters"
        }
        return SMSText.problem(with: message.body)
    }
}
