import SettleCore
import SQLKit
import Synchronization

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

    /// Records actions the engine planned as new. The caller holds the organisation's cycle lock
    /// and leaves out keys already recorded (`keys(invoiceIDs:)`), so every row is new; a key
    /// recorded twice all the same violates the unique key and fails the whole transaction, so
    /// nothing (no fee, no approval) is ever done twice.
    public func record(_ actions: [(invoiceID: Int64, action: PlannedAction, messageKey: String?)], day: Day,
                       now: String) async throws {
        let day = SQLCell.text(day.description), now = SQLCell.text(now), org = SQLCell.integer(orgID)
        try await sql.insertRows(
            into: "actions",
            columns: ["org_id", "key", "invoice_id", "day", "stage", "kind", "tone", "template", "status", "reason",
                      "message_key", "created_at"],
            rows: actions.map { invoiceID, action, messageKey in
                [org, .text(action.key), .integer(invoiceID), day, .text(action.stage), .text(action.kind.rawValue),
                 .text(action.tone.rawValue), .text(action.template), .text(action.status.rawValue), .text(action.reason),
                 SQLCell(messageKey), now]
            })
    }

    /// Recorded keys per invoice id, for the invoices given (all when nil). The database joins
    /// each invoice's keys into one text (after a first run over a large book there are millions
    /// of keys: one row per invoice instead of one per key), and rows are streamed.
    public func keys(invoiceIDs: [Int64]? = nil) async throws -> [Int64: RecordedActions] {
        let collected = KeyCollector()
        let joined = sql.dialect.name == "postgresql" ? "string_agg(key, E'\\n')" : "group_concat(key, char(10))"
        func select(_ filter: SQLQueryString) async throws {
            try await sql.raw("""
                SELECT invoice_id, \(unsafeRaw: joined) AS keys FROM actions
                WHERE org_id = \(bind: orgID)\(filter) GROUP BY invoice_id
                """).run { collected.add($0) }
        }
        if let invoiceIDs {
            for batch in invoiceIDs.chunked(into: 500) { try await select(" AND invoice_id IN \(SQLBind.group(Array(batch)))") }
        } else {
            try await select("")
        }
        return try collected.result()
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

/// Gathers streamed rows of joined keys; rows arrive one at a time from the database driver.
private final class KeyCollector: Sendable {
    private let state = Mutex<(keys: [Int64: RecordedActions], error: (any Error)?)>(([:], nil))

    func add(_ row: any SQLRow) {
        do {
            let invoiceID = try row.decode(column: "invoice_id", as: Int64.self)
            let keys = RecordedActions(packed: try row.decode(column: "keys", as: String.self))
            state.withLock { $0.keys[invoiceID] = keys }
        } catch {
            state.withLock { $0.error = $0.error ?? error }
        }
    }

    func result() throws -> [Int64: RecordedActions] {
        try state.withLock { state in
            if let error = state.error { throw error }
            return state.keys
        }
    }
}

/// What a page of the organisation's recorded actions is made of.
public struct ActionFilter: Sendable {
    public var invoiceID: Int64?
    public var from: Day?
    public var to: Day?
    public var status: PlannedAction.Status?
    /// Only actions recorded after this id (the last of the page before).
    public var after: Int64?
    public var limit: Int

    public init(invoiceID: Int64? = nil, from: Day? = nil, to: Day? = nil, status: PlannedAction.Status? = nil,
                after: Int64? = nil, limit: Int = 100) {
        self.invoiceID = invoiceID
        self.from = from
        self.to = to
        self.status = status
        self.after = after
        self.limit = limit
    }
}

extension ActionStore {
    /// Recorded actions in the order they were recorded, with their row id and invoice number.
    public func page(_ filter: ActionFilter) async throws -> [(id: Int64, invoice: String, action: RecordedAction)] {
        var query = sql.select().column(SQLColumn("*", table: "actions")).column(SQLColumn("number", table: "invoices"))
            .from("actions")
            .join("invoices", on: SQLColumn("id", table: "invoices"), .equal, SQLColumn("invoice_id", table: "actions"))
            .where(SQLColumn("org_id", table: "actions"), .equal, SQLBind(orgID))
            .where(SQLColumn("org_id", table: "invoices"), .equal, SQLBind(orgID))
        if let id = filter.invoiceID { query = query.where(SQLColumn("invoice_id", table: "actions"), .equal, SQLBind(id)) }
        if let from = filter.from { query = query.where(SQLColumn("day", table: "actions"), .greaterThanOrEqual, SQLBind(from.description)) }
        if let to = filter.to { query = query.where(SQLColumn("day", table: "actions"), .lessThanOrEqual, SQLBind(to.description)) }
        if let status = filter.status { query = query.where(SQLColumn("status", table: "actions"), .equal, SQLBind(status.rawValue)) }
        if let after = filter.after { query = query.where(SQLColumn("id", table: "actions"), .greaterThan, SQLBind(after)) }
        return try await query.orderBy(SQLColumn("id", table: "actions")).limit(filter.limit).all().map { row in
            (try row.decode(column: "id", as: Int64.self), try row.decode(column: "number", as: String.self), try Self.decode(row))
        }
    }
}
