import SettleCore
import SQLKit

/// The figures collection metrics are built from, aggregated in the database in four passes whatever the
/// size of the book: receivables at each day the report needs (one scan of the ledger, a pair of sums per
/// day), credit sales per month, collections and write-offs per month, and invoices settled per month.
/// Each pass also sums the period asked for, which need not follow month boundaries. Definitions are those
/// of `PeriodFigures`; days are compared as `YYYY-MM-DD` text and grouped into months by their first seven
/// characters, so only the days-to-pay sum needs each engine's date arithmetic.
public struct MetricsQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// The figures of the period and of the twelve calendar months ending at `to`, for each currency with
    /// anything owed, sold, collected or written off in them.
    public func figures(from: Day, to: Day) async throws -> [CurrencyFigures] {
        let trend = CurrencyFigures.trendPeriods(endingAt: to)
        let newestMonth = CalendarMonth(containing: to)
        let firstSalesMonth = newestMonth.adding(months: -(CurrencyFigures.trendMonths + CurrencyFigures.countbackMonths - 2))
        let activityStart = min(from, trend[0].from)
        let balanceDays = Array(Set([from.adding(days: -1), to] + trend.flatMap { [$0.from.adding(days: -1), $0.to] })).sorted()

        let balances = try await receivables(at: balanceDays, through: to)
        let sales = try await monthlySales(from: min(from, firstSalesMonth.first), to: to, period: (from, to))
        let activity = try await monthlyActivity(from: activityStart, to: to, period: (from, to))
        let settled = try await settlements(from: activityStart, to: to, period: (from, to))

        let currencies = Set(balances.keys).union(sales.keys).union(activity.keys).union(settled.keys)
        return try currencies.sorted().compactMap { currency -> CurrencyFigures? in
            let book = Book(currency: currency, balances: balances[currency] ?? [:], sales: sales[currency] ?? Monthly(),
                            activity: activity[currency] ?? Monthly(), settled: settled[currency] ?? Monthly())
            let figures = CurrencyFigures(currency: currency, period: try book.figures(from: from, to: to, isPeriod: true),
                                          trend: try trend.map { try book.figures(from: $0.from, to: $0.to, isPeriod: false) })
            return figures.hasActivity ? figures : nil
        }
    }

    /// AR and current AR per currency at each day, in minor units.
    private func receivables(at days: [Day], through to: Day) async throws -> [Currency: [Day: (total: Int64, current: Int64)]] {
        let columns = days.enumerated().map { index, day in
            let quoted = day.description.sqlQuoted
            let counted = "e.date <= \(quoted) AND i.issue_date <= \(quoted)"
            return "CAST(SUM(CASE WHEN \(counted) THEN e.amount_minor ELSE 0 END) AS BIGINT) AS ar_\(index), "
                + "CAST(SUM(CASE WHEN \(counted) AND i.due_date >= \(quoted) THEN e.amount_minor ELSE 0 END) AS BIGINT) AS current_\(index)"
        }
        let rows = try await sql.rows(ofQuery: """
            SELECT i.currency, \(columns.joined(separator: ", "))
            FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
            WHERE e.org_id = \(orgID) AND i.voided_at IS NULL AND e.date <= \(to.description.sqlQuoted)
              AND i.issue_date <= \(to.description.sqlQuoted)
            GROUP BY i.currency
            """)
        var result: [Currency: [Day: (total: Int64, current: Int64)]] = [:]
        for row in rows {
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            for (index, day) in days.enumerated() {
                result[currency, default: [:]][day] = (try row.decode(column: "ar_\(index)", as: Int64.self),
                                                       try row.decode(column: "current_\(index)", as: Int64.self))
            }
        }
        return result
    }

    /// Credit sales (invoice totals, equal to their principal entries) per currency and month of issue.
    private func monthlySales(from: Day, to: Day, period: (from: Day, to: Day)) async throws -> [Currency: Monthly] {
        let rows = try await sql.rows(ofQuery: """
            SELECT currency, substr(issue_date, 1, 7) AS month, CAST(SUM(total_minor) AS BIGINT) AS sales,
                CAST(SUM(CASE WHEN issue_date >= \(period.from.description.sqlQuoted) THEN total_minor ELSE 0 END) AS BIGINT) AS period_sales
            FROM invoices
            WHERE org_id = \(orgID) AND voided_at IS NULL
              AND issue_date >= \(from.description.sqlQuoted) AND issue_date <= \(to.description.sqlQuoted)
            GROUP BY currency, substr(issue_date, 1, 7)
            """)
        return try Monthly.grouped(rows, columns: ["sales"])
    }

    /// Payments applied less reversals, and write-offs, per currency and month of the entry.
    private func monthlyActivity(from: Day, to: Day, period: (from: Day, to: Day)) async throws -> [Currency: Monthly] {
        let inPeriod = "e.date >= \(period.from.description.sqlQuoted)"
        let rows = try await sql.rows(ofQuery: """
            SELECT i.currency, substr(e.date, 1, 7) AS month,
                CAST(SUM(CASE WHEN e.kind <> 'write_off' THEN -e.amount_minor ELSE 0 END) AS BIGINT) AS collections,
                CAST(SUM(CASE WHEN e.kind = 'write_off' THEN -e.amount_minor ELSE 0 END) AS BIGINT) AS write_offs,
                CAST(SUM(CASE WHEN e.kind <> 'write_off' AND \(inPeriod) THEN -e.amount_minor ELSE 0 END) AS BIGINT) AS period_collections,
                CAST(SUM(CASE WHEN e.kind = 'write_off' AND \(inPeriod) THEN -e.amount_minor ELSE 0 END) AS BIGINT) AS period_write_offs
            FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
            WHERE e.org_id = \(orgID) AND i.voided_at IS NULL AND e.kind IN ('allocation', 'reversal', 'write_off')
              AND e.date >= \(from.description.sqlQuoted) AND e.date <= \(to.description.sqlQuoted)
            GROUP BY i.currency, substr(e.date, 1, 7)
            """)
        return try Monthly.grouped(rows, columns: ["collections", "write_offs"])
    }

    /// Invoices settled per currency and month of settlement. An invoice is settled on the day of its last
    /// allocation, discount or credit note on or before `to` when its balance as of `to` is zero or less,
    /// it received at least one payment and nothing of it was written off.
    private func settlements(from: Day, to: Day, period: (from: Day, to: Day)) async throws -> [Currency: Monthly] {
        let daysToPay = sql.dialect.name == "sqlite"
            ? "CAST(julianday(s.settled_on) - julianday(i.issue_date) AS BIGINT)"
            : "(CAST(s.settled_on AS DATE) - CAST(i.issue_date AS DATE))"
        let inPeriod = "s.settled_on >= \(period.from.description.sqlQuoted)"
        let onTime = "s.settled_on <= i.due_date"
        let rows = try await sql.rows(ofQuery: """
            SELECT i.currency, substr(s.settled_on, 1, 7) AS month,
                CAST(COUNT(*) AS BIGINT) AS invoices,
                CAST(SUM(\(daysToPay)) AS BIGINT) AS days_to_pay,
                CAST(SUM(CASE WHEN \(onTime) THEN 1 ELSE 0 END) AS BIGINT) AS on_time,
                CAST(SUM(CASE WHEN \(inPeriod) THEN 1 ELSE 0 END) AS BIGINT) AS period_invoices,
                CAST(SUM(CASE WHEN \(inPeriod) THEN \(daysToPay) ELSE 0 END) AS BIGINT) AS period_days_to_pay,
                CAST(SUM(CASE WHEN \(inPeriod) AND \(onTime) THEN 1 ELSE 0 END) AS BIGINT) AS period_on_time
            FROM (SELECT invoice_id, SUM(amount_minor) AS balance,
                      MAX(CASE WHEN kind IN ('allocation', 'discount', 'credit_note') THEN date END) AS settled_on,
                      SUM(CASE WHEN kind = 'allocation' THEN 1 ELSE 0 END) AS allocations,
                      SUM(CASE WHEN kind = 'write_off' THEN 1 ELSE 0 END) AS write_offs
                  FROM ledger_entries WHERE org_id = \(orgID) AND date <= \(to.description.sqlQuoted)
                  GROUP BY invoice_id) s
            JOIN invoices i ON i.id = s.invoice_id AND i.org_id = \(orgID)
            WHERE s.balance <= 0 AND s.allocations > 0 AND s.write_offs = 0 AND i.voided_at IS NULL
              AND s.settled_on >= \(from.description.sqlQuoted)
            GROUP BY i.currency, substr(s.settled_on, 1, 7)
            """)
        return try Monthly.grouped(rows, columns: ["invoices", "days_to_pay", "on_time"])
    }
}

