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
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server: the JSON API (docs/api.md) with the scheduler and the delivery worker beside it.",
        discussion: "Stops gracefully on SIGTERM or SIGINT: requests in flight are answered and sends finish first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var background: BackgroundOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080

    func run() async throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        try await global.withSettle { settle in
            try await settle.organisation()  // the schema is current and migrated
            let logger = Logger(label: "settle")
            let configured = try settle.configuredCouriers()
            let settings = ServerSettings(host: host, port: port, scheduler: !background.noScheduler, delivery: !background.noDelivery)
            let database = settle.database, time = settle.time
            let app = try SettleServer.application(settings: settings, database: database, time: time, couriers: configured.couriers,
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
        try await global.withSettle { settle in
            try await settle.organisation()
            let logger = Logger(label: "settle-worker")
            let configured = try settle.configuredCouriers()
            let settings = ServerSettings(scheduler: !background.noScheduler, delivery: !background.noDelivery)
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
