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

/// One page of the clients list: the clients found with how they pay, and where the next page
/// starts (nil at the end).
public struct ClientListPage: Sendable {
    public var clients: [(client: StoredClient, behaviour: ClientBehaviour?)]
    public var next: String?
}

extension Settle {
    /// Clients by code after `after` whose code or name contains `text` and whose country is
    /// `country`, with their payment behaviour as of today; with `overdueOnly`, only those with
    /// something overdue. At most `limit` a page; a page reads at most `scan` clients, so a rare
    /// filter on a large book answers quickly and the next page goes on from where it stopped.
    ///
    /// `stage`: only clients with an invoice still owed whose latest stage reached is that one
    /// (`none`: not chased yet), as the aging report by stage counts it; `risk`: only clients of
    /// that risk level.
    public func clientList(text: String?, country: String?, overdueOnly: Bool, stage: String? = nil, risk: RiskScore.Level? = nil,
                           after: String?, limit: Int = 200, scan: Int = 5000) async throws -> ClientListPage {
        let org = try await organisation()
        let today = today(for: org)
        let store = ClientStore(database.sql, orgID: org.id)
        var atStage: Set<String>?
        if let stage {
            atStage = Set(try await agingInvoices(asOf: today, grouping: .stage, key: stage, limit: 1_000_000).map(\.client))
        }
        let filtered = overdueOnly || atStage != nil || risk != nil
        let batchSize = filtered ? 500 : limit + 1
        var found: [(client: StoredClient, behaviour: ClientBehaviour?)] = []
        var cursor = after, scanned = 0
        while found.count <= limit, scanned < scan {
            let batch = try await store.search(text: text, country: country, after: cursor, limit: batchSize)
            scanned += batch.count
            let behaviour = try await behaviour(ofClients: batch.map(\.id), orgID: org.id, asOf: today)
            for stored in batch {
                let known = behaviour[stored.client.code]
                let excluded = (overdueOnly && !(known?.exposure.contains { $0.overdue.isPositive } ?? false))
                    || (atStage.map { !$0.contains(stored.client.code) } ?? false)
                    || (risk.map { known?.risk.level != $0 } ?? false)
                if excluded {
                    cursor = stored.client.code
                    continue
                }
                guard found.count < limit else { return ClientListPage(clients: found, next: found.last?.client.client.code) }
                found.append((stored, known))
                cursor = stored.client.code
            }
            if batch.count < batchSize { return ClientListPage(clients: found, next: nil) }
        }
        return ClientListPage(clients: found, next: cursor)
    }
}
