import SettleCore
import SQLKit

/// A client as stored, with its row id.
public struct StoredClient: Sendable, Hashable {
    public let id: Int64
    public let client: Client
}

/// The clients of one organisation. Every query is scoped to `orgID`.
public struct ClientStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Inserts clients (with their contacts) in batches; returns their ids by code.
    @discardableResult
    public func insert(_ clients: [Client], now: String) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for batch in clients.chunked(into: 500) {
            var insert = sql.insert(into: "clients")
                .columns("org_id", "code", "name", "kind", "country", "time_zone", "language", "terms", "tags", "address", "created_at")
            for client in batch {
                insert = insert.values(SQLBind(orgID), SQLBind(client.code), SQLBind(client.name), SQLBind(client.kind.rawValue),
                                       SQLBind(client.country), SQLBind(client.timeZone), SQLBind(client.language),
                                       SQLBind(client.defaultTerms.description), SQLBind(client.tags.joined(separator: ",")),
                                       SQLBind(client.address.joined(separator: "\n")), SQLBind(now))
            }
            for row in try await insert.returning("id", "code").all() {
                ids[try row.decode(column: "code", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
        }
        let contacts = clients.flatMap { client in client.contacts.map { (client.code, $0) } }
        for batch in contacts.chunked(into: 500) {
            var insert = sql.insert(into: "contacts").columns("org_id", "client_id", "name", "email", "phone", "role")
            for (code, contact) in batch {
                guard let clientID = ids[code] else { throw StoreError.corrupt("client \(code) was not inserted") }
                insert = insert.values(SQLBind(orgID), SQLBind(clientID), SQLBind(contact.name), SQLBind(contact.email),
                                       SQLBind(contact.phone), SQLBind(contact.role.rawValue))
            }
            try await insert.run()
        }
        return ids
    }

    /// Adds one contact to a client.
    public func addContact(_ contact: Contact, clientID: Int64) async throws {
        try await sql.insert(into: "contacts").columns("org_id", "client_id", "name", "email", "phone", "role")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(contact.name), SQLBind(contact.email), SQLBind(contact.phone),
                    SQLBind(contact.role.rawValue)).run()
    }

    public func find(_ code: String) async throws -> StoredClient? {
        guard let row = try await sql.select().columns("*").from("clients")
            .where("org_id", .equal, SQLBind(orgID)).where("code", .equal, SQLBind(code)).first() else { return nil }
        let id = try row.decode(column: "id", as: Int64.self)
        return StoredClient(id: id, client: try Self.decode(row, contacts: try await contacts(of: [id])[id] ?? []))
    }

    public func find(id: Int64) async throws -> StoredClient? {
        guard let row = try await sql.select().columns("*").from("clients")
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).first() else { return nil }
        return StoredClient(id: id, client: try Self.decode(row, contacts: try await contacts(of: [id])[id] ?? []))
    }

    /// The client, or an error naming the code.
    public func require(_ code: String) async throws -> StoredClient {
        guard let found = try await find(code) else { throw StoreError.unknownClient(code) }
        return found
    }

    public func all() async throws -> [StoredClient] {
        try await page(after: nil, limit: nil)
    }

    /// Clients by code, after a code (the last of the page before), at most `limit` of them.
    public func page(after code: String?, limit: Int?) async throws -> [StoredClient] {
        var query = sql.select().columns("*").from("clients").where("org_id", .equal, SQLBind(orgID))
        if let code { query = query.where("code", .greaterThan, SQLBind(code)) }
        query = query.orderBy("code")
        if let limit { query = query.limit(limit) }
        let rows = try await query.all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        let contacts = try await contacts(of: ids)
        return try zip(ids, rows).map { id, row in StoredClient(id: id, client: try Self.decode(row, contacts: contacts[id] ?? [])) }
    }

    /// Clients by code after `after`, whose code or name contains `text` (any case) and whose
    /// country is `country` (when given), at most `limit`.
    public func search(text: String?, country: String?, after code: String?, limit: Int) async throws -> [StoredClient] {
        var query = sql.select().columns("*").from("clients").where("org_id", .equal, SQLBind(orgID))
        if let text, !text.isEmpty {
            let pattern = "%" + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            let matches: SQLQueryString = "(lower(code) LIKE \(bind: pattern) ESCAPE '\\' OR lower(name) LIKE \(bind: pattern) ESCAPE '\\')"
            query = query.where(matches)
        }
        if let country, !country.isEmpty { query = query.where("country", .equal, SQLBind(country)) }
        if let code { query = query.where("code", .greaterThan, SQLBind(code)) }
        let rows = try await query.orderBy("code").limit(limit).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        let contacts = try await contacts(of: ids)
        return try zip(ids, rows).map { id, row in StoredClient(id: id, client: try Self.decode(row, contacts: contacts[id] ?? [])) }
    }

    /// Ids and default terms of the clients with these codes (codes not found are absent).
    public func lookup(_ codes: some Collection<String>) async throws -> [String: (id: Int64, terms: PaymentTerms)] {
        var found: [String: (id: Int64, terms: PaymentTerms)] = [:]
        for batch in Array(Set(codes)).chunked(into: 5000) {
            let rows = try await sql.select().columns("id", "code", "terms").from("clients")
                .where("org_id", .equal, SQLBind(orgID)).where("code", .in, SQLBind.group(Array(batch))).all()
            for row in rows {
                found[try row.decode(column: "code", as: String.self)] = (
                    try row.decode(column: "id", as: Int64.self),
                    try PaymentTerms(parsing: try row.decode(column: "terms", as: String.self)))
            }
        }
        return found
    }

    private func contacts(of clientIDs: [Int64]) async throws -> [Int64: [Contact]] {
        var result: [Int64: [Contact]] = [:]
        for batch in clientIDs.chunked(into: 500) where !batch.isEmpty {
            let rows = try await sql.select().columns("*").from("contacts")
                .where("org_id", .equal, SQLBind(orgID)).where("client_id", .in, SQLBind.group(Array(batch)))
                .orderBy("id").all()
            for row in rows {
                let contact = Contact(
                    name: try row.decode(column: "name", as: String.self),
                    email: try row.decode(column: "email", as: String?.self),
                    phone: try row.decode(column: "phone", as: String?.self),
                    role: ContactRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .other)
                result[try row.decode(column: "client_id", as: Int64.self), default: []].append(contact)
            }
        }
        return result
    }

    static func decode(_ row: any SQLRow, contacts: [Contact]) throws -> Client {
        let kind = try row.decode(column: "kind", as: String.self)
        let tags = try row.decode(column: "tags", as: String.self)
        return Client(
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            kind: ClientKind(rawValue: kind) ?? .business,
            country: try row.decode(column: "country", as: String.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            language: try row.decode(column: "language", as: String.self),
            contacts: contacts,
            defaultTerms: try PaymentTerms(parsing: try row.decode(column: "terms", as: String.self)),
            tags: tags.isEmpty ? [] : tags.split(separator: ",").map(String.init),
            address: try row.decode(column: "address", as: String.self).split(separator: "\n").map(String.init))
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
