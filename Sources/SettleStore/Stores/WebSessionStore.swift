import SettleCore
import SQLKit

/// A signed-in session of the web app, found by the hash of its secret.
public struct StoredWebSession: Sendable, Hashable {
    public var id: Int64
    public var user: StoredUser
    /// The token every form of the session carries (CSRF).
    public var csrfToken: String
    public var expiresAt: String
}

/// The web sessions and failed sign-ins of one organisation. Every query is scoped to `orgID`.
public struct WebSessionStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func add(userID: Int64, tokenHash: String, csrfToken: String, now: String, expiresAt: String) async throws {
        try await sql.insert(into: "web_sessions").columns("org_id", "user_id", "token_hash", "csrf_token", "created_at", "expires_at")
            .values(SQLBind(orgID), SQLBind(userID), SQLBind(tokenHash), SQLBind(csrfToken), SQLBind(now), SQLBind(expiresAt)).run()
    }

    /// The session with this token hash when it has not ended or expired and its user may still sign in.
    public func find(tokenHash: String, now: String) async throws -> StoredWebSession? {
        guard let row = try await sql.select()
            .column(SQLColumn("id", table: "s")).column(SQLColumn("csrf_token", table: "s")).column(SQLColumn("expires_at", table: "s"))
            .column(SQLAlias(SQLColumn("id", table: "u"), as: SQLIdentifier("user_id")))
            .column(SQLColumn("email", table: "u")).column(SQLColumn("role", table: "u")).column(SQLColumn("created_at", table: "u"))
            .from(SQLAlias(SQLIdentifier("web_sessions"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLRaw("u.id = s.user_id AND u.org_id = s.org_id"))
            .where(SQLColumn("org_id", table: "s"), .equal, SQLBind(orgID))
            .where(SQLColumn("token_hash", table: "s"), .equal, SQLBind(tokenHash))
            .where(SQLColumn("ended_at", table: "s"), .is, SQLLiteral.null)
            .where(SQLColumn("expires_at", table: "s"), .greaterThan, SQLBind(now))
            .where(SQLColumn("disabled_at", table: "u"), .is, SQLLiteral.null)
            .first() else { return nil }
        let user = StoredUser(id: try row.decode(column: "user_id", as: Int64.self), email: try row.decode(column: "email", as: String.self),
                              role: try Role(row), createdAt: try row.decode(column: "created_at", as: String.self), disabledAt: nil)
        return StoredWebSession(id: try row.decode(column: "id", as: Int64.self), user: user,
                                csrfToken: try row.decode(column: "csrf_token", as: String.self),
                                expiresAt: try row.decode(column: "expires_at", as: String.self))
    }

    public func end(tokenHash: String, now: String) async throws {
        try await sql.update("web_sessions").set("ended_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("token_hash", .equal, SQLBind(tokenHash)).where("ended_at", .is, SQLLiteral.null)
            .run()
    }

    public func recordFailure(email: String, now: String) async throws {
        try await sql.insert(into: "sign_in_failures").columns("org_id", "email", "failed_at")
            .values(SQLBind(orgID), SQLBind(email), SQLBind(now)).run()
    }

    /// Failed sign-ins for this address since an instant.
    public func failures(email: String, since: String) async throws -> Int {
        let row = try await sql.select().column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from("sign_in_failures").where("org_id", .equal, SQLBind(orgID)).where("email", .equal, SQLBind(email))
            .where("failed_at", .greaterThan, SQLBind(since)).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Forgets the failures of an address (after a sign-in that succeeded).
    public func clearFailures(email: String) async throws {
        try await sql.delete(from: "sign_in_failures").where("org_id", .equal, SQLBind(orgID)).where("email", .equal, SQLBind(email)).run()
    }
}
