import SettleCore
import SQLKit

/// An invoice issued in an export's range, with its balance and status as of the range's last day.
public struct InvoiceExportRow: Sendable, Hashable {
    public var id: Int64
    public var number: String
    public var client: String
    public var clientName: String
    public var issueDate: Day
    public var dueDate: Day
    /// The invoice's total (its principal).
    public var amount: Money
    /// What it still owed as of the export's last day: entries dated on or before it.
    public var balance: Money
    /// Its status as of that day (`void` for a voided invoice whenever it was voided).
    public var status: PaymentStatus
}

/// A payment received in an export's range, with what it paid.
public struct PaymentExportRow: Sendable, Hashable {
    /// An invoice a payment went to, and how much of it.
    public struct Allocation: Sendable, Hashable {
        public var invoice: String
        public var amount: Money
    }

    public var id: Int64
    public var date: Day
    public var client: String
    public var clientName: String
    public var amount: Money
    public var method: String
    public var reference: String
    /// The invoice the payment named, if any.
    public var namedInvoice: String?
    /// Its allocations dated on or before the export's last day, by invoice number (reversals not netted).
    public var allocations: [Allocation]
    /// The payment less its allocations: what stayed as the client's unapplied credit.
    public var unapplied: Money
    public var reversedOn: Day?
    public var reversalReason: String?
}

/// An action a daily cycle recorded in an export's range.
public struct ActionExportRow: Sendable, Hashable {
    public var id: Int64
    public var day: Day
    public var client: String
    public var invoice: String
    public var stage: String
    public var kind: String
    public var tone: String
    /// `due`, `skipped` or `awaiting_approval`.
    public var status: String
    public var reason: String
}

/// Where an export's page ends: the day and row id of its last row; the next page starts after it.
public struct ExportCursor: Sendable, Hashable {
    public var day: Day
    public var id: Int64

    public init(day: Day, id: Int64) {
        self.day = day
        self.id = id
    }
}

