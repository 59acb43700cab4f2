import ArgumentParser
import SettleApp
import SettleCore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports.",
        subcommands: [Aging.self, Metrics.self, Clients.self, Forecast.self, Effectiveness.self, Promises.self])

    struct Aging: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What clients owe by days past due: current, 1-30, 31-60, 61-90, 90+, per currency.",
            discussion: """
                Rows per client (default), per client country (--by country) or per policy stage reached \
                (--by stage: the stage of each invoice's latest action taken; "none" before the first). \
                --invoices KEY lists the invoices behind one row instead (--invoices all: every one).
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Rows per client, country or stage.") var by: AgingGrouping = .client
        @Option(name: .customLong("invoices"), help: "The invoices behind the row with this key (a client code, country or stage; all for every row).")
        var drill: String?

        func run() async throws {
            // --as-of (or SETTLE_TODAY / SETTLE_NOW) sets the clock, so "today" is the report's day.
            if let drill {
                let key = drill == "all" ? nil : drill
                let (invoices, asOf) = try await global.withSettle { settle in
                    (try await settle.agingInvoices(asOf: nil, grouping: by, key: key, limit: .max), settle.today(for: try await settle.organisation()))
                }
                print(Aging.render(invoices, asOf: asOf, format: output.format), terminator: "")
                return
            }
            let report = try await global.withSettle { [by] in try await $0.agingReport(asOf: nil, grouping: by) }
            print(Aging.render(report, format: output.format), terminator: "")
        }

        static let bucketKeys = AgingBucket.allCases.map(\.rawValue)

        static func values(_ amounts: AgingAmounts) -> [String] {
            AgingBucket.allCases.map { amounts[$0].decimalString } + [amounts.total.decimalString]
        }

        static func render(_ report: AgingReport, format: OutputFormat) -> String {
            let keys = bucketKeys + ["total"]
            let keyColumn = report.grouping.rawValue
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
                    "group_by": keyColumn,
                    "totals": report.totals.map { object($0, extra: [:]) },
                    "rows": report.rows.map { object($0.amounts, extra: report.grouping == .client ? [keyColumn: $0.key, "name": $0.name] : [keyColumn: $0.key]) },
                ] as [String: Any])
            case .csv, .table:
                let named = report.grouping == .client
                let rows = report.rows.map { [$0.key] + (named ? [$0.name] : []) + [$0.amounts.currency.code] + values($0.amounts) }
                    + report.totals.map { ["TOTAL"] + (named ? [""] : []) + [$0.currency.code] + values($0) }
                let table = Table(columns: [keyColumn] + (named ? ["name"] : []) + ["currency"] + keys, rows: rows)
                return format == .csv ? table.render(.csv) : "Aging as of \(report.asOf)\n" + table.render(.table)
            }
        }

        static func render(_ invoices: [AgingInvoice], asOf: Day, format: OutputFormat) -> String {
            let columns = ["number", "client", "due_date", "days_past_due", "bucket", "currency", "balance"]
            let rows = invoices.map {
                [$0.number, $0.client, $0.dueDate.description, String($0.daysPastDue), $0.bucket.rawValue, $0.balance.currency.code,
                 $0.balance.decimalString]
            }
            switch format {
            case .json:
                return JSONOutput.string(["as_of": asOf.description,
                                          "invoices": rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }] as [String: Any])
            case .csv: return Table(columns: columns, rows: rows).render(.csv)
            case .table: return "Aging as of \(asOf): invoices\n" + Table(columns: columns, rows: rows).render(.table)
            }
        }
    }
}

extension AgingGrouping: ExpressibleByArgument {}
