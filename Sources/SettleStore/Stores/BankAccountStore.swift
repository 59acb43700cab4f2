import SettleCore
import SQLKit

/// A bank account of the organisation, into which clients pay.
public struct StoredBankAccount: Sendable, Hashable {
    public var id: Int64
    /// The IBAN (electronic form) or the bank's account number.
    public var account: String
    public var currency: Currency
    public var name: String
}

/// The organisation's bank accounts, and the statement entries read for them.
public struct BankAccountStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func add(account: String, currency: Currency, name: String, now: String) async throws -> StoredBankAccount {
        guard let row = try await sql.insert(into: "bank_accounts").columns("org_id", "account", "currency", "name", "created_at")
            .values(SQLBind(orgID), SQLBind(account), SQLBind(currency.code), SQLBind(name), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("bank account \(account) was not stored") }
        return StoredBankAccount(id: try row.decode(column: "id", as: Int64.self), account: account, currency: currency, name: name)
    }

    public func list() async throws -> [StoredBankAccount] {
        try await sql.select().columns("*").from("bank_accounts").where("org_id", .equal, SQLBind(orgID)).orderBy("id").all()
            .map(Self.decode)
    }

    public func find(account: String) async throws -> StoredBankAccount? {
        try await sql.select().columns("*").from("bank_accounts").where("org_id", .equal, SQLBind(orgID))
            .where("account", .equal, SQLBind(account)).first().map(Self.decode)
    }

    /// Which of these fingerprints the account's entries hold already.
    public func existingFingerprints(accountID: Int64, among fingerprints: [String]) async throws -> Set<String> {
        var found: Set<String> = []
        for batch in fingerprints.chunked(into: 500) {
            for row in try await sql.select().column("fingerprint").from("statement_entries")
                .where("org_id", .equal, SQLBind(orgID)).where("bank_account_id", .equal, SQLBind(accountID))
                .where("fingerprint", .in, SQLBind.group(Array(batch))).all() {
                found.insert(try row.decode(column: "fingerprint", as: String.self))
            }
        }
        return found
    }

    /// How many entries the account holds, by status.
    public func entryCounts(accountID: Int64) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT status, CAST(COUNT(*) AS BIGINT) AS n FROM statement_entries
            WHERE org_id = \(bind: orgID) AND bank_account_id = \(bind: accountID) GROUP BY status
            """).all() {
            counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    static func decode(_ row: any SQLRow) throws -> StoredBankAccount {
        StoredBankAccount(id: try row.decode(column: "id", as: Int64.self), account: try row.decode(column: "account", as: String.self),
                          currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
                          name: try row.decode(column: "name", as: String.self))
    }
}
