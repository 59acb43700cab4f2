import SettleCore
import SQLKit

/// An action as recorded by a day's cycle.
public struct RecordedAction: Sendable, Hashable {
    public var key: String
    public var invoiceID: Int64
    public var day: Day
    public var stage: String
    public var kind: ActionKind
    public var tone: Tone
    public var status: PlannedAction.Status
    public var reason: String
    public var messageKey: String?
}

/// What the engine did, per invoice. Keys are unique per organisation, so recording the same
/// day twice adds nothing (the store, not only the engine, guarantees it).
public struct ActionStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Records actions; those whose key exists already are left alone. Returns the keys that were new,
    /// so money is posted only for actions recorded now.
    @discardableResult
    public func record(_ actions: [(invoiceID: Int64, action: PlannedAction, messageKey: String?)], day: Day,
                       now: String) async throws -> Set<String> {
        var inserted: Set<String> = []
        for batch in actions.chunked(into: 500) {
            var insert = sql.insert(into: "actions").columns(
                "org_id", "key", "invoice_id", "day", "stage", "kind", "tone", "template", "status", "reason", "message_key", "created_at")
            for (invoiceID, action, messageKey) in batch {
                insert = insert.values(
                    SQLBind(orgID), SQLBind(action.key), SQLBind(invoiceID), SQLBind(day.description), SQLBind(action.stage),
                    SQLBind(action.kind.rawValue), SQLBind(action.tone.rawValue), SQLBind(action.template),
                    SQLBind(action.status.rawValue), SQLBind(action.reason), SQLBind(messageKey), SQLBind(now))
            }
            for row in try await insert.ignoringConflicts(with: ["org_id", "key"]).returning("key").all() {
                inserted.insert(try row.decode(column: "key", as: String.self))
            }
        }
        return inserted
    }

    /// Recorded keys per invoice id, for the invoices given (all when nil).
    public func keys(invoiceIDs: [Int64]? = nil) async throws -> [Int64: Set<String>] {
        var result: [Int64: Set<String>] = [:]
        let rows: [any SQLRow]
        if let invoiceIDs {
            var collected: [any SQLRow] = []
            for batch in invoiceIDs.chunked(into: 500) {
                collected += try await sql.select().columns("invoice_id", "key").from("actions")
                    .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .in, SQLBind.group(Array(batch))).all()
            }
            rows = collected
        } else {
            rows = try await sql.select().columns("invoice_id", "key").from("actions").where("org_id", .equal, SQLBind(orgID)).all()
        }
        for row in rows {
            result[try row.decode(column: "invoice_id", as: Int64.self), default: []].insert(try row.decode(column: "key", as: String.self))
        }
        return result
    }

    /// Everything recorded for one invoice, oldest first.
    public func list(invoiceID: Int64) async throws -> [RecordedAction] {
        try await sql.select().columns("*").from("actions")
            .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .equal, SQLBind(invoiceID))
            .orderBy("day").orderBy("id").all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> RecordedAction {
        let kind = try row.decode(column: "kind", as: String.self)
        let tone = try row.decode(column: "tone", as: String.self)
        let status = try row.decode(column: "status", as: String.self)
        guard let kind = ActionKind(rawValue: kind), let tone = Tone(rawValue: tone),
              let status = PlannedAction.Status(rawValue: status) else {
            throw StoreError.corrupt("unknown action kind, tone or status: \(kind)/\(tone)/\(status)")
        }
        return RecordedAction(key: try row.decode(column: "key", as: String.self),
                              invoiceID: try row.decode(column: "invoice_id", as: Int64.self),
                              day: try Day(parsing: try row.decode(column: "day", as: String.self)),
                              stage: try row.decode(column: "stage", as: String.self), kind: kind, tone: tone, status: status,
                              reason: try row.decode(column: "reason", as: String.self),
                              messageKey: try row.decode(column: "message_key", as: String?.self))
    }
}
