import SettleCore
import SQLKit

/// Open balances of one client's invoices in one currency due the same day, as of a day.
public struct OpenBalance: Sendable, Hashable {
    public var client: String
    public var balance: Money
    public var dueDay: Day
    /// Under a dispute open on the day.
    public var disputed: Bool
    /// Under a promise open on the day or a payment plan active on it (forecast from those instead).
    public var scheduled: Bool
}

/// Clients' payment records as of a day, summed in the database: one pass over the ledger (entries
/// after the day left out), grouped per client, currency and — for settled invoices — the days from
/// the due day to the last entry (the day the balance reached zero) and the half-year of that day;
/// with `openByDueDay`, open invoices are grouped by due day too (the cash forecast's input).
/// Swift receives sums, never one row per entry; like `AgingQuery`, day boundaries are
/// computed in Swift and compared as `YYYY-MM-DD` text.
public struct PaymentHistoryQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Records of every client with an invoice by the day, or of the given clients (by id).
    public func records(asOf day: Day, clientIDs: [Int64]? = nil, openByDueDay: Bool = false) async throws
        -> (records: [ClientPaymentRecord], open: [OpenBalance]) {
        if let clientIDs, clientIDs.isEmpty { return ([], []) }
        let asOf = day.description.sqlQuoted
        let ids = clientIDs.map { $0.map(String.init).joined(separator: ", ") }
        let clientFilter = ids.map { " AND i.client_id IN (\($0))" } ?? ""
        let ledgerFilter = ids.map { " AND invoice_id IN (SELECT id FROM invoices WHERE org_id = \(orgID) AND client_id IN (\($0)))" } ?? ""
        let (recentAfter, previousAfter) = SettledInvoices.Period.boundaries(asOf: day)
        let settled = "b.balance <= 0 AND b.allocations > 0 AND b.write_offs = 0"
        let daysLate = sql.dialect.name == "postgresql"
            ? "(CAST(b.last_day AS DATE) - CAST(i.due_date AS DATE))"
            : "CAST(julianday(b.last_day) - julianday(i.due_date) AS INTEGER)"
        var openColumns = ""
        var planJoin = ""
        var openGroups = ""
        var openSelected = "NULL AS open_due, 0 AS disputed, 0 AS scheduled"
        if openByDueDay {
            openSelected = "open_due, disputed, scheduled"
            // Disputes and promises through their (org_id, invoice_id, ...) indexes, for open invoices
            // only; plan invoices have no index by invoice, so they are read once and joined.
            openGroups = ", open_due, disputed, scheduled"
            openColumns = """
                , CASE WHEN b.balance > 0 THEN i.due_date END AS open_due,
                CASE WHEN b.balance > 0 AND EXISTS (SELECT 1 FROM disputes d WHERE d.org_id = i.org_id AND d.invoice_id = i.id
                         AND d.opened_on <= \(asOf) AND (d.resolved_on IS NULL OR d.resolved_on > \(asOf))) THEN 1 ELSE 0 END AS disputed,
                CASE WHEN b.balance > 0 AND (s.invoice_id IS NOT NULL OR EXISTS (SELECT 1 FROM promises p
                         WHERE p.org_id = i.org_id AND p.invoice_id = i.id AND p.made_on <= \(asOf)
                         AND (p.closed_on IS NULL OR p.closed_on > \(asOf)))) THEN 1 ELSE 0 END AS scheduled
                """
            planJoin = "LEFT JOIN (\(Self.planInvoices(orgID: orgID, asOf: asOf))) s ON s.invoice_id = i.id"
        }
        // Per invoice in `x` (its balance and settlement as of the day), then summed per group.
        let query = """
            SELECT client_id, currency, delay_days, settled_period, \(openSelected),
                CAST(COUNT(*) AS BIGINT) AS invoices,
                CAST(SUM(total_minor) AS BIGINT) AS amount_minor,
                CAST(SUM(billed) AS BIGINT) AS billed_minor,
                CAST(SUM(paid) AS BIGINT) AS paid_minor,
                CAST(SUM(open_balance) AS BIGINT) AS open_minor,
                CAST(SUM(overdue_balance) AS BIGINT) AS overdue_minor,
                MIN(issue_date) AS first_issued
            FROM (SELECT i.client_id, i.currency, i.total_minor, i.issue_date, b.billed, b.paid,
                      CASE WHEN b.balance > 0 THEN b.balance ELSE 0 END AS open_balance,
                      CASE WHEN b.balance > 0 AND i.due_date < \(asOf) THEN b.balance ELSE 0 END AS overdue_balance,
                      CASE WHEN \(settled) THEN \(daysLate) END AS delay_days,
                      CASE WHEN \(settled) THEN CASE WHEN b.last_day > \(recentAfter.description.sqlQuoted) THEN 0
                          WHEN b.last_day > \(previousAfter.description.sqlQuoted) THEN 1 ELSE 2 END END AS settled_period
                      \(openColumns)
                  FROM invoices i
                  JOIN (SELECT invoice_id, SUM(amount_minor) AS balance, MAX(date) AS last_day,
                               SUM(CASE WHEN kind = 'principal' THEN amount_minor ELSE 0 END) AS billed,
                               SUM(CASE WHEN kind IN ('allocation', 'reversal') THEN -amount_minor ELSE 0 END) AS paid,
                               SUM(CASE WHEN kind = 'allocation' THEN 1 ELSE 0 END) AS allocations,
                               SUM(CASE WHEN kind = 'write_off' THEN 1 ELSE 0 END) AS write_offs
                        FROM ledger_entries WHERE org_id = \(orgID) AND date <= \(asOf)\(ledgerFilter)
                        GROUP BY invoice_id) b ON b.invoice_id = i.id
                  \(planJoin)
                  WHERE i.org_id = \(orgID) AND i.voided_at IS NULL\(clientFilter)) x
            GROUP BY client_id, currency, delay_days, settled_period\(openGroups)
            """
        let names = try await clientNames(clientIDs)
        var builders: [Int64: RecordBuilder] = [:]
        var open: [OpenBalance] = []
        for row in try await sql.raw(SQLQueryString(query)).all() {
            let clientID = try row.decode(column: "client_id", as: Int64.self)
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            func money(_ column: String) throws -> Money {
                Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
            }
            let invoices = try row.decode(column: "invoices", as: Int.self)
            var builder = builders[clientID] ?? RecordBuilder()
            try builder.add(CurrencyPosition(currency: currency, invoices: invoices, billed: try money("billed_minor"),
                                             paid: try money("paid_minor"), open: try money("open_minor"),
                                             overdue: try money("overdue_minor")))
            let first = try Day(parsing: try row.decode(column: "first_issued", as: String.self))
            builder.firstIssued = min(builder.firstIssued ?? first, first)
            if let delay = try row.decode(column: "delay_days", as: Int?.self),
               let period = SettledInvoices.Period(rawValue: try row.decode(column: "settled_period", as: Int.self)) {
                builder.settled.append(SettledInvoices(currency: currency, delayDays: delay, period: period, count: invoices,
                                                       amount: try money("amount_minor")))
            }
            if let due = try row.decode(column: "open_due", as: String?.self), let client = names[clientID] {
                open.append(OpenBalance(client: client.code, balance: try money("open_minor"), dueDay: try Day(parsing: due),
                                        disputed: try row.decode(column: "disputed", as: Int.self) != 0,
                                        scheduled: try row.decode(column: "scheduled", as: Int.self) != 0))
            }
            builders[clientID] = builder
        }
        let promises = try await promiseCounts(asOf: asOf, clientFilter: clientFilter)
        let disputes = try await disputeCounts(asOf: asOf, clientFilter: clientFilter)
        let records = builders.compactMap { clientID, builder -> ClientPaymentRecord? in
            guard let client = names[clientID] else { return nil }
            return ClientPaymentRecord(client: client.code, name: client.name, firstIssued: builder.firstIssued,
                                       positions: Array(builder.positions.values), settled: builder.settled,
                                       promises: promises[clientID] ?? PromiseCounts(), disputes: disputes[clientID] ?? DisputeCounts())
        }
        return (records, open)
    }

    /// Ids of the invoices of the plans active on a day (a sub-select).
    static func planInvoices(orgID: Int64, asOf: String) -> String {
        """
        SELECT pi.invoice_id FROM plan_invoices pi
        JOIN payment_plans pp ON pp.id = pi.plan_id AND pp.org_id = pi.org_id
        WHERE pi.org_id = \(orgID) AND pp.created_on <= \(asOf) AND (pp.closed_on IS NULL OR pp.closed_on > \(asOf))
        """
    }

    private struct RecordBuilder {
        var positions: [Currency: CurrencyPosition] = [:]
        var settled: [SettledInvoices] = []
        var firstIssued: Day?

        mutating func add(_ position: CurrencyPosition) throws {
            var sum = positions[position.currency] ?? CurrencyPosition(currency: position.currency)
            try sum.add(position)
            positions[position.currency] = sum
        }
    }

    private func clientNames(_ clientIDs: [Int64]?) async throws -> [Int64: (code: String, name: String)] {
        var query = sql.select().columns("id", "code", "name").from("clients").where("org_id", .equal, SQLBind(orgID))
        if let clientIDs { query = query.where("id", .in, SQLBind.group(clientIDs)) }
        var names: [Int64: (code: String, name: String)] = [:]
        for row in try await query.all() {
            names[try row.decode(column: "id", as: Int64.self)] = (try row.decode(column: "code", as: String.self),
                                                                   try row.decode(column: "name", as: String.self))
        }
        return names
    }

    /// Promises made by the day, by client id: how those closed by then ended, and how many were still open.
    private func promiseCounts(asOf: String, clientFilter: String) async throws -> [Int64: PromiseCounts] {
        let closed = "p.closed_on IS NOT NULL AND p.closed_on <= \(asOf)"
        let rows = try await sql.raw(SQLQueryString(String("""
            SELECT i.client_id,
                CAST(SUM(CASE WHEN \(closed) AND p.status = 'kept' THEN 1 ELSE 0 END) AS BIGINT) AS kept,
                CAST(SUM(CASE WHEN \(closed) AND p.status = 'partly_kept' THEN 1 ELSE 0 END) AS BIGINT) AS partly_kept,
                CAST(SUM(CASE WHEN \(closed) AND p.status = 'broken' THEN 1 ELSE 0 END) AS BIGINT) AS broken,
                CAST(SUM(CASE WHEN p.closed_on IS NULL OR p.closed_on > \(asOf) THEN 1 ELSE 0 END) AS BIGINT) AS still_open
            FROM promises p JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
            WHERE p.org_id = \(orgID) AND p.made_on <= \(asOf)\(clientFilter)
            GROUP BY i.client_id
            """))).all()
        var counts: [Int64: PromiseCounts] = [:]
        for row in rows {
            counts[try row.decode(column: "client_id", as: Int64.self)] = PromiseCounts(
                kept: try row.decode(column: "kept", as: Int.self), partlyKept: try row.decode(column: "partly_kept", as: Int.self),
                broken: try row.decode(column: "broken", as: Int.self), open: try row.decode(column: "still_open", as: Int.self))
        }
        return counts
    }

    /// Disputes opened by the day, by client id, and how many were not resolved by then.
    private func disputeCounts(asOf: String, clientFilter: String) async throws -> [Int64: DisputeCounts] {
        let rows = try await sql.raw(SQLQueryString(String("""
            SELECT i.client_id, CAST(COUNT(*) AS BIGINT) AS opened,
                CAST(SUM(CASE WHEN d.resolved_on IS NULL OR d.resolved_on > \(asOf) THEN 1 ELSE 0 END) AS BIGINT) AS still_open
            FROM disputes d JOIN invoices i ON i.id = d.invoice_id AND i.org_id = d.org_id
            WHERE d.org_id = \(orgID) AND d.opened_on <= \(asOf)\(clientFilter)
            GROUP BY i.client_id
            """))).all()
        var counts: [Int64: DisputeCounts] = [:]
        for row in rows {
            counts[try row.decode(column: "client_id", as: Int64.self)] = DisputeCounts(
                opened: try row.decode(column: "opened", as: Int.self), open: try row.decode(column: "still_open", as: Int.self))
        }
        return counts
    }
}
