import SettleCore
import SQLKit

/// A worklist task as stored.
public struct StoredTask: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var kind: PlannedTask.Kind
    public var client: String
    public var invoice: String?
    public var dueDay: Day
    public var reason: String
    public var status: String
    public var outcome: String?
    public var note: String
}

/// What a person did with a call task.
public enum TaskOutcome: String, Sendable, CaseIterable {
    case reached, voicemail
    case noAnswer = "no_answer"
    case promise, dispute
    case wrongNumber = "wrong_number"
    case done
}

/// The worklist: calls to make and other things for a person to do.
public struct TaskStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Adds tasks; a task whose key exists already is left alone.
    public func add(_ tasks: [(task: PlannedTask, clientID: Int64, invoiceID: Int64?)], day: Day, now: String) async throws {
        try await insert(tasks.map { ($0.task.key, $0.task.kind, $0.clientID, $0.invoiceID, $0.task.reason) }, day: day, now: now)
    }

    /// Adds one task that may concern the client as a whole (`invoiceID` nil), such as a reply or
    /// a bounce; a task whose key exists already is left alone.
    public func add(key: String, kind: PlannedTask.Kind, clientID: Int64, invoiceID: Int64?, reason: String,
                    day: Day, now: String) async throws {
        try await insert([(key, kind, clientID, invoiceID, reason)], day: day, now: now)
    }

    private func insert(_ rows: [(key: String, kind: PlannedTask.Kind, clientID: Int64, invoiceID: Int64?, reason: String)],
                        day: Day, now: String) async throws {
        for batch in rows.chunked(into: 500) {
            var insert = sql.insert(into: "tasks").columns("org_id", "key", "kind", "client_id", "invoice_id", "due_day", "reason", "created_at")
            for row in batch {
                insert = insert.values(SQLBind(orgID), SQLBind(row.key), SQLBind(row.kind.rawValue), SQLBind(row.clientID),
                                       SQLBind(row.invoiceID), SQLBind(day.description), SQLBind(row.reason), SQLBind(now))
            }
            try await insert.ignoringConflicts(with: ["org_id", "key"]).run()
        }
    }

    /// Open tasks due on or before a day (all open tasks when nil), oldest first; a page of them
    /// after a task (its due day and id: the last of the page before) when asked.
    public func open(dueBy day: Day?, after: (day: Day, id: Int64)? = nil, limit: Int? = nil) async throws -> [StoredTask] {
        var query = base().where(SQLColumn("status", table: "t"), .equal, SQLBind("open"))
        if let day { query = query.where(SQLColumn("due_day", table: "t"), .lessThanOrEqual, SQLBind(day.description)) }
        if let after {
            query = query.where(SQLRaw("(t.due_day > \(after.day.description.sqlQuoted) OR (t.due_day = \(after.day.description.sqlQuoted) AND t.id > \(after.id)))"))
        }
        query = query.orderBy(SQLColumn("due_day", table: "t")).orderBy(SQLColumn("id", table: "t"))
        if let limit { query = query.limit(limit) }
        return try await query.all().map(Self.decode)
    }

    public func find(_ id: Int64) async throws -> StoredTask? {
        try await base().where(SQLColumn("id", table: "t"), .equal, SQLBind(id)).first().map(Self.decode)
    }

    public func complete(_ id: Int64, outcome: TaskOutcome, note: String, on day: Day) async throws {
        try await sql.update("tasks").set("status", to: SQLBind("done")).set("outcome", to: SQLBind(outcome.rawValue))
            .set("note", to: SQLBind(note)).set("completed_on", to: SQLBind(day.description))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).run()
    }

    private func base() -> SQLSelectBuilder {
        sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("t")))
            .column(SQLColumn("code", table: "c"), as: "client_code")
            .column(SQLColumn("number", table: "i"), as: "invoice_number")
            .from(SQLAlias(SQLIdentifier("tasks"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("clients"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLRaw("c.id = t.client_id AND c.org_id = t.org_id"))
            .join(SQLAlias(SQLIdentifier("invoices"), as: SQLIdentifier("i")), method: SQLJoinMethod.left,
                  on: SQLRaw("i.id = t.invoice_id AND i.org_id = t.org_id"))
            .where(SQLColumn("org_id", table: "t"), .equal, SQLBind(orgID))
    }

    static func decode(_ row: any SQLRow) throws -> StoredTask {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let kind = PlannedTask.Kind(rawValue: kind) else { throw StoreError.corrupt("unknown task kind \(kind)") }
        return StoredTask(id: try row.decode(column: "id", as: Int64.self), key: try row.decode(column: "key", as: String.self),
                          kind: kind, client: try row.decode(column: "client_code", as: String.self),
                          invoice: try row.decode(column: "invoice_number", as: String?.self),
                          dueDay: try Day(parsing: try row.decode(column: "due_day", as: String.self)),
                          reason: try row.decode(column: "reason", as: String.self),
                          status: try row.decode(column: "status", as: String.self),
                          outcome: try row.decode(column: "outcome", as: String?.self),
                          note: try row.decode(column: "note", as: String.self))
    }
}
