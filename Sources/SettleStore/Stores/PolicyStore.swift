import SettleCore
import SQLKit

/// Policies of one organisation, stored as the YAML source they were applied from
/// (the source is the single truth; it is parsed again when read), and their assignment.
public struct PolicyStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Adds the policy or replaces the one with the same name.
    public func save(name: String, source: String, now: String) async throws {
        let updated = try await sql.update("policies").set("source", to: SQLBind(source)).set("updated_at", to: SQLBind(now))
            .where("org_id", .equal, SQLBind(orgID)).where("name", .equal, SQLBind(name))
            .returning("id").all()
        guard updated.isEmpty else { return }
        try await sql.insert(into: "policies").columns("org_id", "name", "source", "created_at", "updated_at")
            .values(SQLBind(orgID), SQLBind(name), SQLBind(source), SQLBind(now), SQLBind(now)).run()
    }

    /// Name and YAML source of every stored policy, by name.
    public func all() async throws -> [(name: String, source: String)] {
        try await sql.select().columns("name", "source").from("policies")
            .where("org_id", .equal, SQLBind(orgID)).orderBy("name").all()
            .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "source", as: String.self)) }
    }

    /// Assigns a policy to a client (nil: back to the organisation's default).
    public func assign(_ name: String?, clientID: Int64) async throws {
        try await sql.update("clients").set("policy", to: SQLBind(name))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(clientID)).run()
    }

    /// Overrides the policy of one invoice (nil: the client's policy again).
    public func assign(_ name: String?, invoiceID: Int64) async throws {
        try await sql.update("invoices").set("policy", to: SQLBind(name))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(invoiceID)).run()
    }

    /// How many clients have each policy assigned; the key nil counts those with none (the default).
    public func clientCounts() async throws -> [String?: Int] {
        var counts: [String?: Int] = [:]
        for row in try await sql.raw("SELECT policy, COUNT(*) AS clients FROM clients WHERE org_id = \(bind: orgID) GROUP BY policy").all() {
            counts[try row.decode(column: "policy", as: String?.self)] = try row.decode(column: "clients", as: Int.self)
        }
        return counts
    }

    /// Policy names assigned to clients and to invoices (only those with one).
    public func assignments() async throws -> (clients: [Int64: String], invoices: [Int64: String]) {
        var clients: [Int64: String] = [:]
        var invoices: [Int64: String] = [:]
        for row in try await sql.raw("SELECT id, policy FROM clients WHERE org_id = \(bind: orgID) AND policy IS NOT NULL").all() {
            clients[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "policy", as: String.self)
        }
        for row in try await sql.raw("SELECT id, policy FROM invoices WHERE org_id = \(bind: orgID) AND policy IS NOT NULL").all() {
            invoices[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "policy", as: String.self)
        }
        return (clients, invoices)
    }
}
