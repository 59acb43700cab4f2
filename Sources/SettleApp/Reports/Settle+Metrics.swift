import SettleCore
import SettleStore

extension Settle {
    /// Collection metrics of a period (`from` and `to` included) per currency, or with `convert` all
    /// currencies converted into the organisation's at their rates as of `to`; each with the twelve calendar
    /// months ending at `to`. Entries dated after `to` do not count. Fails naming the currency, the day and
    /// `settle fx add` when a rate is missing.
    public func collectionMetrics(from: Day, to: Day, convert: Bool) async throws -> MetricsReport {
        guard from <= to else { throw InputError("the period starts on \(from), after it ends on \(to)") }
        let org = try await organisation()
        let figures = try await MetricsQuery(database.sql, orgID: org.id).figures(from: from, to: to)
        guard convert else { return try MetricsReport(from: from, to: to, figures: figures) }
        return try MetricsReport(from: from, to: to, figures: figures, convertedWith: try await exchangeRates())
    }

    /// The organisation's exchange rates into its currency.
    public func exchangeRates() async throws -> ExchangeRates {
        let org = try await organisation()
        return ExchangeRates(into: org.organisation.currency, rates: try await ExchangeRateStore(database.sql, orgID: org.id).all())
    }

    /// Stores the rate of `currency` (units of the organisation's currency for one unit of it) from `day` on,
    /// replacing the rate stored for that day. Returns the rate as stored and whether one was replaced.
    public func addExchangeRate(currency code: String, day: String, rate text: String) async throws
        -> (rate: DatedExchangeRate, replaced: Bool) {
        let org = try await organisation()
        let currency = try Currency(code: code)
        guard currency != org.organisation.currency else { throw ExchangeRateError.ownCurrency(currency.code) }
        let rate = DatedExchangeRate(currency: currency, day: try Day(parsing: day), rate: try ExchangeRate(parsing: text))
        let replaced = try await ExchangeRateStore(database.sql, orgID: org.id).add(rate, now: timestamp)
        return (rate, replaced)
    }
}
