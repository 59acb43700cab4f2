import SettleApp
import SettleCore

extension APIHandlers {
    func getAging(_ input: Operations.GetAging.Input) async throws -> Operations.GetAging.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let asOf = input.query.asOf.flatMap { text in check.value("as_of") { try Day(parsing: text) } }
        try check.done()
        let grouping = AgingGrouping(rawValue: input.query.groupBy?.rawValue ?? "client") ?? .client
        let report = try await settle.agingReport(asOf: asOf, grouping: grouping)
        func row(_ key: String, _ name: String?, _ amounts: AgingAmounts) -> Components.Schemas.AgingRow {
            .init(key: key, client: grouping == .client && !key.isEmpty ? key : nil, name: name,
                  currency: amounts.currency.code, current: amounts[.current].decimalString,
                  days130: amounts[.days1To30].decimalString, days3160: amounts[.days31To60].decimalString,
                  days6190: amounts[.days61To90].decimalString, daysOver90: amounts[.over90].decimalString,
                  total: amounts.total.decimalString)
        }
        return .ok(.init(body: .json(.init(
            asOf: report.asOf.description, groupBy: .init(rawValue: grouping.rawValue) ?? .client,
            rows: report.rows.map { row($0.key, grouping == .client ? $0.name : nil, $0.amounts) },
            totals: report.totals.map { row("", nil, $0) }))))
    }

    func getAgingInvoices(_ input: Operations.GetAgingInvoices.Input) async throws -> Operations.GetAgingInvoices.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let asOf = input.query.asOf.flatMap { text in check.value("as_of") { try Day(parsing: text) } }
        let limit = check.value("limit") { try pageLimit(input.query.limit) } ?? 100
        try check.done()
        let today = settle.today(for: try await settle.organisation())
        let day = asOf ?? today
        let grouping = AgingGrouping(rawValue: input.query.groupBy?.rawValue ?? "client") ?? .client
        let invoices = try await settle.agingInvoices(asOf: day, grouping: grouping, key: input.query.key, limit: limit)
        return .ok(.init(body: .json(.init(asOf: day.description, items: invoices.map {
            .init(number: $0.number, client: $0.client, dueDate: $0.dueDate.description, daysPastDue: $0.daysPastDue,
                  bucket: .init(rawValue: $0.bucket.rawValue) ?? .current, balance: $0.balance.decimalString, currency: $0.balance.currency.code)
        }))))
    }

    func getEffectiveness(_ input: Operations.GetEffectiveness.Input) async throws -> Operations.GetEffectiveness.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let from = input.query.from.flatMap { text in check.value("from") { try Day(parsing: text) } }
        let to = input.query.to.flatMap { text in check.value("to") { try Day(parsing: text) } }
        if let from, let to, from > to { check.fail("from", "is after to") }
        try check.done()
        let today = settle.today(for: try await settle.organisation())
        let end = to ?? today
        let dimension = StageEffectiveness.Dimension(rawValue: input.query.by?.rawValue ?? "stage") ?? .stage
        let report = try await settle.effectivenessReport(dimension, from: from ?? end.adding(days: -365), to: end)
        return .ok(.init(body: .json(.init(
            by: .init(rawValue: dimension.rawValue) ?? .stage, from: report.from.description, to: report.to.description,
            asOf: report.asOf.description,
            rows: report.rows.map { row in
                .init(key: row.key, reached: row.reached, paidWithin7Days: row.paidWithin[0], paidWithin14Days: row.paidWithin[1],
                      paidWithin30Days: row.paidWithin[2], medianDaysToPay: row.medianDaysToPay,
                      recovered: row.recovered.map { .init(amount: $0.decimalString, currency: $0.currency.code) })
            }))))
    }
}
