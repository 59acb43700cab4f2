import ArgumentParser
import SettleApp
import SettleCore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports.", subcommands: [Aging.self, Clients.self, Forecast.self])

    struct Aging: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What clients owe by days past due: current, 1-30, 31-60, 61-90, 90+, per currency.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            // --as-of (or SETTLE_TODAY / SETTLE_NOW) sets the clock, so "today" is the report's day.
            let report = try await global.withSettle { try await $0.agingReport(asOf: nil) }
            print(Aging.render(report, format: output.format), terminator: "")
        }

        static let bucketKeys = AgingBucket.allCases.map(\.rawValue)

        static func values(_ amounts: AgingAmounts) -> [String] {
            AgingBucket.allCases.map { amounts[$0].decimalString } + [amounts.total.decimalString]
        }

        static func render(_ report: AgingReport, format: OutputFormat) -> String {
            let keys = bucketKeys + ["total"]
            switch format {
            case .json:
                func object(_ amounts: AgingAmounts, extra: [String: String]) -> [String: String] {
                    var object = Dictionary(uniqueKeysWithValues: zip(keys, values(amounts)))
                    object["currency"] = amounts.currency.code
                    object.merge(extra) { $1 }
                    return object
                }
                return JSONOutput.string([
                    "as_of": report.asOf.description,
                    "totals": report.totals.map { object($0, extra: [:]) },
                    "clients": report.clients.map { object($0.amounts, extra: ["client": $0.client, "name": $0.name]) },
                ] as [String: Any])
            case .csv:
                let rows = report.clients.map { [$0.client, $0.name, $0.amounts.currency.code] + values($0.amounts) }
                    + report.totals.map { ["TOTAL", "", $0.currency.code] + values($0) }
                return Table(columns: ["client", "name", "currency"] + keys, rows: rows).render(.csv)
            case .table:
                let rows = report.clients.map { [$0.client, $0.name, $0.amounts.currency.code] + values($0.amounts) }
                    + report.totals.map { ["TOTAL", "", $0.currency.code] + values($0) }
                return "Aging as of \(report.asOf)\n" + Table(columns: ["client", "name", "currency"] + keys, rows: rows).render(.table)
            }
        }
    }
}
