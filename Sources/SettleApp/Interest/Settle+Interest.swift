import SettleCore
import SettleStore

extension Settle {
    /// The reference rate tables in effect (shipped, with the corrections added here), all or one by name.
    public func rates(table: String? = nil) async throws -> [ReferenceRateTable] {
        let rates = try await effectiveRates()
        guard let table else { return rates.all }
        return [rates[try ReferenceRateTableName(parsing: table)]]
    }

    /// Adds a change to a reference rate table, or corrects the change on that day, and optionally moves
    /// the day up to which the table is known complete. Returns the table as it is now in effect.
    ///
    /// A change must not be dated after the day the table is known through (the new one when given):
    /// a table known through June with a change in September would contradict itself.
    public func addRate(table name: String, effectiveFrom: String, rate: String, knownThrough: String?) async throws -> ReferenceRateTable {
        try await Migrator(database: database).requireCurrent()
        let table = try ReferenceRateTableName(parsing: name)
        let change = RateChange(effectiveFrom: try Day(parsing: effectiveFrom), rate: try Percentage(parsing: rate))
        guard abs(change.rate.millionths) <= 1_000_000 else {
            throw InputError("a reference rate of \(change.rate.rateString) % is not plausible (expected -100 to 100 % a year)")
        }
        let newKnownThrough = try knownThrough.map { try Day(parsing: $0) }
        let now = timestamp
        return try await database.transaction { sql in
            let store = RateStore(sql)
            let current = try await store.effectiveRates()[table]
            if let newKnownThrough, newKnownThrough < current.knownThrough {
                throw InputError("\(table) is already known through \(current.knownThrough); --known-through can only move that day later")
            }
            let knownThrough = newKnownThrough ?? current.knownThrough
            guard change.effectiveFrom <= knownThrough else {
                throw InputError("the change on \(change.effectiveFrom) is after the day \(table) is known through (\(knownThrough)); "
                    + "add --known-through DAY (on or after \(change.effectiveFrom)) to say up to which day the table is complete")
            }
            try await store.add(change, to: table, knownThrough: newKnownThrough, now: now)
            return try await store.effectiveRates()[table]
        }
    }

    /// Interest and fixed compensation on a debt, with the reference rates in effect here; rates used
    /// past the day their table is known complete come back as `warnings`.
    public func calculateInterest(principal: Money, due: Day, until: Day, regime: InterestRegime,
                                  debtor: ClientKind) async throws -> InterestCalculation {
        try InterestCalculator(rates: try await effectiveRates())
            .calculate(principal: principal, due: due, until: until, regime: regime, debtor: debtor)
    }

    /// The shipped tables with the stored corrections. Calculating needs no organisation: a database
    /// without the rates schema cannot hold corrections yet, so its effective tables are the shipped ones
    /// (a database part-way through its migrations may already hold some, and they are used when readable).
    func effectiveRates() async throws -> ReferenceRates {
        do {
            try await Migrator(database: database).requireCurrent()
        } catch StoreError.notMigrated {
            return (try? await RateStore(database.sql).effectiveRates()) ?? .shipped
        }
        return try await RateStore(database.sql).effectiveRates()
    }
}
