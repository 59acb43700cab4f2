import SettleCore
import SettleStore

extension Settle {
    /// Aging of what clients owe as of a day (the organisation's today when nil); entries after it do not count.
    public func agingReport(asOf day: Day?, grouping: AgingGrouping = .client) async throws -> AgingReport {
        let org = try await organisation()
        return try await AgingQuery(database.sql, orgID: org.id).report(asOf: day ?? today(for: org), grouping: grouping)
    }

    /// The invoices behind one row of the aging report (`key` of the grouping; all when nil), oldest due first.
    public func agingInvoices(asOf day: Day?, grouping: AgingGrouping = .client, key: String?, limit: Int = 1000) async throws -> [AgingInvoice] {
        let org = try await organisation()
        return try await AgingQuery(database.sql, orgID: org.id).invoices(asOf: day ?? today(for: org), grouping: grouping, key: key, limit: limit)
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

extension Settle {
    /// Which stages (channels, tones, templates) get invoices paid: those reached from `from` to
    /// `to`, with payments up to the organisation's today.
    public func effectivenessReport(_ dimension: StageEffectiveness.Dimension, from: Day, to: Day) async throws -> StageEffectiveness {
        guard from <= to else { throw InputError("--from \(from) is after --to \(to)") }
        let org = try await organisation()
        return try await EffectivenessQuery(database.sql, orgID: org.id).report(dimension, from: from, to: to, asOf: today(for: org))
    }
}

extension Settle {
    /// What needs a person's attention today: promises due this week, open disputes, failed
    /// messages, bank entries waiting for a person.
    public func attention() async throws -> AttentionCounts {
        let org = try await organisation()
        return try await DashboardQuery(database.sql, orgID: org.id).attention(today: today(for: org))
    }
}
