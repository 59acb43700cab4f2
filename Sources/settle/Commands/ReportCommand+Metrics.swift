import ArgumentParser
import Foundation
import SettleApp
import SettleCore

/// A period given as `--from DAY --to DAY`, both included.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The period's first day.", valueName: "YYYY-MM-DD")) var from: String
    @Option(help: ArgumentHelp("The period's last day (entries after it do not count).", valueName: "YYYY-MM-DD")) var to: String

    func validate() throws {
        let (first, last) = try days()
        guard first <= last else { throw ValidationError("--from \(first) is after --to \(last)") }
    }

    func days() throws -> (from: Day, to: Day) {
        (try Day(parsing: from, option: "--from"), try Day(parsing: to, option: "--to"))
    }
}

extension ReportCommand {
    struct Metrics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "DSO (standard and countback), best possible DSO, ADD, CEI, collection rate, days to pay and write-offs of a period, with a 12-month trend.",
            discussion: """
                Per currency, or with --convert everything in the organisation's currency at the rates as of --to \
                (settle fx add). Days and percentages have two decimals, rounded half-up. Every figure's definition \
                is in docs/reports.md.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOptions
        @Flag(help: "Convert every currency into the organisation's at its latest rate on or before --to.") var convert = false
        @OptionGroup var output: FormatOption

        func run() async throws {
            let (from, to) = try period.days()
            let report = try await global.withSettle { try await $0.collectionMetrics(from: from, to: to, convert: convert) }
            print(Self.render(report, format: output.format), terminator: "")
        }

        static let columns = ["currency", "scope", "from", "to", "days", "months", "beginning_ar", "ending_ar", "ending_current_ar",
                              "credit_sales", "collections", "write_offs", "dso", "countback_dso", "best_possible_dso",
                              "average_days_delinquent", "cei", "collection_rate", "invoices_paid", "average_days_to_pay",
                              "paid_on_time"]

        /// The figures of one period in `columns` order after `currency` and `scope`; undefined ones empty.
        static func values(_ metrics: CollectionMetrics) -> [String] {
            let figures = metrics.figures
            let optional = [metrics.standardDSO, metrics.countbackDSO, metrics.bestPossibleDSO, metrics.averageDaysDelinquent,
                            metrics.collectionEffectivenessIndex, metrics.collectionRate]
            return [figures.from.description, figures.to.description, String(metrics.days), String(metrics.months)]
                + [figures.beginningReceivables, figures.endingReceivables, figures.endingCurrentReceivables, figures.creditSales,
                   figures.collections, figures.writeOffs].map(\.decimalString)
                + optional.map { $0?.description ?? "" }
                + [String(figures.settled.invoices), metrics.averageDaysToPay?.description ?? "", metrics.sharePaidOnTime?.description ?? ""]
        }

        static func ratesText(_ report: MetricsReport) -> String {
            report.ratesUsed.map { "\($0.currency) \($0.rate) (from \($0.day))" }.joined(separator: ", ")
        }

        static func render(_ report: MetricsReport, format: OutputFormat) -> String {
            switch format {
            case .json: return json(report)
            case .csv:
                let rates = ratesText(report)
                let rows = report.currencies.flatMap { currency in
                    [[currency.currency.code, "period"] + values(currency.period)]
                        + currency.trend.map { [currency.currency.code, "month"] + values($0) }
                }
                return Table(columns: columns + ["rates"], rows: rows.map { $0 + [rates] }).render(.csv)
            case .table: return table(report)
            }
        }

        static func json(_ report: MetricsReport) -> String {
            func object(_ metrics: CollectionMetrics) -> [String: Any] {
                var object: [String: Any] = [:]
                for (key, value) in zip(columns.dropFirst(2), values(metrics)) {
                    object[key] = value.isEmpty ? NSNull() : value
                }
                object["days"] = metrics.days
                object["months"] = metrics.months
                object["invoices_paid"] = metrics.figures.settled.invoices
                return object
            }
            return JSONOutput.string([
                "from": report.from.description, "to": report.to.description,
                "converted_into": report.convertedInto.map { $0.code as Any } ?? NSNull(),
                "rates": report.ratesUsed.map { ["currency": $0.currency.code, "day": $0.day.description, "rate": $0.rate.description] },
                "currencies": report.currencies.map { currency -> [String: Any] in
                    ["currency": currency.currency.code, "period": object(currency.period), "trend": currency.trend.map(object)]
                },
            ] as [String: Any])
        }

        static func table(_ report: MetricsReport) -> String {
            var text = "Collection metrics from \(report.from) to \(report.to)"
            if let into = report.convertedInto {
                text += ", converted into \(into)" + (report.ratesUsed.isEmpty ? " (nothing to convert)" : " at \(ratesText(report))")
            }
            text += "\n"
            guard !report.currencies.isEmpty else { return text + "Nothing owed, sold or collected in the period or the 12 months before its end.\n" }
            for currency in report.currencies {
                let metrics = currency.period
                let figures = metrics.figures
                let na = "n/a"
                let lines: [(String, String)] = [
                    ("days in period / months (N)", "\(metrics.days) / \(metrics.months)"),
                    ("AR at start (\(figures.from.adding(days: -1)))", figures.beginningReceivables.decimalString),
                    ("AR at end (\(figures.to))", figures.endingReceivables.decimalString),
                    ("current AR at end", figures.endingCurrentReceivables.decimalString),
                    ("credit sales", figures.creditSales.decimalString),
                    ("collections", figures.collections.decimalString),
                    ("write-offs", figures.writeOffs.decimalString),
                    ("DSO (standard)", metrics.standardDSO?.description ?? na),
                    ("DSO (countback)", metrics.countbackDSO.description),
                    ("best possible DSO", metrics.bestPossibleDSO?.description ?? na),
                    ("average days delinquent", metrics.averageDaysDelinquent?.description ?? na),
                    ("CEI %", metrics.collectionEffectivenessIndex?.description ?? na),
                    ("collection rate %", metrics.collectionRate?.description ?? na),
                    ("invoices paid", String(figures.settled.invoices)),
                    ("average days to pay", metrics.averageDaysToPay?.description ?? na),
                    ("paid on time %", metrics.sharePaidOnTime?.description ?? na),
                ]
                text += "\n\(currency.currency)\n" + lines.map { "  " + $0.0.padding(toLength: 30, withPad: " ", startingAt: 0) + $0.1 }
                    .joined(separator: "\n") + "\n\n"
                let rows = currency.trend.map { month -> [String] in
                    let figures = month.figures
                    return [String(figures.from.description.prefix(7)), figures.endingReceivables.decimalString,
                            figures.endingCurrentReceivables.decimalString, figures.creditSales.decimalString,
                            figures.collections.decimalString, figures.writeOffs.decimalString,
                            month.standardDSO?.description ?? na, month.countbackDSO.description, month.bestPossibleDSO?.description ?? na,
                            month.averageDaysDelinquent?.description ?? na, month.collectionEffectivenessIndex?.description ?? na,
                            month.collectionRate?.description ?? na, String(figures.settled.invoices),
                            month.averageDaysToPay?.description ?? na, month.sharePaidOnTime?.description ?? na]
                }
                text += Table(columns: ["month", "ending AR", "current AR", "sales", "collections", "write-offs", "DSO", "countback",
                                        "best DSO", "ADD", "CEI %", "collected %", "paid", "days to pay", "on time %"],
                              rows: rows).render(.table)
            }
            return text
        }
    }
}
