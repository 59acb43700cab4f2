import SettleCore
import SQLKit

/// The promises and disputes of a period, counted in the database (see `PromiseReport` for what is counted).
public struct PromiseReportQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func report(from: Day, to: Day) async throws -> PromiseReport {
        let (first, last) = (from.description.sqlQuoted, to.description.sqlQuoted)
        // A promise of the whole balance is worth the invoice's balance on the day it was made.
        let promiseRows = try await sql.rows(ofQuery: """
            SELECT currency, standing, CAST(COUNT(*) AS BIGINT) AS promises, CAST(SUM(amount) AS BIGINT) AS amount FROM (
                SELECT i.currency,
                    CASE WHEN p.closed_on IS NOT NULL AND p.closed_on <= \(last) THEN p.status ELSE 'open' END AS standing,
                    COALESCE(p.amount_minor, (SELECT SUM(e.amount_minor) FROM ledger_entries e
                        WHERE e.org_id = p.org_id AND e.invoice_id = p.invoice_id AND e.date <= p.made_on), 0) AS amount
                FROM promises p JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
                WHERE p.org_id = \(orgID) AND p.made_on >= \(first) AND p.made_on <= \(last)) made
            GROUP BY currency, standing
            """)
        var promises: [PromiseStanding: PromiseTally] = [:]
        for row in promiseRows {
            let text = try row.decode(column: "standing", as: String.self)
            guard let standing = PromiseStanding(rawValue: text) else { throw StoreError.corrupt("a promise with status \"\(text)\"") }
            let amount = Money(minorUnits: try row.decode(column: "amount", as: Int64.self),
                               currency: try Currency(code: try row.decode(column: "currency", as: String.self)))
            promises[standing] = try (promises[standing] ?? PromiseTally())
                .adding(count: try row.decode(column: "promises", as: Int.self), amount: amount)
        }

        var opened: [String: Int] = [:]
        for row in try await sql.rows(ofQuery: """
            SELECT reason, CAST(COUNT(*) AS BIGINT) AS disputes FROM disputes
            WHERE org_id = \(orgID) AND opened_on >= \(first) AND opened_on <= \(last) GROUP BY reason
            """) {
            opened[try row.decode(column: "reason", as: String.self)] = try row.decode(column: "disputes", as: Int.self)
        }
        var resolved: [String: Int] = [:]
        var resolutionDays: [Int: Int] = [:]
        for row in try await sql.rows(ofQuery: """
            SELECT outcome, opened_on, resolved_on, CAST(COUNT(*) AS BIGINT) AS disputes FROM disputes
            WHERE org_id = \(orgID) AND resolved_on >= \(first) AND resolved_on <= \(last) GROUP BY outcome, opened_on, resolved_on
            """) {
            let count = try row.decode(column: "disputes", as: Int.self)
            resolved[try row.decode(column: "outcome", as: String.self), default: 0] += count
            let took = try Day(parsing: try row.decode(column: "resolved_on", as: String.self))
                .days(since: try Day(parsing: try row.decode(column: "opened_on", as: String.self)))
            resolutionDays[took, default: 0] += count
        }
        let openAtEnd = try await sql.rows(ofQuery: """
            SELECT CAST(COUNT(*) AS BIGINT) AS disputes FROM disputes
            WHERE org_id = \(orgID) AND opened_on <= \(last) AND (resolved_on IS NULL OR resolved_on > \(last))
            """).first?.decode(column: "disputes", as: Int.self) ?? 0

        return try PromiseReport(
            from: from, to: to, promises: promises,
            disputesOpened: DisputeReason.allCases.map { NamedCount(name: $0.rawValue, count: opened[$0.rawValue] ?? 0) },
            disputesResolved: DisputeOutcome.allCases.map { NamedCount(name: $0.rawValue, count: resolved[$0.rawValue] ?? 0) },
            disputesOpenAtEnd: openAtEnd, resolutionDays: resolutionDays.map { (days: $0.key, count: $0.value) })
    }
}
