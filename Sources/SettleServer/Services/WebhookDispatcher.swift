import Foundation
import Logging
import ServiceLifecycle
import SettleApp
import SettleCore
import SettleStore

/// Sends every organisation's due webhook deliveries, a batch at a time, every `interval`, over
/// an HTTP client of its own. A failed delivery waits on `WebhookRetrySchedule`; several
/// dispatchers may share one PostgreSQL (deliveries are claimed with leases, `FOR UPDATE SKIP LOCKED`).
/// Stops between batches on graceful shutdown, so requests in flight are answered and recorded.
public struct WebhookDispatcher: Service {
    public let database: SettleDatabase
    public let time: any TimeSource
    public let batchSize: Int
    public let interval: Duration
    public let logger: Logger

    public init(database: SettleDatabase, time: any TimeSource, batchSize: Int = 50, interval: Duration = .seconds(5), logger: Logger) {
        self.database = database
        self.time = time
        self.batchSize = batchSize
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let posting = WebhookPosting(time: time, logger: logger)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await dispatchOnce(posting)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        await posting.shutdown()
    }

    /// One batch per organisation.
    func dispatchOnce(_ posting: WebhookPosting) async {
        let organisations: [StoredOrganisation]
        do { organisations = try await OrganisationStore(database.sql).all() } catch {
            logger.error("webhooks: cannot list organisations", metadata: ["error": "\(error)"])
            return
        }
        for organisation in organisations where !Task.isShuttingDownGracefully {
            let settle = Settle(database: database, organisation: organisation.organisation.slug, time: time)
            do {
                for attempt in try await settle.dispatchWebhooks(posting, limit: batchSize) where attempt.status != .delivered {
                    logger.info("webhook not delivered", metadata: [
                        "org": "\(organisation.organisation.slug)", "event": "\(attempt.eventID)", "status": "\(attempt.status.rawValue)",
                        "attempts": "\(attempt.attempts)", "http_status": "\(attempt.httpStatus.map(String.init) ?? "none")"])
                }
            } catch {
                logger.error("webhook dispatch failed", metadata: ["org": "\(organisation.organisation.slug)", "error": "\(error)"])
            }
        }
    }
}
