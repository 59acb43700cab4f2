import Foundation
import Logging
import ServiceLifecycle
import SettleApp
import SettleCore
import SettleStore

/// Sends what the outbox holds for every organisation, a batch at a time, every `interval`.
/// Stops between batches on graceful shutdown, so a message being handed to a server is
/// finished (and marked) first. Several workers may share one PostgreSQL: messages are claimed
/// with leases (`FOR UPDATE SKIP LOCKED`).
public struct DeliveryWorker: Service {
    public let database: SettleDatabase
    public let time: any TimeSource
    public let couriers: [any MessageCourier]
    public let batchSize: Int
    public let interval: Duration
    public let lease: Duration
    public let logger: Logger

    public init(database: SettleDatabase, time: any TimeSource, couriers: [any MessageCourier], batchSize: Int = 50,
                interval: Duration = .seconds(5), lease: Duration = .seconds(Settle.leaseSeconds), logger: Logger) {
        self.lease = lease
        self.database = database
        self.time = time
        self.couriers = couriers
        self.batchSize = batchSize
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await deliverOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    func deliverOnce() async {
        let organisations: [StoredOrganisation]
        do { organisations = try await OrganisationStore(database.sql).all() } catch {
            logger.error("delivery: cannot list organisations", metadata: ["error": "\(error)"])
            return
        }
        for organisation in organisations where !Task.isShuttingDownGracefully {
            let settle = Settle(database: database, organisation: organisation.organisation.slug, time: time)
            do {
                let report = try await settle.deliver(couriers: couriers, batchSize: batchSize, once: true, lease: lease)
                for line in report.lines { SettleMetrics.message(channel: line.channel.rawValue, status: line.status.rawValue) }
                var depth = 0
                for channel in MessageChannel.allCases { depth += try await settle.outboxCount(status: .queued, channel: channel) }
                SettleMetrics.queueDepth(depth)
            } catch {
                logger.error("delivery failed", metadata: ["org": "\(organisation.organisation.slug)", "error": "\(error)"])
            }
        }
    }
}
