import SettleCore
import SQLKit

/// A promise to pay open on a day, with its invoice's balance then.
public struct OpenPromise: Sendable, Hashable {
    public var client: String
    public var dueDay: Day
    public var promisedDay: Day
    /// The amount promised; nil for the whole balance.
    public var amount: Money?
    public var balance: Money
    public var disputed: Bool
}

/// A payment plan active on a day: what its invoices still owed then, and its instalments.
public struct ActivePlan: Sendable, Hashable {
    public var client: String
    public var remaining: Money
    /// Ordered by number.
    public var instalments: [Instalment]
}

/// What the cash forecast needs beside the payment records: promises and plans as they stood on a
/// day (made or created by then, not closed by then), and for a backtest the money received after it.
public struct ForecastQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Promises open on the day on invoices outside the plans active on it.
    public func promises(asOf day: Day) async throws -> [OpenPromise] {
        let asOf = day.description.sqlQuoted
        let rows = try await sql.raw(SQLQueryString(String("""
            SELECT c.code, i.currency, i.due_date, p.promised_date, p.amount_minor,
                CAST((SELECT SUM(e.amount_minor) FROM ledger_entries e
                      WHERE e.org_id = i.org_id AND e.invoice_id = i.id AND e.date <= \(asOf)) AS BIGINT) AS balance,
                CASE WHEN EXISTS (SELECT 1 FROM disputes d WHERE d.org_id = i.org_id AND d.invoice_id = i.id
                                  AND d.opened_on <= \(asOf) AND (d.resolved_on IS NULL OR d.resolved_on > \(asOf)))
                     THEN 1 ELSE 0 END AS disputed
            FROM promises p
            JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
            JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            WHERE p.org_id = \(orgID) AND p.made_on <= \(asOf) AND (p.closed_on IS NULL OR p.closed_on > \(asOf))
                AND i.voided_at IS NULL AND i.id NOT IN (\(PaymentHistoryQuery.planInvoices(orgID: orgID, asOf: asOf)))
            ORDER BY p.id
            """))).all()
        return try rows.map { row in
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            return OpenPromise(client: try row.decode(column: "code", as: String.self),
                               dueDay: try Day(parsing: try row.decode(column: "due_date", as: String.self)),
                               promisedDay: try Day(parsing: try row.decode(column: "promised_date", as: String.self)),
                               amount: try row.decode(column: "amount_minor", as: Int64?.self)
                                   .map { Money(minorUnits: $0, currency: currency) },
                               balance: Money(minorUnits: try row.decode(column: "balance", as: Int64?.self) ?? 0, currency: currency),
                               disputed: try row.decode(column: "disputed", as: Int.self) != 0)
        }
    }

    /// Plans active on the day, with the balance of their invoices on it.
    public func plans(asOf day: Day) async throws -> [ActivePlan] {
        let asOf = day.description.sqlQuoted
        let rows = try await sql.raw(SQLQueryString(String("""
            SELECT pp.id, c.code, pp.currency,
                CAST((SELECT SUM(e.amount_minor) FROM ledger_entries e
                      JOIN plan_invoices pi ON pi.invoice_id = e.invoice_id AND pi.org_id = e.org_id
                      WHERE pi.org_id = pp.org_id AND pi.plan_id = pp.id AND e.date <= \(asOf)) AS BIGINT) AS remaining
            FROM payment_plans pp JOIN clients c ON c.id = pp.client_id AND c.org_id = pp.org_id
            WHERE pp.org_id = \(orgID) AND pp.created_on <= \(asOf) AND (pp.closed_on IS NULL OR pp.closed_on > \(asOf))
            ORDER BY pp.id
            """))).all()
        guard !rows.isEmpty else { return [] }
        var plans: [(id: Int64, plan: ActivePlan)] = []
        for row in rows {
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            plans.append((try row.decode(column: "id", as: Int64.self),
                          ActivePlan(client: try row.decode(column: "code", as: String.self),
                                     remaining: Money(minorUnits: try row.decode(column: "remaining", as: Int64?.self) ?? 0,
                                                      currency: currency),
                                     instalments: [])))
        }
        var instalments: [Int64: [(Int, Day, Int64)]] = [:]
        for row in try await sql.raw(SQLQueryString(String("""
            SELECT pi.plan_id, pi.number, pi.due_day, pi.amount_minor
            FROM plan_instalments pi JOIN payment_plans pp ON pp.id = pi.plan_id AND pp.org_id = pi.org_id
            WHERE pi.org_id = \(orgID) AND pp.created_on <= \(asOf) AND (pp.closed_on IS NULL OR pp.closed_on > \(asOf))
            ORDER BY pi.plan_id, pi.number
            """))).all() {
            instalments[try row.decode(column: "plan_id", as: Int64.self), default: []].append(
                (try row.decode(column: "number", as: Int.self), try Day(parsing: try row.decode(column: "due_day", as: String.self)),
                 try row.decode(column: "amount_minor", as: Int64.self)))
        }
        return plans.map { id, plan in
            var plan = plan
            plan.instalments = (instalments[id] ?? []).map {
                Instalment(number: $0.0, dueDate: $0.1, amount: Money(minorUnits: $0.2, currency: plan.remaining.currency))
            }
            return plan
        }
    }

    /// Money received (allocations net of reversals) after `from` through `through`, per currency
    /// and day, on the invoices issued on or before `from`: what a forecast made on `from` covered.
    public func received(after from: Day, through: Day) async throws -> [(day: Day, amount: Money)] {
        let rows = try await sql.raw(SQLQueryString(String("""
            SELECT i.currency, e.date, CAST(SUM(-e.amount_minor) AS BIGINT) AS received
            FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
            WHERE e.org_id = \(orgID) AND e.kind IN ('allocation', 'reversal')
                AND e.date > \(from.description.sqlQuoted) AND e.date <= \(through.description.sqlQuoted)
                AND i.issue_date <= \(from.description.sqlQuoted) AND i.voided_at IS NULL
            GROUP BY i.currency, e.date
            """))).all()
        return try rows.map { row in
            (try Day(parsing: try row.decode(column: "date", as: String.self)),
             Money(minorUnits: try row.decode(column: "received", as: Int64.self),
                   currency: try Currency(code: try row.decode(column: "currency", as: String.self))))
        }
    }
}
