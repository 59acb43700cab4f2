import Foundation
import SQLKit

/// Where one event is on its way to one subscription.
public enum WebhookDeliveryStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its next attempt (`next_attempt_at`).
    case pending
    /// Handed to a dispatcher, whose lease runs until `lease_until`.
    case delivering
    /// The endpoint answered 2xx.
    case delivered
    /// Given up: every attempt failed, or the subscription was disabled.
    case failed
}

/// One event for one subscription, as the delivery log shows it.
public struct StoredWebhookDelivery: Sendable, Hashable {
    public var id: Int64
    public var eventID: String
    public var eventType: String
    public var status: WebhookDeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: String?
    /// The HTTP status of the last answer; nil when there was none (a connection failure).
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: String?
    public var createdAt: String
}

/// A delivery a dispatcher has claimed: what to POST where, signed with what.
public struct ClaimedWebhookDelivery: Sendable {
    public var id: Int64
    public var eventID: String
    public var payload: [UInt8]
    public var url: String
    /// The subscription's signing secret; never logged.
    public var secret: String
    /// Attempts so far, this one included.
    public var attempts: Int
}

/// The webhook delivery log of one organisation, which is also its queue. Every query is scoped to `orgID`.
public struct WebhookDeliveryStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Queues an event for every active subscription to its type, due at once; an event already
    /// queued for a subscription (the same id) is not queued again.
    public func enqueue(eventID: String, type: String, payload: [UInt8], now: String) async throws {
        try await sql.raw("""
            INSERT INTO webhook_deliveries (org_id, subscription_id, event_id, event_type, payload, next_attempt_at, created_at)
            SELECT s.org_id, s.id, \(bind: eventID), \(bind: type), \(bind: Data(payload)), \(bind: now), \(bind: now)
            FROM webhook_subscriptions s JOIN webhook_subscription_events e ON e.org_id = s.org_id AND e.subscription_id = s.id
            WHERE s.org_id = \(bind: orgID) AND s.disabled_at IS NULL AND e.event_type = \(bind: type)
            ON CONFLICT (org_id, subscription_id, event_id) DO NOTHING
            """).run()
    }

    /// Claims up to `limit` deliveries due at `now` (and any whose dispatcher's lease ran out), oldest
    /// first, for this dispatcher until `leaseUntil`, counting the attempt. Call inside a transaction:
    /// on PostgreSQL rows another dispatcher holds are skipped.
    public func claim(now: String, leaseUntil: String, limit: Int) async throws -> [ClaimedWebhookDelivery] {
        let locking = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let ids = try await sql.raw("""
            SELECT id FROM webhook_deliveries
            WHERE org_id = \(bind: orgID) AND ((status = 'pending' AND next_attempt_at <= \(bind: now))
                OR (status = 'delivering' AND lease_until < \(bind: now)))
            ORDER BY id LIMIT \(bind: limit)\(unsafeRaw: locking)
            """).all().map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { return [] }
        try await sql.update("webhook_deliveries").set("status", to: SQLBind(WebhookDeliveryStatus.delivering.rawValue))
            .set("lease_until", to: SQLBind(leaseUntil)).set("next_attempt_at", to: SQLBind(String?.none))
            .set("attempts", to: SQLRaw("attempts + 1"))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .in, SQLBind.group(ids)).run()
        return try await sql.raw("""
            SELECT d.id, d.event_id, d.payload, d.attempts, s.url, s.secret
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.org_id = d.org_id AND s.id = d.subscription_id
            WHERE d.org_id = \(bind: orgID) AND d.id IN \(SQLBind.group(ids)) ORDER BY d.id
            """).all().map { row in
                ClaimedWebhookDelivery(
                    id: try row.decode(column: "id", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
                    payload: [UInt8](try row.decode(column: "payload", as: Data.self)), url: try row.decode(column: "url", as: String.self),
                    secret: try row.decode(column: "secret", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self))
            }
    }

    /// The endpoint answered 2xx with `status`.
    public func markDelivered(_ id: Int64, status: Int, now: String) async throws {
        try await finish(id, as: .delivered, set: [("delivered_at", SQLBind(now)), ("last_status", SQLBind(status)),
                                                  ("last_error", SQLBind(String?.none))])
    }

    /// The attempt failed; the next one is due at `nextAttemptAt`.
    public func scheduleRetry(_ id: Int64, status: Int?, error: String, nextAttemptAt: String) async throws {
        try await finish(id, as: .pending, set: [("next_attempt_at", SQLBind(nextAttemptAt)), ("last_status", SQLBind(status)),
                                                ("last_error", SQLBind(error))])
    }

    /// The attempt failed and no other will be made.
    public func markFailed(_ id: Int64, status: Int?, error: String) async throws {
        try await finish(id, as: .failed, set: [("last_status", SQLBind(status)), ("last_error", SQLBind(error))])
    }

    /// A page of one subscription's log, newest first, after the delivery `before` when given.
    public func log(subscriptionID: Int64, before: Int64?, limit: Int) async throws -> [StoredWebhookDelivery] {
        var query = sql.select()
            .columns("id", "event_id", "event_type", "status", "attempts", "next_attempt_at", "last_status", "last_error",
                     "delivered_at", "created_at")
            .from("webhook_deliveries").where("org_id", .equal, SQLBind(orgID)).where("subscription_id", .equal, SQLBind(subscriptionID))
        if let before { query = query.where("id", .lessThan, SQLBind(before)) }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.decode)
    }

    private func finish(_ id: Int64, as status: WebhookDeliveryStatus, set values: [(String, any SQLExpression)]) async throws {
        var update = sql.update("webhook_deliveries").set("status", to: SQLBind(status.rawValue))
            .set("lease_until", to: SQLBind(String?.none))
        for (column, value) in values { update = update.set(SQLIdentifier(column), to: value) }
        try await update.where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id))
            .where("status", .equal, SQLBind(WebhookDeliveryStatus.delivering.rawValue)).run()
    }

    static func decode(_ row: any SQLRow) throws -> StoredWebhookDelivery {
        let text = try row.decode(column: "status", as: String.self)
        guard let status = WebhookDeliveryStatus(rawValue: text) else { throw StoreError.corrupt("webhook delivery with status \(text)") }
        return StoredWebhookDelivery(
            id: try row.decode(column: "id", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
            eventType: try row.decode(column: "event_type", as: String.self), status: status,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try row.decode(column: "next_attempt_at", as: String?.self),
            lastStatus: try row.decode(column: "last_status", as: Int?.self), lastError: try row.decode(column: "last_error", as: String?.self),
            deliveredAt: try row.decode(column: "delivered_at", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }
}
