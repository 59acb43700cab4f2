import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// POSTs JSON events to webhook endpoints, signed with each endpoint's secret
/// (`WebhookSignature`). A 429, a 5xx or a broken connection is tried again after
/// an exponential backoff, signed afresh with the time of that attempt and with the
/// same `Settle-Event-Id`; a 2xx is delivered; any other answer fails at once.
public struct WebhookSender: Sendable {
    /// Waits before a retry; tests pass one that returns at once.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// How temporary failures are retried.
    public var retryPolicy: HTTPRetryPolicy
    private let client: HTTPClient
    private let now: @Sendable () -> Date
    private let sleep: Sleeper
    private let logger: Logger

    /// A sender over `client`, which the caller owns and shuts down; create it with
    /// `HTTPClient.Configuration.settleDelivery`. `now` gives `Settle-Timestamp`.
    public init(
        client: HTTPClient,
        retryPolicy: HTTPRetryPolicy = HTTPRetryPolicy(),
        now: @escaping @Sendable () -> Date,
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) },
        logger: Logger = Logger(label: "settle.webhook")
    ) {
        self.client = client
        self.retryPolicy = retryPolicy
        self.now = now
        self.sleep = sleep
        self.logger = logger
    }

    /// Sends `event` to `endpoint`.
    public func send(_ event: WebhookEvent, to endpoint: WebhookEndpoint) async -> WebhookDeliveryOutcome {
        let metadata: Logger.Metadata = ["event": "\(event.id)", "endpoint": "\(endpoint)"]
        if let problem = event.problem {
            // The id may hold line breaks here: logged escaped, so it cannot forge a log line.
            logger.warning("event not sent", metadata: metadata.merging(["event": "\(event.id.debugDescription)", "error": "\(problem)"]) { $1 })
            return .failed(.invalidEvent(problem), attempts: 0)
        }
        let (result, attempts) = await deliverWithRetries(
            policy: retryPolicy, sleep: sleep,
            onRetry: { error, delay in
                logger.info("retrying event", metadata: metadata.merging(["error": "\(error)", "delay": "\(delay)"]) { $1 })
            },
            attempt: { _ in await attempt(event, to: endpoint) })
        switch result {
        case .success(let status):
            return .delivered(status: status, attempts: attempts)
        case .failure(let error):
            logger.warning("event not delivered", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return .failed(error, attempts: attempts)
        }
    }

    /// The headers of one attempt, signed at `timestamp`.
    static func headers(for event: WebhookEvent, secret: String, timestamp: Int64) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "User-Agent", value: "Settle-Webhooks")
        headers.add(name: "Settle-Event-Id", value: event.id)
        headers.add(name: "Settle-Timestamp", value: String(timestamp))
        headers.add(name: "Settle-Signature", value: WebhookSignature.header(timestamp: timestamp, body: event.body, secret: secret))
        return headers
    }

    /// One POST and what it means.
    private func attempt(_ event: WebhookEvent, to endpoint: WebhookEndpoint) async -> HTTPAttemptVerdict<Int, WebhookError> {
        let timestamp = Int64(now().timeIntervalSince1970.rounded(.down))
        let answer: HTTPAnswer
        do {
            answer = try await client.post(
                url: endpoint.url, headers: Self.headers(for: event, secret: endpoint.secret, timestamp: timestamp),
                body: event.body, timeout: endpoint.timeout, logger: logger)
        } catch {
            return .retry(.connection(String(describing: error)), retryAfter: nil)
        }
        switch answer.status {
        case 200..<300:
            return .success(answer.status)
        case 300..<400:
            return .fail(.redirected(status: answer.status, location: answer.headers.first(name: "location")))
        default:
            let error = WebhookError.answered(status: answer.status, answer: answer.bodyExcerpt)
            return error.isTransient ? .retry(error, retryAfter: answer.retryAfter) : .fail(error)
        }
    }
}
