import ArgumentParser
import Foundation
import SettleApp
import SettleCore

extension ReportCommand {
    struct Clients: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How each client pays: days late, share on time, trend, promises, disputes, exposure and risk score.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this client (with its risk factors).") var client: String?

        func run() async throws {
            // --as-of (or SETTLE_TODAY / SETTLE_NOW) sets the clock, so "today" is the report's day.
            let report = try await global.withSettle { try await $0.clientBehaviour(client: client) }
            print(Clients.render(report, format: output.format, factors: client != nil), terminator: "")
        }

        static func render(_ report: ClientBehaviourReport, format: OutputFormat, factors: Bool) -> String {
            switch format {
            case .json:
                return JSONOutput.string(["as_of": report.asOf.description, "clients": report.clients.map(json)] as [String: Any])
            case .csv:
                let columns = ["client", "name", "invoices_paid", "average_days_late", "median_days_late", "paid_on_time_percent",
                               "trend", "recent_days_late", "previous_days_late", "promises_kept", "promises_partly_kept",
                               "promises_broken", "promises_open", "disputes_opened", "disputes_open", "currency", "open", "overdue",
                               "risk_score", "risk_level"]
                return Table(columns: columns, rows: report.clients.flatMap { client in
                    client.exposure.map { position in
                        [client.client, client.name, String(client.invoicesPaid), BehaviourText.days(client.averageDaysLate),
                         client.medianDaysLate.map(String.init) ?? "", BehaviourText.percentNumber(client.sharePaidOnTime),
                         client.trend.direction.rawValue, BehaviourText.days(client.trend.recentDaysLate),
                         BehaviourText.days(client.trend.previousDaysLate), String(client.promises.kept),
                         String(client.promises.partlyKept), String(client.promises.broken), String(client.promises.open),
                         String(client.disputes.opened), String(client.disputes.open), position.currency.code,
                         position.open.decimalString, position.overdue.decimalString, String(client.risk.score), client.risk.level.rawValue]
                    }
                }).render(.csv)
            case .table:
                let columns = ["client", "name", "paid", "avg_late", "median_late", "on_time", "trend", "promises", "disputes",
                               "currency", "open", "overdue", "risk"]
                var text = "Client payment behaviour as of \(report.asOf) (days late weighted by amount)\n"
                text += Table(columns: columns, rows: report.clients.flatMap { client in
                    client.exposure.map { position in
                        [client.client, client.name, String(client.invoicesPaid), BehaviourText.days(client.averageDaysLate, empty: "-"),
                         client.medianDaysLate.map(String.init) ?? "-", BehaviourText.percent(client.sharePaidOnTime),
                         BehaviourText.trend(client.trend), BehaviourText.promises(client.promises),
                         BehaviourText.disputes(client.disputes), position.currency.code, position.open.decimalString,
                         position.overdue.decimalString, BehaviourText.risk(client.risk)]
                    }
                }).render(.table)
                if factors {
                    for client in report.clients {
                        text += "\nRisk score of \(client.client): \(client.risk.score) of 100 (\(client.risk.level.rawValue))\n"
                        text += Table(columns: ["factor", "value", "weight", "points"], rows: client.risk.factors.map {
                            [$0.kind.rawValue, $0.value, String($0.weight), String($0.points)]
                        }).render(.table)
                    }
                }
                return text
            }
        }

        static func json(_ client: ClientBehaviour) -> [String: Any] {
            [
                "client": client.client, "name": client.name, "invoices_paid": client.invoicesPaid,
                "invoices_issued": client.invoicesIssued, "tenure_days": client.tenureDays,
                "average_days_late": BehaviourText.number(client.averageDaysLate),
                "median_days_late": client.medianDaysLate.map { $0 as Any } ?? NSNull(),
                "paid_on_time_percent": BehaviourText.number(client.sharePaidOnTime.map { $0 * 100 }),
                "trend": [
                    "direction": client.trend.direction.rawValue,
                    "recent_days_late": BehaviourText.number(client.trend.recentDaysLate),
                    "previous_days_late": BehaviourText.number(client.trend.previousDaysLate),
                    "recent_invoices": client.trend.recentInvoices, "previous_invoices": client.trend.previousInvoices,
                ] as [String: Any],
                "promises": ["kept": client.promises.kept, "partly_kept": client.promises.partlyKept,
                             "broken": client.promises.broken, "open": client.promises.open],
                "disputes": ["opened": client.disputes.opened, "open": client.disputes.open],
                "exposure": client.exposure.map {
                    ["currency": $0.currency.code, "billed": $0.billed.decimalString, "paid": $0.paid.decimalString,
                     "open": $0.open.decimalString, "overdue": $0.overdue.decimalString]
                },
                "habit": client.habit.map {
                    ["mean_delay_days": BehaviourText.number($0.meanDelayDays), "spread_days": BehaviourText.number($0.spreadDays),
                     "invoices": $0.invoices] as [String: Any]
                } ?? NSNull(),
                "risk": BehaviourText.json(client.risk),
            ]
        }
    }
}

/// How behaviour figures and risk scores read in the command line's output.
enum BehaviourText {
    /// Days with one decimal ("7.5"), `empty` when unknown.
    static func days(_ value: Double?, empty: String = "") -> String {
        value?.oneDecimal ?? empty
    }

    /// A share as a percentage with one decimal ("62.5%"), "-" when unknown.
    static func percent(_ share: Double?) -> String {
        share.map { days($0 * 100) + "%" } ?? "-"
    }

    static func percentNumber(_ share: Double?) -> String {
        share.map { days($0 * 100) } ?? ""
    }

    /// A JSON number rounded to one decimal, or null.
    static func number(_ value: Double?) -> Any {
        value.map { ($0 * 10).rounded(.toNearestOrAwayFromZero) / 10 } ?? NSNull()
    }

    static func trend(_ trend: PaymentTrend) -> String {
        guard let recent = trend.recentDaysLate, let previous = trend.previousDaysLate else { return trend.direction.rawValue }
        return "\(trend.direction.rawValue) (\(days(previous)) -> \(days(recent)))"
    }

    static func promises(_ promises: PromiseCounts) -> String {
        let parts = [(promises.kept, "kept"), (promises.partlyKept, "partly kept"), (promises.broken, "broken"), (promises.open, "open")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }

    static func disputes(_ disputes: DisputeCounts) -> String {
        disputes.opened == 0 ? "-" : "\(disputes.opened) (\(disputes.open) open)"
    }

    /// "72 high".
    static func risk(_ risk: RiskScore?) -> String {
        risk.map { "\($0.score) \($0.level.rawValue)" } ?? "-"
    }

    /// The factors that gave points: "days_late 18/25, share_late 12/20".
    static func factors(_ risk: RiskScore) -> String {
        let parts = risk.factors.filter { $0.points > 0 }.map { "\($0.kind.rawValue) \($0.points)/\($0.weight)" }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }

    static func json(_ risk: RiskScore) -> [String: Any] {
        ["score": risk.score, "level": risk.level.rawValue, "factors": risk.factors.map {
            ["factor": $0.kind.rawValue, "value": $0.value, "weight": $0.weight, "points": $0.points] as [String: Any]
        }]
    }
}
