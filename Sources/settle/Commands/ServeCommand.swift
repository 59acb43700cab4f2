import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SettleApp
import SettleCore
import SettleServer

/// The options `settle serve` and `settle worker` share.
struct BackgroundOptions: ParsableArguments {
    @Flag(name: .customLong("no-scheduler"), help: "Do not run the daily cycle scheduler in this process.") var noScheduler = false
    @Flag(name: .customLong("no-delivery"), help: "Do not run the delivery worker in this process.") var noDelivery = false

    /// What to run, from the settings (scheduler.enabled, worker.*, delivery.lease) and these flags.
    func serverSettings(_ settings: SettleSettings, host: String = "127.0.0.1", port: Int = 8080) -> ServerSettings {
        var server = ServerSettings(host: host, port: port, scheduler: settings.scheduler.enabled && !noScheduler, delivery: !noDelivery,
                                    deliveryInterval: settings.worker.pollInterval, deliveryBatchSize: settings.worker.batchSize,
                                    deliveryLease: settings.delivery.lease)
        server.catchUpOnStart = settings.scheduler.catchUpOnStart
        return server
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server: the JSON API (docs/api.md) with the scheduler and the delivery worker beside it.",
        discussion: "Stops gracefully on SIGTERM or SIGINT: requests in flight are answered and sends finish first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var background: BackgroundOptions
    @Option(help: "The address to listen on (setting server.host, env SETTLE_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "The port to listen on (setting server.port, env SETTLE_PORT; default 8080).") var port: Int?

    func run() async throws {
        var flags = global.settingFlags
        flags["server.host"] = host
        flags["server.port"] = port.map(String.init)
        let loaded = try SettleSettings.load(flags: flags, environment: ProcessInfo.processInfo.environment, file: global.config)
        try await global.withSettle(loaded) { settle in
            try await settle.organisation()  // the schema is current and migrated
            let logger = serverLogger("settle", loaded)
            let configured = settle.configuredCouriers(loaded)
            let settings = background.serverSettings(loaded, host: loaded.server.host, port: loaded.server.port)
            let database = settle.database, time = settle.time
            let app = try SettleServer.application(settings: settings, database: database, time: time, links: settle.links,
                                                   inbound: InboundSettings(settings: loaded), webOrganisation: settle.organisationSlug,
                                                   couriers: configured.couriers,
                                                   logger: logger) { key in
                try await Settle.authenticate(apiKey: key, database: database, now: Settle.instantText(time.now())).map {
                    Caller(orgID: $0.orgID, organisation: $0.organisation, role: $0.role, keyID: $0.publicID)
                }
            }
            try await app.runService()
            await configured.shutdown()
        }
    }
}

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run only the background services (scheduler, delivery), for several processes sharing one PostgreSQL.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var background: BackgroundOptions

    func run() async throws {
        let loaded = try global.loadSettings().settings
        try await global.withSettle(loaded) { settle in
            try await settle.organisation()
            let logger = serverLogger("settle-worker", loaded)
            let configured = settle.configuredCouriers(loaded)
            let settings = background.serverSettings(loaded)
            let services = SettleServer.backgroundServices(settings: settings, database: settle.database, time: settle.time,
                                                           couriers: configured.couriers, logger: logger)
            guard !services.isEmpty else { throw ValidationError("--no-scheduler and --no-delivery leave nothing to run") }
            let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                          gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            await configured.shutdown()
        }
    }
}

/// The server's logger, at the configured level, as text or JSON lines (`log.level`, `log.format`).
func serverLogger(_ label: String, _ settings: SettleSettings) -> Logger {
    if settings.log.format == .json { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
    var logger = Logger(label: label)
    logger.logLevel = settings.log.level
    return logger
}
