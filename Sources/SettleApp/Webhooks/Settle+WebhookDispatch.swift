import AsyncHTTPClient
import Foundation
import Logging
import SettleCore
import SettleDelivery
import SettleStore

/// When a failed webhook delivery is tried again: 1, 2, 4, 8, 16 and 32 minutes after attempts
/// 1 to 6, then every 60 minutes; after the 12th attempt (about six hours) it fails for good.
public enum WebhookRetrySchedule {
    public static let maximumAttempts = 12
    public static let longestDelay: Duration = .seconds(3600)

    /// The wait after failed attempt `attempt` (1-based).
    public static func delay(afterAttempt attempt: Int) -> Duration {
        guard attempt < 7 else { return longestDelay }
        return min(.seconds(60 << (max(attempt, 1) - 1)), longestDelay)
    }
}

/// The HTTP client and signing sender webhook subscriptions are posted with. Each dispatch
/// makes one attempt per delivery; the retries are the dispatcher's, on `WebhookRetrySchedule`.
public struct WebhookPosting: Sendable {
    let sender: WebhookSender
    private let ownedClient: HTTPClient?

    /// Posting over a client of its own; `shutdown()` it after use.
    public init(time: any TimeSource, logger: Logger) {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .settleDelivery)
        self.init(client: client, time: time, logger: logger, owned: true)
    }

    /// Posting over `client`, which the caller owns.
    public init(client: HTTPClient, time: any TimeSource, logger: Logger = Logger(label: "settle.webhook")) {
        self.init(client: client, time: time, logger: logger, owned: false)
    }

    private init(client: HTTPClient, time: any TimeSource, logger: Logger, owned: Bool) {
        sender = WebhookSender(client: client, retryPolicy: HTTPRetryPolicy(maximumAttempts: 1), now: { time.now() }, logger: logger)
        ownedClient = owned ? client : nil
    }

    public func shutdown() async { try? await ownedClient?.shutdown() }
}

/// What one attempt at one delivery came to.
public struct WebhookAttempt: Sendable, Hashable {
    public var delivery: Int64
    public var eventID: String
    public var status: WebhookDeliveryStatus
    public var attempts: Int
    /// The endpoint's HTTP status, when it answered.
    public var httpStatus: Int?
}

extension Settle {
    /// How long a claimed delivery is this dispatcher's before another may send it again.
    public static let webhookLeaseSeconds: TimeInterval = 300

    /// Sends up to `limit` webhook deliveries that are due, each signed with its subscription's
    /// secret: claimed in one transaction (other dispatchers skip them), posted concurrently
    /// outside it, then marked delivered (2xx) or scheduled again on `WebhookRetrySchedule`.
    public func dispatchWebhooks(_ posting: WebhookPosting, limit: Int = 50) async throws -> [WebhookAttempt] {
        let org = try await organisation()
        let instant = time.now()
        let now = Self.instantText(instant), leaseUntil = Self.instantText(instant.addingTimeInterval(Self.webhookLeaseSeconds))
        let claimed = try await database.transaction { sql in
            try await WebhookDeliveryStore(sql, orgID: org.id).claim(now: now, leaseUntil: leaseUntil, limit: limit)
        }
        let outcomes = await withTaskGroup(of: (ClaimedWebhookDelivery, WebhookDeliveryOutcome).self) { group in
            for delivery in claimed {
                group.addTask {
                    guard let endpoint = try? WebhookEndpoint(url: delivery.url, secret: delivery.secret, timeout: .seconds(15)) else {
                        return (delivery, .failed(.invalidEvent("the subscription's URL or secret cannot be used"), attempts: 0))
                    }
                    return (delivery, await posting.sender.send(WebhookEvent(id: delivery.eventID, body: delivery.payload), to: endpoint))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let store = WebhookDeliveryStore(database.sql, orgID: org.id)
        var attempts: [WebhookAttempt] = []
        for (delivery, outcome) in outcomes.sorted(by: { $0.0.id < $1.0.id }) {
            var attempt = WebhookAttempt(delivery: delivery.id, eventID: delivery.eventID, status: .delivered, attempts: delivery.attempts)
            switch outcome {
            case .delivered(let status, _):
                attempt.httpStatus = status
                try await store.markDelivered(delivery.id, status: status, now: Self.instantText(time.now()))
            case .failed(let error, _):
                attempt.httpStatus = error.httpStatus
                if delivery.attempts >= WebhookRetrySchedule.maximumAttempts {
                    attempt.status = .failed
                    try await store.markFailed(delivery.id, status: error.httpStatus,
                                               error: "\(error); gave up after \(delivery.attempts) attempts")
                } else {
                    attempt.status = .pending
                    let wait = WebhookRetrySchedule.delay(afterAttempt: delivery.attempts)
                    let next = Self.instantText(time.now().addingTimeInterval(TimeInterval(wait.components.seconds)))
                    try await store.scheduleRetry(delivery.id, status: error.httpStatus, error: error.description, nextAttemptAt: next)
                }
            }
            attempts.append(attempt)
        }
        return attempts
    }
}

extension WebhookError {
    /// The HTTP status the endpoint answered with, if it answered.
    var httpStatus: Int? {
        switch self {
        case .answered(let status, _), .redirected(let status, _): status
        case .connection, .invalidEvent: nil
        }
    }
}
