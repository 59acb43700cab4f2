import SettleCore
import SettleStore

extension Settle {
    /// Promises to pay made in a period and where they stood at its end; disputes opened and resolved in it,
    /// and how long resolving took (`from` and `to` included).
    public func promiseReport(from: Day, to: Day) async throws -> PromiseReport {
        guard from <= to else { throw InputError("the period starts on \(from), after it ends on \(to)") }
        let org = try await organisation()
        return try await PromiseReportQuery(database.sql, orgID: org.id).report(from: from, to: to)
    }
}
