import SettleCore
import SQLKit

/// The figures collection metrics are built from, aggregated in the database in two passes whatever the size
/// of the book, so the work grows with the ledger's rows, not with the number of figures asked for.
///
/// The first pass reads every ledger entry on or before `to` once and sums them into cells: the interval of
/// days the entry falls in (the days are cut at `from` - 1, `to` and the month ends of the 35 months before
/// `to`, enough for the twelve-month trend and each trend month's 24-month countback), the interval its
/// invoice's issue day falls in when that is later (an entry counts in AR only once its invoice is issued),
/// how many of the trend's month ends fall on or before the invoice's due date (for current AR), and the kind
/// of entry (principal: credit sales; allocation and reversal: collections; write-off; anything else). Each
/// interval is found by a binary search written as nested `CASE`s on `YYYY-MM-DD` text, and everything is
/// grouped into one small integer per cell, so the database returns a few hundred rows and the figures of any
/// period that starts and ends at those cuts are sums of cells. The second pass finds the invoices settled
/// per month (see `settlements`). Definitions are those of `PeriodFigures`.
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
        let cuts = Cuts(from: from, to: to, trend: trend)
        let ledger = try await ledgerCells(cuts)
        let settled = try await settlements(from: min(from, trend[0].from), to: to, period: (from, to))

        let currencies = Set(ledger.keys).union(settled.keys)
        return try currencies.sorted().compactMap { currency -> CurrencyFigures? in
            let book = Book(currency: currency, cuts: cuts, cells: ledger[currency] ?? Cells(), settled: settled[currency] ?? Monthly())
            let figures = CurrencyFigures(currency: currency, period: try book.figures(from: from, to: to, isPeriod: true),
                                          trend: try trend.map { try book.figures(from: $0.from, to: $0.to, isPeriod: false) })
            return figures.hasActivity ? figures : nil
        }
    }

    /// The first pass: ledger entries summed per currency and cell.
    private func ledgerCells(_ cuts: Cuts) async throws -> [Currency: Cells] {
        let days = cuts.days.map(\.description.sqlQuoted)
        let dueDays = cuts.dueDays.map(\.description.sqlQuoted)
        let dated = Self.firstOnOrAfter("e.date", days, 0..<days.count)
        let issued = "CASE WHEN e.date < i.issue_date THEN 1 + \(Self.firstOnOrAfter("i.issue_date", days, 0..<days.count)) ELSE 0 END"
        let due = Self.countOnOrBefore("i.due_date", dueDays, 0..<dueDays.count)
        let kind = "CASE e.kind WHEN 'principal' THEN 1 WHEN 'allocation' THEN 2 WHEN 'reversal' THEN 2 WHEN 'write_off' THEN 3 ELSE 0 END"
        let rows = try await sql.rows(ofQuery: """
            SELECT i.currency, (((\(dated)) * 64 + \(issued)) * 16 + \(due)) * 4 + \(kind) AS cell,
                CAST(SUM(e.amount_minor) AS BIGINT) AS amount
            FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
            WHERE e.org_id = \(orgID) AND i.voided_at IS NULL AND e.date <= \(cuts.to.description.sqlQuoted)
            GROUP BY 1, 2
            """)
        var result: [Currency: Cells] = [:]
        for row in rows {
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            let cell = try row.decode(column: "cell", as: Int.self)
            result[currency, default: Cells()].add(cell: cell, amount: try row.decode(column: "amount", as: Int64.self))
        }
        return result
    }

    /// Counts a write-off in the settlement pass's sum of allocations: more than any invoice has allocations.
    static let writeOffMark = 1_000_000

    /// SQL for the index of the first of `days` (sorted, quoted) on or after `expression`, `days.count` when
    /// it is after all of them: a binary search of nested `CASE`s (about six comparisons for 40 days).
    static func firstOnOrAfter(_ expression: String, _ days: [String], _ range: Range<Int>) -> String {
        guard !range.isEmpty else { return String(range.lowerBound) }
        let middle = (range.lowerBound + range.upperBound) / 2
        return "CASE WHEN \(expression) <= \(days[middle]) THEN \(firstOnOrAfter(expression, days, range.lowerBound..<middle)) "
            + "ELSE \(firstOnOrAfter(expression, days, (middle + 1)..<range.upperBound)) END"
    }

    /// SQL for how many of `days` (sorted, quoted) are on or before `expression`.
    static func countOnOrBefore(_ expression: String, _ days: [String], _ range: Range<Int>) -> String {
        guard !range.isEmpty else { return String(range.lowerBound) }
        let middle = (range.lowerBound + range.upperBound) / 2
        return "CASE WHEN \(expression) >= \(days[middle]) THEN \(countOnOrBefore(expression, days, (middle + 1)..<range.upperBound)) "
            + "ELSE \(countOnOrBefore(expression, days, range.lowerBound..<middle)) END"
    }

    /// Invoices settled per currency and month of settlement. An invoice is settled on the day of its last
    /// allocation, discount or credit note (the entries that reduce a balance, but write-offs) on or before `to`
    /// when its balance as of `to` is zero or less, it received at least one payment and nothing of it was
    /// written off. One pass over the ledger in invoice order; a single sum counts allocations and marks
    /// write-offs (`writeOffMark` each), so one comparison tells both.
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
                      MAX(CASE WHEN amount_minor < 0 AND kind <> 'write_off' THEN date END) AS settled_on,
                      SUM(CASE kind WHEN 'allocation' THEN 1 WHEN 'write_off' THEN \(Self.writeOffMark) ELSE 0 END) AS payments
                  FROM ledger_entries WHERE org_id = \(orgID) AND date <= \(to.description.sqlQuoted)
                  GROUP BY invoice_id) s
            JOIN invoices i ON i.id = s.invoice_id AND i.org_id = \(orgID)
            WHERE s.balance <= 0 AND s.payments BETWEEN 1 AND \(Self.writeOffMark - 1) AND i.voided_at IS NULL
              AND s.settled_on >= \(from.description.sqlQuoted)
            GROUP BY i.currency, substr(s.settled_on, 1, 7)
            """)
        return try Monthly.grouped(rows, columns: ["invoices", "days_to_pay", "on_time"])
    }
}

/// The days the first pass cuts time at, sorted: `from` - 1, `to` and the month ends of the 35 months before
/// `to`'s month (a day before the first cut falls in interval 0, a day after cut `n - 1` in interval `n`);
/// and the days current AR is asked for: the trend months' last days.
private struct Cuts {
    var to: Day
    var days: [Day]
    var dueDays: [Day]
    private var positions: [Day: Int]

    init(from: Day, to: Day, trend: [(from: Day, to: Day)]) {
        self.to = to
        let newest = CalendarMonth(containing: to)
        let monthEnds = (1...(CurrencyFigures.trendMonths + CurrencyFigures.countbackMonths - 1)).map { newest.adding(months: -$0).last }
        days = Array(Set([from.adding(days: -1), to] + monthEnds)).sorted()
        dueDays = trend.map(\.to)
        positions = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
    }

    /// The position of a cut.
    func index(_ day: Day) -> Int {
        guard let index = positions[day] else { preconditionFailure("\(day) is not a cut") }
        return index
    }
}

/// One currency's ledger sums from the first pass.
private struct Cells {
    /// Every entry by the interval it counts in AR from (the later of its day's and its invoice's issue day's)
    /// and how many of the due days its invoice's due date is on or after.
    var receivables: [Int: [Int: Int64]] = [:]
    /// Entries by kind (1 principal, 2 collections, 3 write-offs) and the interval of their day.
    var flows: [Int: [Int: Int64]] = [:]

    mutating func add(cell: Int, amount: Int64) {
        let kind = cell % 4, dueCount = cell / 4 % 16, issued = cell / 64 % 64, dated = cell / 4096
        let counted = issued == 0 ? dated : issued - 1
        receivables[counted, default: [:]][dueCount, default: 0] += amount
        if kind != 0 { flows[kind, default: [:]][dated, default: 0] += amount }
    }

    /// AR as of cut `index`; with `dueOnOrAfter`, only of invoices due on or after that many due days (current AR).
    func receivables(through index: Int, dueOnOrAfter dueCount: Int = 0) -> Int64 {
        receivables.filter { $0.key <= index }.values.reduce(0) { sum, byDue in
            sum + byDue.filter { $0.key >= dueCount }.values.reduce(0, +)
        }
    }

    /// Entries of a kind dated after cut `after` and on or before cut `through`.
    func flow(_ kind: Int, after: Int, through: Int) -> Int64 {
        (flows[kind] ?? [:]).filter { $0.key > after && $0.key <= through }.values.reduce(0, +)
    }
}

/// Settlement sums per month of one currency, with their part in the period asked for (`period_` columns).
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

/// One currency's sums, cut into the figures of a period: the one asked for or a trend month.
private struct Book {
    var currency: Currency
    var cuts: Cuts
    var cells: Cells
    var settled: Monthly

    func figures(from: Day, to: Day, isPeriod: Bool) throws -> PeriodFigures {
        func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }
        let (start, end) = (cuts.index(from.adding(days: -1)), cuts.index(to))
        let months = PeriodFigures.months(endingAt: to, count: CurrencyFigures.countbackMonths).map { month in
            let monthEnd = min(month.month.last, to)
            return MonthSales(month: month.month, days: month.days,
                              sales: money(cells.flow(1, after: cuts.index(month.month.first.adding(days: -1)), through: cuts.index(monthEnd))))
        }
        func settledSum(_ column: String) -> Int {
            Int(isPeriod ? settled.period[column] ?? 0 : settled[CalendarMonth(containing: from), column])
        }
        let dueCount = (cuts.dueDays.firstIndex(of: to) ?? 0) + 1
        return PeriodFigures(
            currency: currency, from: from, to: to,
            beginningReceivables: money(cells.receivables(through: start)),
            endingReceivables: money(cells.receivables(through: end)),
            endingCurrentReceivables: money(cells.receivables(through: end, dueOnOrAfter: dueCount)),
            creditSales: money(cells.flow(1, after: start, through: end)), recentMonths: months,
            collections: money(-cells.flow(2, after: start, through: end)), writeOffs: money(-cells.flow(3, after: start, through: end)),
            settled: Settlements(invoices: settledSum("invoices"), daysToPay: settledSum("days_to_pay"), onTime: settledSum("on_time")))
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
