import SettleApp
import SettleCore

extension APIHandlers {
    static func risk(_ risk: RiskScore) -> Components.Schemas.Risk {
        .init(score: risk.score, level: .init(rawValue: risk.level.rawValue) ?? .low,
              factors: risk.factors.map { .init(kind: $0.kind.rawValue, value: $0.value, weight: $0.weight, points: $0.points) })
    }

    func getClientBehaviour(_ input: Operations.GetClientBehaviour.Input) async throws -> Operations.GetClientBehaviour.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let asOf = input.query.asOf.flatMap { text in check.value("as_of") { try Day(parsing: text) } }
        try check.done()
        let report = try await settle.clientBehaviour(asOf: asOf, client: input.query.client)
        return .ok(.init(body: .json(.init(asOf: report.asOf.description, items: report.clients.map { client in
            .init(client: client.client, name: client.name, invoicesPaid: client.invoicesPaid,
                  averageDaysLate: client.averageDaysLate?.oneDecimal, medianDaysLate: client.medianDaysLate,
                  sharePaidOnTime: client.sharePaidOnTime.map { ($0 * 100).oneDecimal },
                  trend: .init(rawValue: client.trend.direction.rawValue) ?? .unknown,
                  promisesKept: client.promises.kept, promisesBroken: client.promises.broken, disputes: client.disputes.opened,
                  exposure: client.exposure.map { .init(currency: $0.currency.code, open: $0.open.decimalString, overdue: $0.overdue.decimalString) },
                  risk: Self.risk(client.risk))
        }))))
    }

    func getForecast(_ input: Operations.GetForecast.Input) async throws -> Operations.GetForecast.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let asOf = input.query.asOf.flatMap { text in check.value("as_of") { try Day(parsing: text) } }
        try check.done()
        let forecast = try await settle.cashForecast(asOf: asOf)
        return .ok(.init(body: .json(.init(
            asOf: forecast.asOf.description,
            weeks: forecast.weeks.map { week in
                .init(number: week.number, from: week.from.description, to: week.to.description, amounts: week.amounts.map {
                    .init(currency: $0.currency.code, low: $0.low.decimalString, expected: $0.expected.decimalString, high: $0.high.decimalString)
                })
            },
            totals: forecast.totals.map { .init(currency: $0.currency.code, open: $0.open.decimalString, unscheduled: $0.unscheduled.decimalString) }))))
    }

    func getForecastBacktest(_ input: Operations.GetForecastBacktest.Input) async throws -> Operations.GetForecastBacktest.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let from = input.query.from.flatMap { text in check.value("from") { try Day(parsing: text) } }
        try check.done()
        let backtest: ForecastBacktest
        do { backtest = try await settle.forecastBacktest(from: from) } catch let error as InputError {
            throw APIError.invalid([FieldProblem(field: "from", message: error.description)])
        }
        return .ok(.init(body: .json(.init(
            asOf: backtest.asOf.description,
            weeks: backtest.weeks.map { week in
                .init(number: week.number, from: week.from.description, to: week.to.description, currency: week.currency.code,
                      actual: week.actual.decimalString, low: week.low.decimalString, expected: week.expected.decimalString,
                      high: week.high.decimalString, naive: week.naive.decimalString, inside: week.isInside)
            },
            accuracy: backtest.accuracy.map {
                .init(currency: $0.currency.code, actual: $0.actual.decimalString, expected: $0.expected.decimalString,
                      forecastWape: $0.forecastError.map { ($0 * 100).oneDecimal }, naiveWape: $0.naiveError.map { ($0 * 100).oneDecimal },
                      weeksInside: $0.weeksInside, weeks: $0.weeks, bandWidth: $0.bandWidth.map { ($0 * 100).oneDecimal })
            }))))
    }
}
