import SettleCore
import SQLKit

/// A person who may sign in to an organisation. The password hash stays in the store.
public struct StoredUser: Sendable, Hashable {
    public var id: Int64
    /// Lower-cased.
    public var email: String
    public var role: Role
    public var createdAt: String
    /// When the user was disabled; a disabled user cannot sign in.
    public var disabledAt: String?

    public var isDisabled: Bool { disabledAt != nil }
}

/// The users of one organisation. Every query is scoped to `orgID`.
public struct UserStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Stores a user; `email` must already be lower-cased and `passwordHash` a bcrypt hash.
    public func add(email: String, passwordHash: String, role: Role, now: String) async throws -> StoredUser {
        guard let row = try await sql.insert(into: "users").columns("org_id", "email", "password_hash", "role", "created_at")
            .values(SQLBind(orgID), SQLBind(email), SQLBind(passwordHash), SQLBind(role.rawValue), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("user \(email) was not stored") }
        return StoredUser(id: try row.decode(column: "id", as: Int64.self), email: email, role: role, createdAt: now, disabledAt: nil)
    }

    public func list() async throws -> [StoredUser] {
        try await sql.select().columns("id", "email", "role", "created_at", "disabled_at").from("users")
            .where("org_id", .equal, SQLBind(orgID)).orderBy("email").all().map(Self.decode)
    }

    public func find(email: String) async throws -> StoredUser? {
        try await credentials(email: email)?.user
    }

    /// The user with their password hash, to check a password against.
    public func credentials(email: String) async throws -> (user: StoredUser, passwordHash: String)? {
        guard let row = try await sql.select().columns("id", "email", "role", "created_at", "disabled_at", "password_hash").from("users")
            .where("org_id", .equal, SQLBind(orgID)).where("email", .equal, SQLBind(email)).first() else { return nil }
        return (try Self.decode(row), try row.decode(column: "password_hash", as: String.self))
    }

    public func setRole(_ role: Role, email: String) async throws {
        try await sql.update("users").set("role", to: SQLBind(role.rawValue))
            .where("org_id", .equal, SQLBind(orgID)).where("email", .equal, SQLBind(email)).run()
    }

    public func disable(email: String, now: String) async throws {
        try await sql.update("users").set("disabled_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("email", .equal, SQLBind(email)).where("disabled_at", .is, SQLLiteral.null)
            .run()
    }

    /// How many owners can still sign in.
    public func activeOwners() async throws -> Int {
        let row = try await sql.raw("""
            SELECT CAST(COUNT(*) AS BIGINT) AS n FROM users WHERE org_id = \(bind: orgID) AND role = 'owner' AND disabled_at IS NULL
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func decode(_ row: any SQLRow) throws -> StoredUser {
        return StoredUser(id: try row.decode(column: "id", as: Int64.self), email: try row.decode(column: "email", as: String.self),
                          role: try Role(row), createdAt: try row.decode(column: "created_at", as: String.self),
                          disabledAt: try row.decode(column: "disabled_at", as: String?.self))
    }
}

extension Role {
    /// The role in a row's `role` column.
    init(_ row: any SQLRow) throws {
        let text = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: text) else { throw StoreError.corrupt("unknown role \"\(text)\"") }
        self = role
    }
}
