import SettleCore
import SQLKit

/// An approval a person is asked for before an escalation.
public struct StoredApproval: Sendable, Hashable {
    public var id: Int64
    public var actionKey: String
    public var invoiceID: Int64
    public var invoice: String
    public var client: String
    public var clientID: Int64
    public var stage: String
    public var requestedOn: Day
    public var status: String
    public var note: String
}

/// Who takes over an escalated debt.
public enum CaseKind: String, Sendable, CaseIterable {
    case agency, legal, mediation
}

/// Where an escalation case stands.
public enum CaseStatus: String, Sendable, CaseIterable {
    case open
    case withAgency = "with_agency"
    case recovered
    case partlyRecovered = "partly_recovered"
    case closed
}

/// An escalation case: invoices handed to an agency, a lawyer or a mediator.
public struct StoredCase: Sendable, Hashable {
    public var id: Int64
    public var client: String
    public var clientID: Int64
    public var kind: CaseKind
    public var status: CaseStatus
    public var openedOn: Day
    public var note: String
    public var invoiceIDs: [Int64]
}

/// Approvals and escalation cases of one organisation.
public struct EscalationStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Asks for approvals of newly recorded actions (one per action: a second request for the same
    /// action violates the unique key and fails the transaction).
    public func request(_ approvals: [(invoiceID: Int64, action: PlannedAction)], on day: Day, now: String) async throws {
        let org = SQLCell.integer(orgID), day = SQLCell.text(day.description), now = SQLCell.text(now)
        try await sql.insertRows(
            into: "approvals", columns: ["org_id", "action_key", "invoice_id", "stage", "requested_on", "created_at"],
            rows: approvals.map { invoiceID, action in
                [org, .text(action.key), .integer(invoiceID), .text(action.stage), day, now]
            })
    }

    public func approvals(status: String?) async throws -> [StoredApproval] {
        var query = sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("a")))
            .column(SQLColumn("number", table: "i"), as: "invoice_number")
            .column(SQLColumn("code", table: "c"), as: "client_code")
            .column(SQLColumn("id", table: "c"), as: "client_row")
            .from(SQLAlias(SQLIdentifier("approvals"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("invoices"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
                  on: SQLRaw("i.id = a.invoice_id AND i.org_id = a.org_id"))
            .join(SQLAlias(SQLIdentifier("clients"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLRaw("c.id = i.client_id AND c.org_id = i.org_id"))
            .where(SQLColumn("org_id", table: "a"), .equal, SQLBind(orgID))
        if let status { query = query.where(SQLColumn("status", table: "a"), .equal, SQLBind(status)) }
        return try await query.orderBy(SQLColumn("id", table: "a")).all().map { row in
            StoredApproval(id: try row.decode(column: "id", as: Int64.self), actionKey: try row.decode(column: "action_key", as: String.self),
                           invoiceID: try row.decode(column: "invoice_id", as: Int64.self),
                           invoice: try row.decode(column: "invoice_number", as: String.self),
                           client: try row.decode(column: "client_code", as: String.self),
                           clientID: try row.decode(column: "client_row", as: Int64.self),
                           stage: try row.decode(column: "stage", as: String.self),
                           requestedOn: try Day(parsing: try row.decode(column: "requested_on", as: String.self)),
                           status: try row.decode(column: "status", as: String.self), note: try row.decode(column: "note", as: String.self))
        }
    }

    /// Decides an open approval; false when it is not open.
    public func decide(_ id: Int64, approved: Bool, note: String, on day: Day) async throws -> Bool {
        !(try await sql.update("approvals").set("status", to: SQLBind(approved ? "approved" : "rejected"))
            .set("decided_on", to: SQLBind(day.description)).set("note", to: SQLBind(note))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).where("status", .equal, SQLBind("open"))
            .returning("id").all().isEmpty)
    }

    /// Opens a case for a client's invoices; returns its id.
    public func openCase(clientID: Int64, kind: CaseKind, invoiceIDs: [Int64], on day: Day, note: String, now: String) async throws -> Int64 {
        let row = try await sql.insert(into: "cases").columns("org_id", "client_id", "kind", "opened_on", "note", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(kind.rawValue), SQLBind(day.description), SQLBind(note), SQLBind(now))
            .returning("id").first()
        guard let row else { throw StoreError.corrupt("no id returned for a case") }
        let id = try row.decode(column: "id", as: Int64.self)
        var insert = sql.insert(into: "case_invoices").columns("org_id", "case_id", "invoice_id")
        for invoiceID in invoiceIDs { insert = insert.values(SQLBind(orgID), SQLBind(id), SQLBind(invoiceID)) }
        try await insert.ignoringConflicts(with: ["org_id", "case_id", "invoice_id"]).run()
        return id
    }

    public func setStatus(_ id: Int64, _ status: CaseStatus) async throws -> Bool {
        !(try await sql.update("cases").set("status", to: SQLBind(status.rawValue))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).returning("id").all().isEmpty)
    }

    /// Invoices in a case that is not closed: Settle's own chasing of them has stopped.
    public func escalatedInvoiceIDs() async throws -> Set<Int64> {
        Set(try await sql.raw("""
            SELECT ci.invoice_id FROM case_invoices ci JOIN cases c ON c.id = ci.case_id AND c.org_id = ci.org_id
            WHERE ci.org_id = \(bind: orgID) AND c.status <> 'closed'
            """).all().map { try $0.decode(column: "invoice_id", as: Int64.self) })
    }

    public func cases() async throws -> [StoredCase] {
        let rows = try await sql.raw("""
            SELECT c.*, cl.code AS client_code FROM cases c JOIN clients cl ON cl.id = c.client_id AND cl.org_id = c.org_id
            WHERE c.org_id = \(bind: orgID) ORDER BY c.id
            """).all()
        var members: [Int64: [Int64]] = [:]
        for row in try await sql.select().columns("case_id", "invoice_id").from("case_invoices")
            .where("org_id", .equal, SQLBind(orgID)).orderBy("invoice_id").all() {
            members[try row.decode(column: "case_id", as: Int64.self), default: []].append(try row.decode(column: "invoice_id", as: Int64.self))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return StoredCase(id: id, client: try row.decode(column: "client_code", as: String.self),
                              clientID: try row.decode(column: "client_id", as: Int64.self),
                              kind: CaseKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .agency,
                              status: CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                              openedOn: try Day(parsing: try row.decode(column: "opened_on", as: String.self)),
                              note: try row.decode(column: "note", as: String.self), invoiceIDs: members[id] ?? [])
        }
    }
}
