import ArgumentParser
import SettleApp
import SettleCore

extension ReportCommand {
    struct Effectiveness: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which reminders work: per stage, channel, tone and template, invoices paid within 7/14/30 days and the amount recovered.",
            discussion: """
                An invoice reaches a stage on the first day an action of it is taken (not skipped, not waiting for \\
                approval) between --from and --to (default: the year to today). It is paid within N days when its \\
                balance reached zero at most N days after. Recovered: paid on it in the 30 days after.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: ArgumentHelp("First day of the period (default: a year before today).", valueName: "DAY")) var from: String?
        @Option(help: ArgumentHelp("Last day of the period (default: today).", valueName: "DAY")) var to: String?
        @Option(help: "One dimension only: stage, channel, tone or template (default: all four).")
        var by: StageEffectiveness.Dimension?

        func run() async throws {
            let from = try from.map { try Day(parsing: $0, option: "--from") }
            let to = try to.map { try Day(parsing: $0, option: "--to") }
            let dimensions = by.map { [$0] } ?? StageEffectiveness.Dimension.allCases
            let reports = try await global.withSettle { settle in
                let today = settle.today(for: try await settle.organisation())
                let end = to ?? today
                let start = from ?? end.adding(days: -365)
                var reports: [StageEffectiveness] = []
                for dimension in dimensions { reports.append(try await settle.effectivenessReport(dimension, from: start, to: end)) }
                return reports
            }
            print(Self.render(reports, format: output.format), terminator: "")
        }

        static let columns = ["reached"] + StageEffectiveness.windows.flatMap { ["paid_\($0)d", "paid_\($0)d_pct"] }
            + ["median_days_to_pay", "recovered_30d"]

        static func values(_ row: StageEffectiveness.Row) -> [String] {
            var values = [String(row.reached)]
            for (paid, share) in zip(row.paidWithin, row.sharePaidWithin) { values += [String(paid), String(share)] }
            let median: String = row.medianDaysToPay.map { String($0) } ?? ""
            let recovered: [String] = row.recovered.map { $0.decimalString + " " + $0.currency.code }
            return values + [median, recovered.joined(separator: "; ")]
        }

        static func render(_ reports: [StageEffectiveness], format: OutputFormat) -> String {
            guard let first = reports.first else { return "" }
            switch format {
            case .json:
                var object: [String: Any] = ["from": first.from.description, "to": first.to.description, "as_of": first.asOf.description]
                for report in reports {
                    object[report.dimension.rawValue] = report.rows.map { row -> [String: Any] in
                        ["key": row.key, "reached": row.reached,
                         "paid_within": Dictionary(uniqueKeysWithValues: zip(StageEffectiveness.windows.map { "\($0)d" }, row.paidWithin)),
                         "median_days_to_pay": row.medianDaysToPay as Any,
                         "recovered": row.recovered.map { ["currency": $0.currency.code, "amount": $0.decimalString] }]
                    }
                }
                return JSONOutput.string(object)
            case .csv:
                let rows = reports.flatMap { report in report.rows.map { [report.dimension.rawValue, $0.key] + values($0) } }
                return Table(columns: ["dimension", "key"] + columns, rows: rows).render(.csv)
            case .table:
                var text = "Collection effectiveness: reached \(first.from) to \(first.to), payments to \(first.asOf)\n"
                for report in reports {
                    text += "\n" + Table(columns: [report.dimension.rawValue] + columns, rows: report.rows.map { [$0.key] + values($0) }).render(.table)
                }
                return text
            }
        }
    }
}

extension StageEffectiveness.Dimension: ExpressibleByArgument {}

extension Day {
    /// A day given to an option, or an error that names the option.
    init(parsing text: String, option: String) throws {
        do { self = try Day(parsing: text) } catch { throw ValidationError("\(option): \(error)") }
    }
}
