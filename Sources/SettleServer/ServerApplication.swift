import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle
import SettleApp
import SettleCore
import SettleStore

/// What `settle serve` and `settle worker` run.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Run the daily cycle scheduler in this process.
    public var scheduler: Bool
    /// The scheduler runs the days whose time has passed when it starts.
    public var catchUpOnStart = true
    /// Run the delivery worker in this process.
    public var delivery: Bool
    public var deliveryInterval: Duration
    public var deliveryBatchSize: Int
    /// How long a claimed message is the worker's before another may send it.
    public var deliveryLease: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, scheduler: Bool = true, delivery: Bool = true,
                deliveryInterval: Duration = .seconds(5), deliveryBatchSize: Int = 50,
                deliveryLease: Duration = .seconds(Settle.leaseSeconds)) {
        self.deliveryLease = deliveryLease
        self.host = host
        self.port = port
        self.scheduler = scheduler
        self.delivery = delivery
        self.deliveryInterval = deliveryInterval
        self.deliveryBatchSize = deliveryBatchSize
    }
}

public enum SettleServer {
    /// The routes: `/health`, `/ready`, `/metrics`, `/api/openapi.yaml`, the web app (`/`, `/signin`, `/app`), the one-click unsubscribe,
    /// the inbound text and email webhooks (`/inbound/...`, each checking its own signature or
    /// secret) and the API under `/api/v1`, behind request ids and problem documents; the API
    /// also behind authentication.
    public static func router(database: SettleDatabase, time: any TimeSource, links: ClientLinkSigner = .development,
                              inbound: InboundSettings = InboundSettings(), webOrganisation: String = "default",
                              couriers: [any MessageCourier] = [],
                              authenticate: @escaping @Sendable (String) async throws -> Caller?) throws -> Router<BasicRequestContext> {
        SettleMetrics.start()
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.get("/health") { _, _ in "ok\n" }
        router.get("/ready") { _, _ -> Response in
            do {
                try await Migrator(database: database).requireCurrent(fresh: true)
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ready\n")))
            } catch {
                throw HTTPError(.serviceUnavailable, message: "the database is not reachable or not migrated")
            }
        }
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: SettleMetrics.text())))
        }
        let document = try openAPIDocument()
        router.get("/api/openapi.yaml") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        }
        Unsubscribe(database: database, time: time, links: links).register(on: router)
        InboundText(database: database, time: time, publicURL: links.publicURL, authToken: inbound.smsAuthToken).register(on: router)
        InboundMail(database: database, time: time, secret: inbound.emailSecret).register(on: router)
        try WebApp(database: database, time: time, defaultOrganisation: webOrganisation, links: links, couriers: couriers).register(on: router)
        let api = router.group("api/v1").add(middleware: AuthenticationMiddleware(authenticate: authenticate))
            .add(middleware: IdempotencyMiddleware(database: database, time: time))
        try APIHandlers(database: database, time: time, links: links).registerHandlers(on: api, serverURL: URL(string: "/")!)
        return router
    }

    /// The contract, as shipped in the bundle.
    static func openAPIDocument() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw InputError("openapi.yaml is missing from the build")
        }
        return try Data(contentsOf: url)
    }

    /// The HTTP server with the background services beside it (as the settings say), shut down
    /// gracefully on SIGTERM and SIGINT: in-flight requests and sends finish first.
    public static func application(settings: ServerSettings, database: SettleDatabase, time: any TimeSource,
                                   links: ClientLinkSigner, inbound: InboundSettings = InboundSettings(),
                                   webOrganisation: String = "default", couriers: [any MessageCourier], logger: Logger,
                                   authenticate: @escaping @Sendable (String) async throws -> Caller?) throws -> some ApplicationProtocol {
        Application(router: try router(database: database, time: time, links: links, inbound: inbound, webOrganisation: webOrganisation,
                                       couriers: couriers, authenticate: authenticate),
                    configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "settle"),
                    services: backgroundServices(settings: settings, database: database, time: time, couriers: couriers, logger: logger),
                    logger: logger)
    }

    /// The scheduler, and the delivery worker with the webhook dispatcher beside it, as the settings ask.
    public static func backgroundServices(settings: ServerSettings, database: SettleDatabase, time: any TimeSource,
                                          couriers: [any MessageCourier], logger: Logger) -> [any Service] {
        var services: [any Service] = []
        if settings.scheduler {
            services.append(CollectionScheduler(database: database, time: time, catchUpOnStart: settings.catchUpOnStart, logger: logger))
        }
        if settings.delivery {
            services.append(DeliveryWorker(database: database, time: time, couriers: couriers, batchSize: settings.deliveryBatchSize,
                                           interval: settings.deliveryInterval, lease: settings.deliveryLease, logger: logger))
            services.append(WebhookDispatcher(database: database, time: time, batchSize: settings.deliveryBatchSize,
                                              interval: settings.deliveryInterval, logger: logger))
        }
        return services
    }
}
