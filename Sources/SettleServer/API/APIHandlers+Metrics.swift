import SettleApp
import SettleCore

extension APIHandlers {
    /// The period of a report: both days given, in order; each problem named by its parameter.
    func period(from: String, to: String) throws -> (Day, Day) {
        var check = FieldCheck()
        let start = check.value("from") { try Day(parsing: from) }
        let end = check.value("to") { try Day(parsing: to) }
        if let start, let end, start > end { check.fail("from", "is after to") }
        try check.done()
        guard let start, let end else { throw APIError.invalid([FieldProblem(field: "from", message: "is missing")]) }
        return (start, end)
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        let (settle, _) = try settle(.read)
        let (from, to) = try period(from: input.query.from, to: input.query.to)
        let report = try await settle.collectionMetrics(from: from, to: to, convert: input.query.convert ?? false)
        func figures(_ metrics: CollectionMetrics) -> Components.Schemas.PeriodMetrics {
            let figures = metrics.figures
            return .init(from: figures.from.description, to: figures.to.description, days: metrics.days, months: metrics.months,
                         beginningAr: figures.beginningReceivables.decimalString, endingAr: figures.endingReceivables.decimalString,
                         endingCurrentAr: figures.endingCurrentReceivables.decimalString, creditSales: figures.creditSales.decimalString,
                         collections: figures.collections.decimalString, writeOffs: figures.writeOffs.decimalString,
                         dso: metrics.standardDSO?.description, countbackDso: metrics.countbackDSO.description,
                         bestPossibleDso: metrics.bestPossibleDSO?.description,
                         averageDaysDelinquent: metrics.averageDaysDelinquent?.description,
                         cei: metrics.collectionEffectivenessIndex?.description, collectionRate: metrics.collectionRate?.description,
                         invoicesPaid: figures.settled.invoices, averageDaysToPay: metrics.averageDaysToPay?.description,
                         paidOnTime: metrics.sharePaidOnTime?.description)
        }
        return .ok(.init(body: .json(.init(
            from: report.from.description, to: report.to.description, convertedInto: report.convertedInto?.code,
            rates: report.ratesUsed.map { .init(currency: $0.currency.code, day: $0.day.description, rate: $0.rate.description) },
            currencies: report.currencies.map { .init(currency: $0.currency.code, period: figures($0.period), trend: $0.trend.map(figures)) }))))
    }

    func getPromiseReport(_ input: Operations.GetPromiseReport.Input) async throws -> Operations.GetPromiseReport.Output {
        let (settle, _) = try settle(.read)
        let (from, to) = try period(from: input.query.from, to: input.query.to)
        let report = try await settle.promiseReport(from: from, to: to)
        func amounts(_ tally: PromiseTally) -> [Components.Schemas.Money] {
            tally.amounts.map { .init(amount: $0.decimalString, currency: $0.currency.code) }
        }
        return .ok(.init(body: .json(.init(
            from: report.from.description, to: report.to.description,
            made: .init(count: report.made.count, amounts: amounts(report.made)),
            byStanding: report.byStanding.map {
                .init(standing: .init(rawValue: $0.standing.rawValue) ?? .open, count: $0.tally.count, amounts: amounts($0.tally))
            },
            keptRate: report.keptRate?.description,
            disputesOpened: report.disputesOpened.map { .init(name: $0.name, count: $0.count) },
            disputesResolved: report.disputesResolved.map { .init(name: $0.name, count: $0.count) },
            disputesOpenAtEnd: report.disputesOpenAtEnd,
            averageDaysToResolve: report.averageDaysToResolve?.description,
            medianDaysToResolve: report.medianDaysToResolve?.description))))
    }
}
