import SettleCore
import SQLKit

/// The aging report computed in the database: one pass over the ledger, grouped by
/// client, currency and bucket. Bucket edges come from `AgingBucket.dueDates(asOf:)`,
/// so SQL compares due dates (text `YYYY-MM-DD`) and never does date arithmetic.
public struct AgingQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func report(asOf day: Day) async throws -> AgingReport {
        let buckets = AgingBucket.allCases.map { bucket -> String in
            let range = bucket.dueDates(asOf: day)
            var conditions: [String] = []
            if let from = range.from { conditions.append("i.due_date >= \(from.description.sqlQuoted)") }
            if let through = range.through { conditions.append("i.due_date <= \(through.description.sqlQuoted)") }
            return "CAST(SUM(CASE WHEN \(conditions.joined(separator: " AND ")) THEN b.balance ELSE 0 END) AS BIGINT) AS \(bucket.columnName)"
        }
        let asOf = day.description.sqlQuoted
        let query = """
            SELECT c.code, c.name, i.currency, \(buckets.joined(separator: ", "))
            FROM invoices i
            JOIN (SELECT invoice_id, CAST(SUM(amount_minor) AS BIGINT) AS balance FROM ledger_entries
                  WHERE org_id = \(orgID) AND date <= \(asOf) GROUP BY invoice_id) b ON b.invoice_id = i.id
            JOIN clients c ON c.id = i.client_id AND c.org_id = i.org_id
            WHERE i.org_id = \(orgID) AND i.voided_at IS NULL AND b.balance <> 0
            GROUP BY c.code, c.name, i.currency
            """
        let rows = try await sql.raw(SQLQueryString(query)).all()
        let clients = try rows.map { row in
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            var amounts = AgingAmounts(currency: currency)
            for bucket in AgingBucket.allCases {
                try amounts.add(Money(minorUnits: try row.decode(column: bucket.columnName, as: Int64.self), currency: currency),
                                to: bucket)
            }
            return AgingReport.ClientRow(client: try row.decode(column: "code", as: String.self),
                                         name: try row.decode(column: "name", as: String.self), amounts: amounts)
        }
        return try AgingReport(asOf: day, clients: clients)
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
