import SettleCore
import SettleStore

extension Settle {
    /// The 13-week cash forecast as of a day (the organisation's today when nil) from the open
    /// invoices, the promises open and the plans active on that day; nothing dated after it counts.
    public func cashForecast(asOf day: Day? = nil) async throws -> CashForecast {
        let org = try await organisation()
        let day = day ?? today(for: org)
        let inputs = try await forecastInputs(orgID: org.id, asOf: day)
        return try CashForecast(asOf: day, receipts: inputs.receipts, settled: inputs.settled)
    }

    /// The forecast as of a past day (by default 13 weeks before today, the latest day whose 13
    /// weeks have all passed) against the money that arrived on the invoices it covered, beside
    /// the naive forecast (payment on the due day).
    public func forecastBacktest(from day: Day? = nil) async throws -> ForecastBacktest {
        let org = try await organisation()
        let today = today(for: org)
        let horizon = 7 * CashForecast.weekCount
        let latest = today.adding(days: -horizon)
        let from = day ?? latest
        guard from <= latest else {
            throw InputError("a backtest needs the \(CashForecast.weekCount) weeks after --from to have passed: "
                             + "--from \(from) ends on \(from.adding(days: horizon)), after today (\(today)); the latest is \(latest)")
        }
        let inputs = try await forecastInputs(orgID: org.id, asOf: from)
        let forecast = try CashForecast(asOf: from, receipts: inputs.receipts, settled: inputs.settled)
        let received = try await ForecastQuery(database.sql, orgID: org.id).received(after: from, through: from.adding(days: horizon))
        return ForecastBacktest(forecast: forecast, naive: CashForecast(naiveAsOf: from, receipts: inputs.receipts), received: received)
    }

    /// What the forecast as of a day is made from, all read as of that day.
    private func forecastInputs(orgID: Int64, asOf day: Day) async throws
        -> (receipts: [ExpectedReceipt], settled: [String: [SettledInvoices]]) {
        let history = try await PaymentHistoryQuery(database.sql, orgID: orgID).records(asOf: day, openByDueDay: true)
        let settled = Dictionary(history.records.map { ($0.client, $0.settled) }) { first, _ in first }
        var receipts = history.open.filter { !$0.scheduled }.map {
            ExpectedReceipt(kind: .invoices, client: $0.client, amount: $0.balance, dueDay: $0.dueDay, disputed: $0.disputed)
        }
        let schedules = ForecastQuery(database.sql, orgID: orgID)
        for promise in try await schedules.promises(asOf: day) {
            receipts += ExpectedReceipt.promised(client: promise.client, balance: promise.balance, dueDay: promise.dueDay,
                                                 promisedDay: promise.promisedDay, amount: promise.amount, disputed: promise.disputed)
        }
        for plan in try await schedules.plans(asOf: day) {
            receipts += ExpectedReceipt.instalments(client: plan.client, remaining: plan.remaining, instalments: plan.instalments)
        }
        return (receipts, settled)
    }
}