/// Sums per month of one currency, with their part in the period asked for (`period_` columns).
private struct Monthly {
    var months: [CalendarMonth: [String: Int64]] = [:]
    var period: [String: Int64] = [:]

    subscript(month: CalendarMonth, column: String) -> Int64 { months[month]?[column] ?? 0 }

    static func grouped(_ rows: [any SQLRow], columns: [String]) throws -> [Currency: Monthly] {
        var result: [Currency: Monthly] = [:]
        for row in rows {
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            let month = try CalendarMonth(parsing: try row.decode(column: "month", as: String.self))
            var monthly = result[currency] ?? Monthly()
            for column in columns {
                monthly.months[month, default: [:]][column] = try row.decode(column: column, as: Int64.self)
                monthly.period[column, default: 0] += try row.decode(column: "period_" + column, as: Int64.self)
            }
            result[currency] = monthly
        }
        return result
    }
}

/// One currency's sums, cut into the figures of a period: the one asked for (its `period_` sums) or a trend month.
private struct Book {
    var currency: Currency
    var balances: [Day: (total: Int64, current: Int64)]
    var sales: Monthly
    var activity: Monthly
    var settled: Monthly

    func figures(from: Day, to: Day, isPeriod: Bool) throws -> PeriodFigures {
        func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }
        func sum(_ monthly: Monthly, _ column: String) -> Int64 {
            isPeriod ? monthly.period[column] ?? 0 : monthly[CalendarMonth(containing: from), column]
        }
        let months = PeriodFigures.months(endingAt: to, count: CurrencyFigures.countbackMonths).map {
            MonthSales(month: $0.month, days: $0.days, sales: money(sales[$0.month, "sales"]))
        }
        return PeriodFigures(
            currency: currency, from: from, to: to,
            beginningReceivables: money(balances[from.adding(days: -1)]?.total ?? 0),
            endingReceivables: money(balances[to]?.total ?? 0), endingCurrentReceivables: money(balances[to]?.current ?? 0),
            creditSales: money(sum(sales, "sales")), recentMonths: months, collections: money(sum(activity, "collections")),
            writeOffs: money(sum(activity, "write_offs")),
            settled: Settlements(invoices: Int(sum(settled, "invoices")), daysToPay: Int(sum(settled, "days_to_pay")),
                                 onTime: Int(sum(settled, "on_time"))))
    }
}

extension CurrencyFigures {
    /// Whether anything was owed, sold, collected, written off or settled in the period or the trend.
    var hasActivity: Bool {
        ([period] + trend).contains { figures in
            [figures.beginningReceivables, figures.endingReceivables, figures.creditSales, figures.collections, figures.writeOffs]
                .contains { !$0.isZero } || figures.settled.invoices > 0
        }
    }
}
