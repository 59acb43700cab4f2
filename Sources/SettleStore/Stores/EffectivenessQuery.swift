import SettleCore
import SQLKit

/// The stage effectiveness report computed in the database: for each invoice the first day each
/// stage (channel, tone, template) acted on it in the period, the day its balance reached zero, and
/// what was paid on it in the 30 days after (payments reversed by the as-of day left out) — grouped by key and days to payment, so only a
/// histogram per key comes back.
public struct EffectivenessQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func report(_ dimension: StageEffectiveness.Dimension, from: Day, to: Day, asOf: Day) async throws -> StageEffectiveness {
        let column = switch dimension {
        case .stage: "stage"
        case .channel: "kind"
        case .tone: "tone"
        case .template: "template"
        }
        let asOfText = asOf.description.sqlQuoted
        // A stage counts every action it took (fees and interest too); channels, tones and templates only messages and calls.
        let messages = dimension == .stage ? "" : "AND kind IN ('email', 'sms', 'letter', 'call_task') AND \(column) <> ''"
        // Actions taken in the period (and by the as-of day), first day per invoice and key.
        let reached = """
            SELECT invoice_id, \(column) AS key, MIN(day) AS day FROM actions
            WHERE org_id = \(orgID) AND status = 'due' AND day >= \(from.description.sqlQuoted)
              AND day <= \(min(to, asOf).description.sqlQuoted) \(messages)
            GROUP BY invoice_id, \(column)
            """
        // Invoices whose balance is zero (or less) by the as-of day, and the day of the entry that closed them.
        let settled = """
            SELECT invoice_id, MAX(date) AS paid_on FROM ledger_entries
            WHERE org_id = \(orgID) AND date <= \(asOfText) GROUP BY invoice_id HAVING SUM(amount_minor) <= 0
            """
        let histogram = """
            SELECT r.key AS key, \(days("s.paid_on", since: "r.day")) AS days, CAST(COUNT(*) AS BIGINT) AS n
            FROM (\(reached)) r LEFT JOIN (\(settled)) s ON s.invoice_id = r.invoice_id AND s.paid_on >= r.day
            GROUP BY r.key, \(days("s.paid_on", since: "r.day"))
            """
        let recovered = """
            SELECT r.key AS key, i.currency AS currency, CAST(SUM(-l.amount_minor) AS BIGINT) AS paid
            FROM (\(reached)) r
            JOIN ledger_entries l ON l.org_id = \(orgID) AND l.invoice_id = r.invoice_id AND l.kind = 'allocation'
              AND l.date >= r.day AND l.date <= \(asOfText)
              AND \(days("l.date", since: "r.day")) <= \(StageEffectiveness.recoveryWindow)
            JOIN payments p ON p.org_id = \(orgID) AND p.id = l.payment_id AND (p.reversed_on IS NULL OR p.reversed_on > \(asOfText))
            JOIN invoices i ON i.org_id = \(orgID) AND i.id = r.invoice_id
            GROUP BY r.key, i.currency
            """
        var counts: [String: StageEffectiveness.Counts] = [:]
        for row in try await sql.raw(SQLQueryString(histogram)).all() {
            let key = try row.decode(column: "key", as: String.self)
            let days = try row.decode(column: "days", as: Int?.self)
            counts[key, default: .init(key: key, daysToPay: [:], recovered: [])].daysToPay[days, default: 0]
                += try row.decode(column: "n", as: Int.self)
        }
        for row in try await sql.raw(SQLQueryString(recovered)).all() {
            let key = try row.decode(column: "key", as: String.self)
            let amount = Money(minorUnits: try row.decode(column: "paid", as: Int64.self),
                               currency: try Currency(code: try row.decode(column: "currency", as: String.self)))
            counts[key, default: .init(key: key, daysToPay: [:], recovered: [])].recovered.append(amount)
        }
        return StageEffectiveness(dimension: dimension, from: from, to: to, asOf: asOf, counts: Array(counts.values))
    }

    /// Whole days from one `YYYY-MM-DD` column to another, in the engine's own date arithmetic.
    private func days(_ later: String, since earlier: String) -> String {
        sql.dialect.name == "postgresql"
            ? "(CAST(\(later) AS DATE) - CAST(\(earlier) AS DATE))"
            : "CAST(julianday(\(later)) - julianday(\(earlier)) AS INTEGER)"
    }
}
