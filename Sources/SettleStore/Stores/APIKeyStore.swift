import SettleCore
import SQLKit

/// An API key as listed: never its secret, never its hash.
public struct StoredAPIKey: Sendable, Hashable {
    public var id: Int64
    /// The key's public name, `key_` and 16 characters, shown in lists and used to revoke it.
    public var publicID: String
    public var role: Role
    /// What it is for, for people ("accounting sync"); may be empty.
    public var name: String
    public var createdAt: String
    /// When the key was last presented, to the minute.
    public var lastUsedAt: String?
    /// When the key was revoked; a revoked key opens nothing.
    public var revokedAt: String?

    public var isRevoked: Bool { revokedAt != nil }
}

/// A key found by its hash, with the organisation it belongs to.
public struct PresentedAPIKey: Sendable, Hashable {
    public var orgID: Int64
    public var organisation: String
    public var publicID: String
    public var role: Role
    public var lastUsedAt: String?
}

/// The API keys of one organisation. Every query is scoped to `orgID`, except `find(keyHash:in:)`.
public struct APIKeyStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Stores a key by its hash (the SHA-256 hex of the whole secret); the secret itself is never stored.
    public func add(publicID: String, keyHash: String, role: Role, name: String, now: String) async throws -> StoredAPIKey {
        guard let row = try await sql.insert(into: "api_keys").columns("org_id", "public_id", "key_hash", "role", "name", "created_at")
            .values(SQLBind(orgID), SQLBind(publicID), SQLBind(keyHash), SQLBind(role.rawValue), SQLBind(name), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("API key \(publicID) was not stored") }
        return StoredAPIKey(id: try row.decode(column: "id", as: Int64.self), publicID: publicID, role: role, name: name, createdAt: now,
                            lastUsedAt: nil, revokedAt: nil)
    }

    /// Every key, revoked ones too, oldest first.
    public func list() async throws -> [StoredAPIKey] {
        try await select().orderBy("id").all().map(Self.decode)
    }

    public func find(publicID: String) async throws -> StoredAPIKey? {
        try await select().where("public_id", .equal, SQLBind(publicID)).first().map(Self.decode)
    }

    public func revoke(publicID: String, now: String) async throws {
        try await sql.update("api_keys").set("revoked_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("public_id", .equal, SQLBind(publicID))
            .where("revoked_at", .is, SQLLiteral.null).run()
    }

    /// Notes that a key was presented at `now`.
    public func markUsed(publicID: String, now: String) async throws {
        try await sql.update("api_keys").set("last_used_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("public_id", .equal, SQLBind(publicID)).run()
    }

    /// The unrevoked key with this hash, in whichever organisation holds it.
    ///
    /// The one query not scoped to an organisation: a request presents only its key, and the key
    /// is what says which organisation the request is for. It matches on the SHA-256 of a secret
    /// of 256 random bits, so it finds the caller's own key or nothing.
    public static func find(keyHash: String, in sql: any SQLDatabase) async throws -> PresentedAPIKey? {
        guard let row = try await sql.select()
            .column(SQLColumn("org_id", table: "k")).column(SQLColumn("public_id", table: "k")).column(SQLColumn("role", table: "k"))
            .column(SQLColumn("last_used_at", table: "k")).column(SQLColumn("slug", table: "o"))
            .from(SQLAlias(SQLIdentifier("api_keys"), as: SQLIdentifier("k")))
            .join(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")), on: SQLRaw("o.id = k.org_id"))
            .where(SQLColumn("key_hash", table: "k"), .equal, SQLBind(keyHash))
            .where(SQLColumn("revoked_at", table: "k"), .is, SQLLiteral.null).first() else { return nil }
        return PresentedAPIKey(orgID: try row.decode(column: "org_id", as: Int64.self), organisation: try row.decode(column: "slug", as: String.self),
                               publicID: try row.decode(column: "public_id", as: String.self), role: try Role(row),
                               lastUsedAt: try row.decode(column: "last_used_at", as: String?.self))
    }

    private func select() -> SQLSelectBuilder {
        sql.select().columns("id", "public_id", "role", "name", "created_at", "last_used_at", "revoked_at").from("api_keys")
            .where("org_id", .equal, SQLBind(orgID))
    }

    static func decode(_ row: any SQLRow) throws -> StoredAPIKey {
        return StoredAPIKey(id: try row.decode(column: "id", as: Int64.self), publicID: try row.decode(column: "public_id", as: String.self),
                            role: try Role(row), name: try row.decode(column: "name", as: String.self),
                            createdAt: try row.decode(column: "created_at", as: String.self),
                            lastUsedAt: try row.decode(column: "last_used_at", as: String?.self),
                            revokedAt: try row.decode(column: "revoked_at", as: String?.self))
    }
}
