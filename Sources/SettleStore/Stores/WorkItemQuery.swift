import SettleCore
import SQLKit

/// A promise that was broken lately and not followed by another on the same invoice.
public struct BrokenPromise: Sendable, Hashable {
    public var id: Int64
    public var invoice: String
    public var client: String
    public var promisedDate: Day
    public var brokenOn: Day
    public var amountMinor: Int64?
}

/// An open dispute with its invoice and client.
public struct OpenDispute: Sendable, Hashable {
    public var invoice: String
    public var client: String
    public var openedOn: Day
    public var reason: String
    public var note: String
}

/// The worklist's items that are not tasks: promises broken lately and disputes still open.
public struct WorkItemQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Promises broken on or after `since` whose invoice has had no promise made since.
    public func brokenPromises(since: Day, limit: Int) async throws -> [BrokenPromise] {
        try await sql.raw("""
            SELECT p.id, p.promised_date, p.closed_on, p.amount_minor, i.number, c.code
            FROM promises p JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
            JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            WHERE p.org_id = \(bind: orgID) AND p.status = 'broken' AND p.closed_on >= \(bind: since.description)
              AND NOT EXISTS (SELECT 1 FROM promises later WHERE later.org_id = p.org_id AND later.invoice_id = p.invoice_id
                              AND later.id > p.id)
            ORDER BY p.closed_on, p.id LIMIT \(bind: limit)
            """).all().map { row in
            BrokenPromise(id: try row.decode(column: "id", as: Int64.self), invoice: try row.decode(column: "number", as: String.self),
                          client: try row.decode(column: "code", as: String.self),
                          promisedDate: try Day(parsing: try row.decode(column: "promised_date", as: String.self)),
                          brokenOn: try Day(parsing: try row.decode(column: "closed_on", as: String.self)),
                          amountMinor: try row.decode(column: "amount_minor", as: Int64?.self))
        }
    }

    /// Disputes not resolved yet, oldest first.
    public func openDisputes(limit: Int) async throws -> [OpenDispute] {
        try await sql.raw("""
            SELECT d.opened_on, d.reason, d.note, i.number, c.code
            FROM disputes d JOIN invoices i ON i.id = d.invoice_id AND i.org_id = d.org_id
            JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            WHERE d.org_id = \(bind: orgID) AND d.status = 'open'
            ORDER BY d.opened_on, d.id LIMIT \(bind: limit)
            """).all().map { row in
            OpenDispute(invoice: try row.decode(column: "number", as: String.self), client: try row.decode(column: "code", as: String.self),
                        openedOn: try Day(parsing: try row.decode(column: "opened_on", as: String.self)),
                        reason: try row.decode(column: "reason", as: String.self), note: try row.decode(column: "note", as: String.self))
        }
    }
}
