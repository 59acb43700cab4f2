import SettleCore
import SQLKit

/// The counts the dashboard shows beside its figures: what needs a person's attention.
public struct AttentionCounts: Sendable, Hashable {
    /// Open promises whose day falls within the coming week (today and the six days after).
    public var promisesDueThisWeek: Int
    public var openDisputes: Int
    public var failedMessages: Int
    /// Bank entries no invoice fits, and those with candidates waiting for a person.
    public var unmatchedEntries: Int
    public var suggestedEntries: Int
}

public struct DashboardQuery: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Five counts in one statement, each scoped to the organisation.
    public func attention(today: Day) async throws -> AttentionCounts {
        let weekEnd = today.adding(days: 6)
        guard let row = try await sql.raw("""
            SELECT
              (SELECT COUNT(*) FROM promises WHERE org_id = \(bind: orgID) AND status = 'open'
                 AND promised_date >= \(bind: today.description) AND promised_date <= \(bind: weekEnd.description)) AS promises,
              (SELECT COUNT(*) FROM disputes WHERE org_id = \(bind: orgID) AND status = 'open') AS disputes,
              (SELECT COUNT(*) FROM messages WHERE org_id = \(bind: orgID) AND status = 'failed') AS failed,
              (SELECT COUNT(*) FROM statement_entries WHERE org_id = \(bind: orgID) AND status = 'unmatched') AS unmatched,
              (SELECT COUNT(*) FROM statement_entries WHERE org_id = \(bind: orgID) AND status = 'suggested') AS suggested
            """).first() else { throw StoreError.corrupt("the dashboard's counts returned no row") }
        func count(_ column: String) throws -> Int { Int(try row.decode(column: column, as: Int64.self)) }
        return AttentionCounts(promisesDueThisWeek: try count("promises"), openDisputes: try count("disputes"),
                               failedMessages: try count("failed"), unmatchedEntries: try count("unmatched"),
                               suggestedEntries: try count("suggested"))
    }
}
