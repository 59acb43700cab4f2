import Foundation
import Logging
import ServiceLifecycle
import SettleApp
import SettleCore
import SettleStore

/// Runs each organisation's daily cycle once a day, at its cycle time (`settle org settings
/// --cycle-time`, 06:00 unless set) in the organisation's time zone, and on start for every
/// organisation whose day is past that time (catch-up after downtime).
/// The cycle is idempotent per day and, on PostgreSQL, guarded by an advisory lock, so several
/// processes may run this service against one database: each action is recorded once.
public struct CollectionScheduler: Service {
    public let database: SettleDatabase
    public let time: any TimeSource
    /// A time of day for every organisation instead of each one's own (tests).
    public let runAt: LocalTime?
    public let checkEvery: Duration
    /// Run on start the days whose time has passed; when false the first run is the next day's.
    public let catchUpOnStart: Bool
    public let logger: Logger

    public init(database: SettleDatabase, time: any TimeSource, runAt: LocalTime? = nil,
                checkEvery: Duration = .seconds(60), catchUpOnStart: Bool = true, logger: Logger) {
        self.catchUpOnStart = catchUpOnStart
        self.database = database
        self.time = time
        self.runAt = runAt
        self.checkEvery = checkEvery
        self.logger = logger
    }

    public func run() async throws {
        var done: [String: Day] = [:]
        if !catchUpOnStart, let organisations = try? await OrganisationStore(database.sql).all() {
            for organisation in organisations {
                done[organisation.organisation.slug] = time.today(in: TimeZone(identifier: organisation.organisation.timeZone) ?? .gmt)
            }
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await runDue(&done)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: checkEvery) }
        }
    }

    /// Runs the cycle of every organisation that is due and has not run today in this process.
    func runDue(_ done: inout [String: Day]) async {
        let organisations: [StoredOrganisation]
        do { organisations = try await OrganisationStore(database.sql).all() } catch {
            logger.error("scheduler: cannot list organisations", metadata: ["error": "\(error)"])
            return
        }
        for organisation in organisations where !Task.isShuttingDownGracefully {
            let zone = TimeZone(identifier: organisation.organisation.timeZone) ?? .gmt
            let today = time.today(in: zone)
            guard done[organisation.organisation.slug] != today else { continue }
            let cycleTime: LocalTime
            if let runAt { cycleTime = runAt } else {
                do { cycleTime = try await OrganisationSettingsStore(database.sql, orgID: organisation.id).load().cycleTime } catch {
                    logger.error("scheduler: cannot read the settings", metadata: ["org": "\(organisation.organisation.slug)", "error": "\(error)"])
                    continue
                }
            }
            guard isDue(in: zone, at: cycleTime) else { continue }
            let settle = Settle(database: database, organisation: organisation.organisation.slug, time: time)
            do {
                let result = try await settle.collect(dryRun: false, listSkipped: false)
                SettleMetrics.actionsCreated(result.actions.count)
                done[organisation.organisation.slug] = today
                logger.info("daily cycle", metadata: ["org": "\(organisation.organisation.slug)", "day": "\(today)",
                                                      "actions": "\(result.actions.count)", "messages": "\(result.messages.count)"])
            } catch {
                logger.error("daily cycle failed", metadata: ["org": "\(organisation.organisation.slug)", "error": "\(error)"])
            }
        }
    }

    /// Whether the local time in `zone` is at or past `cycleTime`.
    func isDue(in zone: TimeZone, at cycleTime: LocalTime) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: time.now())
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0) >= cycleTime.minutesSinceMidnight
    }
}
