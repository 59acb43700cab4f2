import SQLKit

/// A webhook subscription as listed: never its secret.
public struct StoredWebhookSubscription: Sendable, Hashable {
    public var id: Int64
    /// The name the API shows and addresses it by, `whk_` and 16 hex digits.
    public var publicID: String
    public var url: String
    /// The event types it receives, sorted.
    public var events: [String]
    public var createdAt: String
    /// When it was disabled; a disabled subscription receives nothing new.
    public var disabledAt: String?

    public var isActive: Bool { disabledAt == nil }
}

/// The webhook subscriptions of one organisation. Every query is scoped to `orgID`.
public struct WebhookSubscriptionStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Stores a subscription with the secret that signs its events (kept as given: it must sign).
    public func add(publicID: String, url: String, events: [String], secret: String, now: String) async throws
        -> StoredWebhookSubscription {
        guard let row = try await sql.insert(into: "webhook_subscriptions")
            .columns("org_id", "public_id", "url", "secret", "created_at")
            .values(SQLBind(orgID), SQLBind(publicID), SQLBind(url), SQLBind(secret), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("webhook subscription \(publicID) was not stored") }
        let id = try row.decode(column: "id", as: Int64.self)
        let types = Array(Set(events)).sorted()
        try await sql.insertRows(into: "webhook_subscription_events", columns: ["org_id", "subscription_id", "event_type"],
                                 rows: types.map { [.integer(orgID), .integer(id), .text($0)] })
        return StoredWebhookSubscription(id: id, publicID: publicID, url: url, events: types, createdAt: now, disabledAt: nil)
    }

    /// Every subscription, disabled ones too, oldest first.
    public func list() async throws -> [StoredWebhookSubscription] {
        let rows = try await select().orderBy("id").all()
        let events = try await eventTypes()
        return try rows.map { try Self.decode($0, events: events) }
    }

    public func find(publicID: String) async throws -> StoredWebhookSubscription? {
        guard let row = try await select().where("public_id", .equal, SQLBind(publicID)).first() else { return nil }
        return try Self.decode(row, events: try await eventTypes())
    }

    /// Stops sending to a subscription; what is still pending for it is not sent. Returns false
    /// when there is no such subscription; disabling one twice changes nothing.
    public func disable(publicID: String, now: String) async throws -> Bool {
        guard let subscription = try await find(publicID: publicID) else { return false }
        guard subscription.isActive else { return true }
        try await sql.update("webhook_subscriptions").set("disabled_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(subscription.id)).run()
        try await sql.update("webhook_deliveries").set("status", to: SQLBind("failed"))
            .set("next_attempt_at", to: SQLBind(String?.none)).set("last_error", to: SQLBind("the subscription was disabled"))
            .where("org_id", .equal, SQLBind(orgID)).where("subscription_id", .equal, SQLBind(subscription.id))
            .where("status", .equal, SQLBind("pending")).run()
        return true
    }

    /// The event types some active subscription receives.
    public func typesListenedTo() async throws -> Set<String> {
        try Set(await sql.raw("""
            SELECT DISTINCT e.event_type FROM webhook_subscription_events e
            JOIN webhook_subscriptions s ON s.org_id = e.org_id AND s.id = e.subscription_id
            WHERE e.org_id = \(bind: orgID) AND s.disabled_at IS NULL
            """).all().map { try $0.decode(column: "event_type", as: String.self) })
    }

    private func eventTypes() async throws -> [Int64: [String]] {
        var events: [Int64: [String]] = [:]
        for row in try await sql.select().columns("subscription_id", "event_type").from("webhook_subscription_events")
            .where("org_id", .equal, SQLBind(orgID)).orderBy("event_type").all() {
            events[try row.decode(column: "subscription_id", as: Int64.self), default: []]
                .append(try row.decode(column: "event_type", as: String.self))
        }
        return events
    }

    private func select() -> SQLSelectBuilder {
        sql.select().columns("id", "public_id", "url", "created_at", "disabled_at").from("webhook_subscriptions")
            .where("org_id", .equal, SQLBind(orgID))
    }

    static func decode(_ row: any SQLRow, events: [Int64: [String]]) throws -> StoredWebhookSubscription {
        let id = try row.decode(column: "id", as: Int64.self)
        return StoredWebhookSubscription(
            id: id, publicID: try row.decode(column: "public_id", as: String.self), url: try row.decode(column: "url", as: String.self),
            events: events[id] ?? [], createdAt: try row.decode(column: "created_at", as: String.self),
            disabledAt: try row.decode(column: "disabled_at", as: String?.self))
    }
}
