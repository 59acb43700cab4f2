import SettleApp
import SettleCore

extension APIHandlers {
    func getAging(_ input: Operations.GetAging.Input) async throws -> Operations.GetAging.Output {
        let (settle, _) = try settle(.read)
        var check = FieldCheck()
        let asOf = input.query.asOf.flatMap { text in check.value("as_of") { try Day(parsing: text) } }
        try check.done()
        let report = try await settle.agingReport(asOf: asOf)
        func row(_ client: String, _ amounts: AgingAmounts) -> Components.Schemas.AgingRow {
            .init(client: client, currency: amounts.currency.code, current: amounts[.current].decimalString,
                  days130: amounts[.days1To30].decimalString, days3160: amounts[.days31To60].decimalString,
                  days6190: amounts[.days61To90].decimalString, daysOver90: amounts[.over90].decimalString,
                  total: amounts.total.decimalString)
        }
        return .ok(.init(body: .json(.init(asOf: report.asOf.description, rows: report.clients.map { row($0.client, $0.amounts) },
                                           totals: report.totals.map { row("", $0) }))))
    }
}
