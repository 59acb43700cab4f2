import SettleCore
import SettleStore

/// A worklist task with its client's risk score, for the person picking what to do first.
public struct WorklistTask: Sendable {
    public var task: StoredTask
    public var risk: RiskScore?
}

extension Settle {
    /// How each client has paid as of a day (the organisation's today when nil), or one client
    /// (by code); entries, promises and disputes after the day do not count. Each client's
    /// `risk` explains its score.
    public func clientBehaviour(asOf day: Day? = nil, client code: String? = nil) async throws -> ClientBehaviourReport {
        let org = try await organisation()
        let day = day ?? today(for: org)
        var clientIDs: [Int64]?
        if let code { clientIDs = [try await ClientStore(database.sql, orgID: org.id).require(code).id] }
        let records = try await PaymentHistoryQuery(database.sql, orgID: org.id).records(asOf: day, clientIDs: clientIDs).records
        return ClientBehaviourReport(asOf: day, records: records)
    }

    /// The behaviour of some clients (by id) as of a day, by id; one query whatever their number.
    func behaviour(ofClients clientIDs: some Collection<Int64>, orgID: Int64, asOf day: Day) async throws -> [String: ClientBehaviour] {
        let records = try await PaymentHistoryQuery(database.sql, orgID: orgID).records(asOf: day, clientIDs: Array(Set(clientIDs)))
        return Dictionary(records.records.map { ($0.client, ClientBehaviour($0, asOf: day)) }) { first, _ in first }
    }

    /// Open worklist tasks as `tasks(dueBy:after:limit:)` lists them (same order, same pages), each
    /// with its client's risk score as of today.
    public func worklist(dueBy day: Day?, after: (day: Day, id: Int64)? = nil, limit: Int? = nil) async throws -> [WorklistTask] {
        let tasks = try await tasks(dueBy: day, after: after, limit: limit)
        let org = try await organisation()
        let clients = try await ClientStore(database.sql, orgID: org.id).lookup(Set(tasks.map(\.client)))
        let behaviour = try await behaviour(ofClients: clients.values.map(\.id), orgID: org.id, asOf: today(for: org))
        return tasks.map { WorklistTask(task: $0, risk: behaviour[$0.client]?.risk) }
    }
}
