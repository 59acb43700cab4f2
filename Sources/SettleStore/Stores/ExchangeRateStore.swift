import SettleCore
import SQLKit

/// An organisation's exchange rates into its own currency. Unlike the reference rate tables, these are
/// the organisation's own choice (its bank's rate, its accountant's month-end rate), so every row carries `org_id`.
public struct ExchangeRateStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Stores the rate of a currency from a day on, replacing the one stored for that day; returns whether one was replaced.
    @discardableResult
    public func add(_ rate: DatedExchangeRate, now: String) async throws -> Bool {
        let existing = try await sql.select().column("id").from("exchange_rates").where("org_id", .equal, SQLBind(orgID))
            .where("currency", .equal, SQLBind(rate.currency.code)).where("day", .equal, SQLBind(rate.day.description)).first()
        try await sql.insert(into: "exchange_rates")
            .columns("org_id", "currency", "day", "rate", "created_at")
            .values(SQLBind(orgID), SQLBind(rate.currency.code), SQLBind(rate.day.description), SQLBind(rate.rate.description), SQLBind(now))
            .onConflict(with: ["org_id", "currency", "day"]) { update in
                update.set(excludedValueOf: "rate").set(excludedValueOf: "created_at")
            }
            .run()
        return existing != nil
    }

    /// Every rate, by currency then day.
    public func all() async throws -> [DatedExchangeRate] {
        try await sql.select().columns("currency", "day", "rate").from("exchange_rates").where("org_id", .equal, SQLBind(orgID))
            .orderBy("currency").orderBy("day").all().map { row in
                let text = try row.decode(column: "rate", as: String.self)
                guard let rate = try? ExchangeRate(parsing: text) else {
                    throw StoreError.corrupt("an exchange rate stored as \"\(text)\"")
                }
                return DatedExchangeRate(currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
                                         day: try Day(parsing: try row.decode(column: "day", as: String.self)), rate: rate)
            }
    }
}
