import SettleCore
import SettleStore

extension Settle {
    /// Aging of what clients owe as of a day (the organisation's today when nil); entries after it do not count.
    public func agingReport(asOf day: Day?) async throws -> AgingReport {
        let org = try await organisation()
        return try await AgingQuery(database.sql, orgID: org.id).report(asOf: day ?? today(for: org))
    }

    public func clients() async throws -> [StoredClient] {
        let org = try await organisation()
        return try await ClientStore(database.sql, orgID: org.id).all()
    }

    public func client(_ code: String) async throws -> StoredClient {
        let org = try await organisation()
        return try await ClientStore(database.sql, orgID: org.id).require(code)
    }
}
