import SettleCore
import SQLKit

/// A note a person wrote about a client or one of its invoices.
public struct StoredNote: Sendable, Hashable {
    public var day: Day
    public var invoice: String?
    public var text: String
}

/// Notes about clients and invoices.
public struct NoteStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func add(clientID: Int64, invoiceID: Int64?, day: Day, text: String, now: String) async throws {
        try await sql.insert(into: "notes").columns("org_id", "client_id", "invoice_id", "day", "text", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(invoiceID), SQLBind(day.description), SQLBind(text), SQLBind(now)).run()
    }

    public func list(clientID: Int64) async throws -> [StoredNote] {
        try await sql.raw("""
            SELECT n.day, n.text, i.number FROM notes n LEFT JOIN invoices i ON i.id = n.invoice_id AND i.org_id = n.org_id
            WHERE n.org_id = \(bind: orgID) AND n.client_id = \(bind: clientID) ORDER BY n.day, n.id
            """).all().map { row in
            StoredNote(day: try Day(parsing: try row.decode(column: "day", as: String.self)),
                       invoice: try row.decode(column: "number", as: String?.self), text: try row.decode(column: "text", as: String.self))
        }
    }
}

/// A channel a client can opt out of.
public enum ContactChannel: String, Sendable, CaseIterable {
    case email, sms, call
}

/// Opt-outs per channel and requests to cease communication; recorded here, enforced by delivery.
public struct ContactPreferenceStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Records an opt-out of one channel (`channel` given) or a request to cease all communication (nil).
    public func add(clientID: Int64, channel: ContactChannel?, day: Day, note: String, now: String) async throws {
        try await sql.insert(into: "contact_preferences").columns("org_id", "client_id", "kind", "channel", "day", "note", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(channel == nil ? "cease" : "opt_out"), SQLBind(channel?.rawValue),
                    SQLBind(day.description), SQLBind(note), SQLBind(now)).run()
    }

    /// Takes back the client's standing opt-outs of a channel (the client opted in again); the
    /// opt-outs stay as history. Returns how many there were.
    @discardableResult
    public func revoke(clientID: Int64, channel: ContactChannel, day: Day, note: String) async throws -> Int {
        let standing = try await sql.select().column("id").from("contact_preferences")
            .where("org_id", .equal, SQLBind(orgID)).where("client_id", .equal, SQLBind(clientID))
            .where("kind", .equal, SQLBind("opt_out")).where("channel", .equal, SQLBind(channel.rawValue))
            .where("revoked_day", .is, SQLLiteral.null).all()
        guard !standing.isEmpty else { return 0 }
        try await sql.update("contact_preferences").set("revoked_day", to: SQLBind(day.description)).set("revoked_note", to: SQLBind(note))
            .where("org_id", .equal, SQLBind(orgID)).where("client_id", .equal, SQLBind(clientID))
            .where("kind", .equal, SQLBind("opt_out")).where("channel", .equal, SQLBind(channel.rawValue))
            .where("revoked_day", .is, SQLLiteral.null).run()
        return standing.count
    }

    /// Opted-out channels and whether the client asked to cease communication; opt-outs the
    /// client took back do not count.
    public func preferences(clientID: Int64) async throws -> (optedOut: Set<ContactChannel>, ceased: Bool) {
        var channels: Set<ContactChannel> = []
        var ceased = false
        for row in try await sql.select().columns("kind", "channel").from("contact_preferences")
            .where("org_id", .equal, SQLBind(orgID)).where("client_id", .equal, SQLBind(clientID))
            .where("revoked_day", .is, SQLLiteral.null).all() {
            if try row.decode(column: "kind", as: String.self) == "cease" { ceased = true }
            if let channel = try row.decode(column: "channel", as: String?.self).flatMap(ContactChannel.init(rawValue:)) {
                channels.insert(channel)
            }
        }
        return (channels, ceased)
    }
}
