import SettleCore
import SettleStore
import SQLKit

/// The policies an organisation can use: its stored ones, plus the built-in `standard`
/// unless it stored its own policy of that name. `standard` is the default for every client.
public struct PolicyBook: Sendable {
    public var policies: [String: Policy]
    var clientAssignments: [Int64: String]
    var invoiceAssignments: [Int64: String]

    public static let defaultName = Policy.standard.name

    /// The policy that governs an invoice: its own override, else its client's, else `standard`.
    public func policy(invoiceID: Int64, clientID: Int64) -> Policy {
        let name = invoiceAssignments[invoiceID] ?? clientAssignments[clientID] ?? Self.defaultName
        return policies[name] ?? Policy.standard
    }
}

extension Settle {
    /// Checks a policy file and stores it (replacing a stored policy of the same name).
    public func applyPolicy(_ text: String, file: String) async throws -> Policy {
        let org = try await organisation()
        let policy = try PolicyFile.read(text, file: file)
        try await PolicyStore(database.sql, orgID: org.id).save(name: policy.name, source: text, now: timestamp)
        return policy
    }

    public func policyBook() async throws -> PolicyBook {
        let org = try await organisation()
        return try await policyBook(sql: database.sql, orgID: org.id)
    }

    func policyBook(sql: any SQLDatabase, orgID: Int64) async throws -> PolicyBook {
        let store = PolicyStore(sql, orgID: orgID)
        var policies = [Policy.standard.name: Policy.standard]
        for stored in try await store.all() {
            policies[stored.name] = try PolicyFile.read(stored.source, file: "stored policy \(stored.name)")
        }
        let assignments = try await store.assignments()
        return PolicyBook(policies: policies, clientAssignments: assignments.clients, invoiceAssignments: assignments.invoices)
    }

    /// How many clients each policy governs (its own clients; `standard` also those with none
    /// assigned, and those assigned a policy that no longer exists).
    public func policyClientCounts() async throws -> [String: Int] {
        let org = try await organisation()
        let names = try await policyBook().policies.keys
        var counts: [String: Int] = [:]
        for (name, clients) in try await PolicyStore(database.sql, orgID: org.id).clientCounts() {
            let governing = name.flatMap { names.contains($0) ? $0 : nil } ?? PolicyBook.defaultName
            counts[governing, default: 0] += clients
        }
        return counts
    }

    /// The YAML of a policy: as stored, or generated for the built-in one.
    public func policySource(_ name: String) async throws -> String {
        let org = try await organisation()
        if let stored = try await PolicyStore(database.sql, orgID: org.id).all().first(where: { $0.name == name }) {
            return stored.source
        }
        guard name == Policy.standard.name else { throw InputError("no policy \"\(name)\" (see `settle policy list`)") }
        return PolicyFile.yaml(.standard)
    }

    /// Assigns a policy to a client or overrides it for one invoice; nil goes back to the default.
    public func assignPolicy(_ name: String?, client: String? = nil, invoice: String? = nil) async throws {
        let org = try await organisation()
        if let name, try await policyBook().policies[name] == nil {
            throw InputError("no policy \"\(name)\" (see `settle policy list`)")
        }
        let store = PolicyStore(database.sql, orgID: org.id)
        if let client {
            try await store.assign(name, clientID: try await ClientStore(database.sql, orgID: org.id).require(client).id)
        } else if let invoice {
            try await store.assign(name, invoiceID: try await InvoiceStore(database.sql, orgID: org.id).require(invoice).id)
        } else {
            throw InputError("name a client (--client) or an invoice (--invoice)")
        }
    }
}
