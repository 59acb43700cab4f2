import SettleCore
import SQLKit

/// The reference rate tables in effect: the ones shipped with Settle with the user's corrections
/// and additions on top. Rates are public facts shared by every organisation, so nothing here is
/// scoped to an `org_id`.
public struct RateStore: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The shipped tables merged with the stored rows: a stored change on a day the shipped table
    /// has replaces it, and each table is known through the later of the shipped and the stored day.
    public func effectiveRates() async throws -> ReferenceRates {
        var changes: [ReferenceRateTableName: [RateChange]] = [:]
        for row in try await sql.select().columns("table_name", "effective_from", "rate_millionths").from("reference_rates")
            .orderBy("table_name").orderBy("effective_from").all() {
            let name = try Self.tableName(try row.decode(column: "table_name", as: String.self))
            changes[name, default: []].append(RateChange(
                effectiveFrom: try Day(parsing: try row.decode(column: "effective_from", as: String.self)),
                rate: Percentage(millionths: try row.decode(column: "rate_millionths", as: Int.self))))
        }
        var knownThrough: [ReferenceRateTableName: Day] = [:]
        for row in try await sql.select().columns("table_name", "known_through").from("reference_rate_tables").all() {
            let name = try Self.tableName(try row.decode(column: "table_name", as: String.self))
            knownThrough[name] = try Day(parsing: try row.decode(column: "known_through", as: String.self))
        }
        var rates = ReferenceRates.shipped
        for name in ReferenceRateTableName.allCases {
            rates.replace(rates[name].merging(changes[name] ?? [], knownThrough: knownThrough[name]))
        }
        return rates
    }

    /// Stores a change (replacing a stored one for the same day) and, when given, the day up to which
    /// the table is now known complete.
    public func add(_ change: RateChange, to table: ReferenceRateTableName, knownThrough: Day?, now: String) async throws {
        try await sql.insert(into: "reference_rates")
            .columns("table_name", "effective_from", "rate_millionths", "created_at")
            .values(SQLBind(table.rawValue), SQLBind(change.effectiveFrom.description), SQLBind(change.rate.millionths), SQLBind(now))
            .onConflict(with: ["table_name", "effective_from"]) { update in
                update.set(excludedValueOf: "rate_millionths").set(excludedValueOf: "created_at")
            }
            .run()
        guard let knownThrough else { return }
        try await sql.insert(into: "reference_rate_tables")
            .columns("table_name", "known_through", "updated_at")
            .values(SQLBind(table.rawValue), SQLBind(knownThrough.description), SQLBind(now))
            .onConflict(with: ["table_name"]) { update in
                update.set(excludedValueOf: "known_through").set(excludedValueOf: "updated_at")
            }
            .run()
    }

    private static func tableName(_ text: String) throws -> ReferenceRateTableName {
        guard let name = ReferenceRateTableName(rawValue: text) else {
            throw StoreError.corrupt("reference rates stored for an unknown table \"\(text)\"")
        }
        return name
    }
}
