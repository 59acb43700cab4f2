import ArgumentParser
import Foundation
import SettleApp
import SettleCore

extension ReportCommand {
    struct Promises: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Promises to pay made in a period and how they went; disputes by reason and outcome, and days to resolve them.",
            discussion: """
                Promises made from --from to --to, as they stood on --to: open, kept, partly kept, broken or cancelled \
                (replaced by a later promise), with their amounts (a promise of the whole balance counts the balance on \
                the day it was made). Disputes opened in the period by reason, resolved in it by outcome with the \
                average and median days from opening to resolution, and those still open on --to.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let (from, to) = try period.days()
            let report = try await global.withSettle { try await $0.promiseReport(from: from, to: to) }
            print(Self.render(report, format: output.format), terminator: "")
        }

        static func amounts(_ tally: PromiseTally) -> String {
            tally.amounts.map(\.description).joined(separator: "; ")
        }

        /// Every line of the report: section, name, count, amounts, value.
        static func rows(_ report: PromiseReport) -> [[String]] {
            var rows = [["promises", "made", String(report.made.count), amounts(report.made), ""]]
            rows += report.byStanding.map { ["promises", $0.standing.rawValue, String($0.tally.count), amounts($0.tally), ""] }
            rows.append(["promises", "kept_rate", "", "", report.keptRate?.description ?? ""])
            rows += report.disputesOpened.map { ["disputes_opened", $0.name, String($0.count), "", ""] }
            rows += report.disputesResolved.map { ["disputes_resolved", $0.name, String($0.count), "", ""] }
            rows.append(["disputes", "open_at_end", String(report.disputesOpenAtEnd), "", ""])
            rows.append(["disputes", "average_days_to_resolve", "", "", report.averageDaysToResolve?.description ?? ""])
            rows.append(["disputes", "median_days_to_resolve", "", "", report.medianDaysToResolve?.description ?? ""])
            return rows
        }

        static func render(_ report: PromiseReport, format: OutputFormat) -> String {
            switch format {
            case .csv:
                return Table(columns: ["section", "name", "count", "amounts", "value"], rows: rows(report)).render(.csv)
            case .json:
                func tally(_ tally: PromiseTally) -> [String: Any] {
                    ["count": tally.count,
                     "amounts": tally.amounts.map { ["currency": $0.currency.code, "amount": $0.decimalString] }]
                }
                var promises: [String: Any] = ["made": tally(report.made), "kept_rate": report.keptRate?.description ?? NSNull()]
                for entry in report.byStanding { promises[entry.standing.rawValue] = tally(entry.tally) }
                return JSONOutput.string([
                    "from": report.from.description, "to": report.to.description, "promises": promises,
                    "disputes": [
                        "opened": Dictionary(uniqueKeysWithValues: report.disputesOpened.map { ($0.name, $0.count) }),
                        "resolved": Dictionary(uniqueKeysWithValues: report.disputesResolved.map { ($0.name, $0.count) }),
                        "open_at_end": report.disputesOpenAtEnd,
                        "average_days_to_resolve": report.averageDaysToResolve?.description ?? NSNull(),
                        "median_days_to_resolve": report.medianDaysToResolve?.description ?? NSNull(),
                    ] as [String: Any],
                ] as [String: Any])
            case .table:
                let na = "n/a"
                var text = "Promises and disputes from \(report.from) to \(report.to)\n\n"
                let promiseRows = [["made", String(report.made.count), amounts(report.made)]]
                    + report.byStanding.map { [$0.standing.rawValue.replacingOccurrences(of: "_", with: " "), String($0.tally.count), amounts($0.tally)] }
                text += Table(columns: ["promises", "count", "amount"], rows: promiseRows).render(.table)
                text += "kept in full: \(report.keptRate.map { "\($0) % of those judged" } ?? na)\n\n"
                text += Table(columns: ["disputes opened", "count"],
                              rows: report.disputesOpened.map { [$0.name.replacingOccurrences(of: "_", with: " "), String($0.count)] }).render(.table)
                text += "\n" + Table(columns: ["disputes resolved", "count"], rows: report.disputesResolved.map { [$0.name, String($0.count)] })
                    .render(.table)
                text += "\nopen on \(report.to): \(report.disputesOpenAtEnd)\n"
                text += "days to resolve: average \(report.averageDaysToResolve?.description ?? na), "
                    + "median \(report.medianDaysToResolve?.description ?? na)\n"
                return text
            }
        }
    }
}