/// Rows for accountants' exports, a page at a time in day and id order (keyset paging on indexed columns,
/// so a long range is read in constant memory per page).
public struct ExportQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Invoices issued from `from` to `to`, after `cursor` (issue day, id).
    public func invoices(from: Day, to: Day, after cursor: ExportCursor?, limit: Int) async throws -> [InvoiceExportRow] {
        let page = "x.org_id = \(orgID) AND \(range("x.issue_date", from, to, after: cursor, id: "x.id"))"
        let rows = try await sql.rows(ofQuery: """
            SELECT i.id, i.number, c.code, c.name, i.issue_date, i.due_date, i.currency, i.total_minor, i.voided_at,
                COALESCE(s.principal, 0) AS principal, COALESCE(s.costs, 0) AS costs, COALESCE(s.interest, 0) AS interest,
                COALESCE(s.received, 0) AS received, COALESCE(s.write_offs, 0) AS write_offs, COALESCE(s.entries, 0) AS entries
            FROM invoices i JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            LEFT JOIN (SELECT e.invoice_id,
                    CAST(SUM(CASE WHEN e.component = 'principal' THEN e.amount_minor ELSE 0 END) AS BIGINT) AS principal,
                    CAST(SUM(CASE WHEN e.component = 'costs' THEN e.amount_minor ELSE 0 END) AS BIGINT) AS costs,
                    CAST(SUM(CASE WHEN e.component = 'interest' THEN e.amount_minor ELSE 0 END) AS BIGINT) AS interest,
                    CAST(SUM(CASE WHEN e.kind IN ('allocation', 'reversal') THEN e.amount_minor ELSE 0 END) AS BIGINT) AS received,
                    CAST(SUM(CASE WHEN e.kind = 'write_off' THEN 1 ELSE 0 END) AS BIGINT) AS write_offs,
                    CAST(COUNT(*) AS BIGINT) AS entries
                FROM ledger_entries e
                WHERE e.org_id = \(orgID) AND e.date <= \(to.description.sqlQuoted) AND e.invoice_id IN
                    (SELECT x.id FROM invoices x WHERE \(page) ORDER BY x.issue_date, x.id LIMIT \(limit))
                GROUP BY e.invoice_id) s ON s.invoice_id = i.id
            WHERE i.org_id = \(orgID) AND \(range("i.issue_date", from, to, after: cursor, id: "i.id"))
            ORDER BY i.issue_date, i.id LIMIT \(limit)
            """)
        return try rows.map { row in
            let currency = try Currency(code: try row.text("currency"))
            func money(_ column: String) throws -> Money { Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency) }
            let summary = LedgerSummary(
                balance: InvoiceBalance(principal: try money("principal"), costs: try money("costs"), interest: try money("interest")),
                received: try money("received"), hasWriteOff: try row.decode(column: "write_offs", as: Int64.self) > 0,
                hasEntries: try row.decode(column: "entries", as: Int64.self) > 0)
            return InvoiceExportRow(
                id: try row.id(), number: try row.text("number"), client: try row.text("code"), clientName: try row.text("name"),
                issueDate: try row.day("issue_date"), dueDate: try row.day("due_date"), amount: try money("total_minor"),
                balance: summary.balance.total,
                status: PaymentStatus(isVoid: try row.optionalText("voided_at") != nil, summary: summary))
        }
    }

    /// Payments received from `from` to `to`, after `cursor` (payment day, id), with their allocations as of `to`.
    public func payments(from: Day, to: Day, after cursor: ExportCursor?, limit: Int) async throws -> [PaymentExportRow] {
        let rows = try await sql.rows(ofQuery: """
            SELECT p.id, p.date, c.code, c.name, p.currency, p.amount_minor, p.method, p.reference, i.number,
                p.reversed_on, p.reversal_reason
            FROM payments p JOIN clients c ON c.id = p.client_id AND c.org_id = p.org_id
            LEFT JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
            WHERE p.org_id = \(orgID) AND \(range("p.date", from, to, after: cursor, id: "p.id"))
            ORDER BY p.date, p.id LIMIT \(limit)
            """)
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { String(try $0.id()) }.joined(separator: ", ")
        var allocations: [Int64: [(invoice: String, minor: Int64)]] = [:]
        for row in try await sql.rows(ofQuery: """
            SELECT e.payment_id, i.number, CAST(SUM(-e.amount_minor) AS BIGINT) AS amount
            FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
            WHERE e.org_id = \(orgID) AND e.kind = 'allocation' AND e.date <= \(to.description.sqlQuoted) AND e.payment_id IN (\(ids))
            GROUP BY e.payment_id, i.number ORDER BY i.number
            """) {
            allocations[try row.id("payment_id"), default: []].append((try row.text("number"), try row.decode(column: "amount", as: Int64.self)))
        }
        return try rows.map { row in
            let id = try row.id()
            let amount = Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self),
                               currency: try Currency(code: try row.text("currency")))
            let applied = allocations[id] ?? []
            return PaymentExportRow(
                id: id, date: try row.day("date"), client: try row.text("code"), clientName: try row.text("name"), amount: amount,
                method: try row.text("method"), reference: try row.text("reference"), namedInvoice: try row.optionalText("number"),
                allocations: applied.map { .init(invoice: $0.invoice, amount: Money(minorUnits: $0.minor, currency: amount.currency)) },
                unapplied: Money(minorUnits: amount.minorUnits - applied.reduce(0) { $0 + $1.minor }, currency: amount.currency),
                reversedOn: try row.optionalDay("reversed_on"), reversalReason: try row.optionalText("reversal_reason"))
        }
    }

    /// Actions recorded for days from `from` to `to`, after `cursor` (action day, id).
    public func actions(from: Day, to: Day, after cursor: ExportCursor?, limit: Int) async throws -> [ActionExportRow] {
        try await sql.rows(ofQuery: """
            SELECT a.id, a.day, c.code, i.number, a.stage, a.kind, a.tone, a.status, a.reason
            FROM actions a JOIN invoices i ON i.id = a.invoice_id AND i.org_id = a.org_id
            JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            WHERE a.org_id = \(orgID) AND \(range("a.day", from, to, after: cursor, id: "a.id"))
            ORDER BY a.day, a.id LIMIT \(limit)
            """).map { row in
            ActionExportRow(id: try row.id(), day: try row.day("day"), client: try row.text("code"), invoice: try row.text("number"),
                            stage: try row.text("stage"), kind: try row.text("kind"), tone: try row.text("tone"),
                            status: try row.text("status"), reason: try row.text("reason"))
        }
    }

    /// `column` from `from` to `to`, and after the cursor in (day, id) order.
    private func range(_ column: String, _ from: Day, _ to: Day, after cursor: ExportCursor?, id: String) -> String {
        var condition = "\(column) >= \(from.description.sqlQuoted) AND \(column) <= \(to.description.sqlQuoted)"
        if let cursor {
            let day = cursor.day.description.sqlQuoted
            condition += " AND (\(column) > \(day) OR (\(column) = \(day) AND \(id) > \(cursor.id)))"
        }
        return condition
    }
}
