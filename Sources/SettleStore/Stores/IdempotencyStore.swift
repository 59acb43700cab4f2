import SQLKit

/// The first response to a request with an `Idempotency-Key`, as kept.
public struct StoredIdempotentResponse: Sendable, Hashable {
    public var requestHash: String
    /// 0 while the first request is still being handled.
    public var status: Int
    public var contentType: String
    public var body: String
}

/// Idempotency keys of one organisation and the responses they gave. Every query is scoped to `orgID`.
public struct IdempotencyStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Claims the key for a request; false when the key is taken (then `find` says by what).
    public func claim(_ key: String, requestHash: String, now: String) async throws -> Bool {
        !(try await sql.insert(into: "idempotency_keys").columns("org_id", "key", "request_hash", "status", "created_at")
            .values(SQLBind(orgID), SQLBind(key), SQLBind(requestHash), SQLBind(0), SQLBind(now))
            .ignoringConflicts().returning("id").all().isEmpty)
    }

    public func find(_ key: String) async throws -> StoredIdempotentResponse? {
        try await sql.select().columns("request_hash", "status", "content_type", "body").from("idempotency_keys")
            .where("org_id", .equal, SQLBind(orgID)).where("key", .equal, SQLBind(key)).first().map { row in
                StoredIdempotentResponse(requestHash: try row.decode(column: "request_hash", as: String.self),
                                         status: try row.decode(column: "status", as: Int.self),
                                         contentType: try row.decode(column: "content_type", as: String.self),
                                         body: try row.decode(column: "body", as: String.self))
            }
    }

    /// Keeps the response the first request got.
    public func complete(_ key: String, status: Int, contentType: String, body: String) async throws {
        try await sql.update("idempotency_keys").set("status", to: SQLBind(status)).set("content_type", to: SQLBind(contentType))
            .set("body", to: SQLBind(body)).where("org_id", .equal, SQLBind(orgID)).where("key", .equal, SQLBind(key)).run()
    }

    /// Frees the key (the request failed: a retry may use it again).
    public func release(_ key: String) async throws {
        try await sql.delete(from: "idempotency_keys").where("org_id", .equal, SQLBind(orgID)).where("key", .equal, SQLBind(key)).run()
    }

    /// Forgets keys older than `cutoff` (an instant in the `created_at` format).
    public func expire(before cutoff: String) async throws {
        try await sql.delete(from: "idempotency_keys").where("org_id", .equal, SQLBind(orgID))
            .where("created_at", .lessThan, SQLBind(cutoff)).run()
    }
}
