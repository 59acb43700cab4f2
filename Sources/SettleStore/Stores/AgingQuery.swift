import SettleCore
import SQLKit

/// The aging report computed in the database: one pass over the ledger, grouped by
/// client (or country, or stage reached), currency and bucket; and the invoices behind a row. Bucket edges come from `AgingBucket.dueDates(asOf:)`,
/// so SQL compares due dates (text `YYYY-MM-DD`) and never does date arithmetic.
public struct AgingQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func report(asOf day: Day, grouping: AgingGrouping = .client) async throws -> AgingReport {
        let buckets = AgingBucket.allCases.map { bucket -> String in
            let range = bucket.dueDates(asOf: day)
            var conditions: [String] = []
            if let from = range.from { conditions.append("i.due_date >= \(from.description.sqlQuoted)") }
            if let through = range.through { conditions.append("i.due_date <= \(through.description.sqlQuoted)") }
            return "CAST(SUM(CASE WHEN \(conditions.joined(separator: " AND ")) THEN b.balance ELSE 0 END) AS BIGINT) AS \(bucket.columnName)"
        }
        let key = switch grouping {
        case .client: (select: "c.code AS key, c.name AS name", group: "c.code, c.name")
        case .country: (select: "c.country AS key, '' AS name", group: "c.country")
        case .stage: (select: "COALESCE(st.stage, \(AgingGrouping.noStage.sqlQuoted)) AS key, '' AS name", group: "st.stage")
        }
        let query = """
            SELECT \(key.select), i.currency, \(buckets.joined(separator: ", "))
            \(outstanding(asOf: day, stages: grouping == .stage))
            GROUP BY \(key.group), i.currency
            """
        let rows = try await sql.raw(SQLQueryString(query)).all()
        let grouped = try rows.map { row in
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            var amounts = AgingAmounts(currency: currency)
            for bucket in AgingBucket.allCases {
                try amounts.add(Money(minorUnits: try row.decode(column: bucket.columnName, as: Int64.self), currency: currency),
                                to: bucket)
            }
            return AgingReport.Row(key: try row.decode(column: "key", as: String.self),
                                   name: try row.decode(column: "name", as: String.self), amounts: amounts)
        }
        return try AgingReport(asOf: day, grouping: grouping, rows: grouped)
    }

    /// The drill-down: the invoices behind one row of the report (the client, country or stage
    /// `key`; every outstanding invoice when nil), oldest due first, at most `limit`.
    public func invoices(asOf day: Day, grouping: AgingGrouping = .client, key: String?, limit: Int = 1000) async throws -> [AgingInvoice] {
        var condition = ""
        if let key {
            switch grouping {
            case .client: condition = "AND c.code = \(key.sqlQuoted)"
            case .country: condition = "AND c.country = \(key.sqlQuoted)"
            case .stage: condition = "AND COALESCE(st.stage, \(AgingGrouping.noStage.sqlQuoted)) = \(key.sqlQuoted)"
            }
        }
        let query = """
            SELECT i.number, c.code, i.due_date, i.currency, b.balance
            \(outstanding(asOf: day, stages: grouping == .stage)) \(condition)
            ORDER BY i.due_date, i.number
            LIMIT \(max(0, limit))
            """
        return try await sql.raw(SQLQueryString(query)).all().map { row in
            AgingInvoice(number: try row.decode(column: "number", as: String.self), client: try row.decode(column: "code", as: String.self),
                         dueDate: try Day(parsing: try row.decode(column: "due_date", as: String.self)), asOf: day,
                         balance: Money(minorUnits: try row.decode(column: "balance", as: Int64.self),
                                        currency: try Currency(code: try row.decode(column: "currency", as: String.self))))
        }
    }

    /// The invoices (`i`) with their balance (`b.balance`) as of the day and their client (`c`),
    /// when something is still owed or overpaid: one pass over the ledger. With `stages`, also the
    /// stage of each invoice's latest action taken on or before the day (`st.stage`, null before
    /// the first): one pass over the actions.
    private func outstanding(asOf day: Day, stages: Bool = false) -> String {
        let asOf = day.description.sqlQuoted
        let latestStage = !stages ? "" : """
            LEFT JOIN (SELECT invoice_id, stage FROM (
                         SELECT invoice_id, stage, ROW_NUMBER() OVER (PARTITION BY invoice_id ORDER BY day DESC, id DESC) AS latest
                         FROM actions WHERE org_id = \(orgID) AND status = 'due' AND day <= \(asOf)) ranked
                       WHERE latest = 1) st ON st.invoice_id = i.id
            """
        return """
            FROM invoices i
            JOIN (SELECT invoice_id, CAST(SUM(amount_minor) AS BIGINT) AS balance FROM ledger_entries
                  WHERE org_id = \(orgID) AND date <= \(asOf) GROUP BY invoice_id) b ON b.invoice_id = i.id
            JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            \(latestStage)
            WHERE i.org_id = \(orgID) AND i.voided_at IS NULL AND b.balance <> 0
            """
    }
}

extension AgingBucket {
    /// A column name for the bucket (the raw values contain `-` and `+`).
    var columnName: String {
        switch self {
        case .current: return "b_current"
        case .days1To30: return "b_1_30"
        case .days31To60: return "b_31_60"
        case .days61To90: return "b_61_90"
        case .over90: return "b_90_plus"
        }
    }
}
