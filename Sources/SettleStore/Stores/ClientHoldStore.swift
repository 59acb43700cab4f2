import SettleCore
import SQLKit

/// What holds chasing for a whole client: a person's pause, hardship.
public enum ClientHoldKind: String, Sendable, CaseIterable {
    case pause, hardship
}

/// Pauses and hardship periods per client; the latest period of each kind wins.
public struct ClientHoldStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func add(_ kind: ClientHoldKind, clientID: Int64, from: Day, until: Day, note: String, now: String) async throws {
        try await sql.insert(into: "client_holds").columns("org_id", "client_id", "kind", "from_day", "until_day", "note", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(kind.rawValue), SQLBind(from.description), SQLBind(until.description),
                    SQLBind(note), SQLBind(now)).run()
    }

    /// The last day of the newest hold of a kind per client, for holds that started on or before `day`.
    public func latest(_ kind: ClientHoldKind, asOf day: Day) async throws -> [Int64: Day] {
        var result: [Int64: Day] = [:]
        let rows = try await sql.select().columns("client_id", "until_day").from("client_holds")
            .where("org_id", .equal, SQLBind(orgID)).where("kind", .equal, SQLBind(kind.rawValue))
            .where("from_day", .lessThanOrEqual, SQLBind(day.description)).orderBy("id").all()
        for row in rows {
            result[try row.decode(column: "client_id", as: Int64.self)] = try Day(parsing: try row.decode(column: "until_day", as: String.self))
        }
        return result
    }
}
