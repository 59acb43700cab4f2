import Foundation
import SettleCore
import SQLKit

/// A saved CSV column mapping and the bank account whose files it reads.
public struct StoredStatementMapping: Sendable, Hashable {
    public var id: Int64
    public var bankAccountID: Int64
    public var mapping: StatementCSVMapping
}

/// The organisation's saved CSV column mappings, by name.
public struct StatementMappingStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func add(_ mapping: StatementCSVMapping, bankAccountID: Int64, now: String) async throws -> StoredStatementMapping {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let definition = String(decoding: try encoder.encode(mapping), as: UTF8.self)
        guard let row = try await sql.insert(into: "statement_mappings")
            .columns("org_id", "name", "bank_account_id", "definition", "created_at")
            .values(SQLBind(orgID), SQLBind(mapping.name), SQLBind(bankAccountID), SQLBind(definition), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("statement mapping \(mapping.name) was not stored") }
        return StoredStatementMapping(id: try row.decode(column: "id", as: Int64.self), bankAccountID: bankAccountID, mapping: mapping)
    }

    public func list() async throws -> [StoredStatementMapping] {
        try await sql.select().columns("id", "bank_account_id", "definition").from("statement_mappings")
            .where("org_id", .equal, SQLBind(orgID)).orderBy("name").all().map(Self.decode)
    }

    public func find(name: String) async throws -> StoredStatementMapping? {
        try await sql.select().columns("id", "bank_account_id", "definition").from("statement_mappings")
            .where("org_id", .equal, SQLBind(orgID)).where("name", .equal, SQLBind(name)).first().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> StoredStatementMapping {
        let id = try row.decode(column: "id", as: Int64.self)
        let definition = try row.decode(column: "definition", as: String.self)
        do {
            return StoredStatementMapping(id: id, bankAccountID: try row.decode(column: "bank_account_id", as: Int64.self),
                                          mapping: try JSONDecoder().decode(StatementCSVMapping.self, from: Data(definition.utf8)))
        } catch {
            throw StoreError.corrupt("statement mapping \(id) cannot be read: \(error)")
        }
    }
}
