import ArgumentParser
import SettleApp
import SettleCore

extension ReportCommand {
    struct Forecast: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "13-week cash forecast per currency (low, expected, high) from open invoices, promises and plans; "
                + "--backtest replays it from a past day against what arrived.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Flag(help: "Replay the forecast made as of a past day against the money received in the 13 weeks after it.")
        var backtest = false
        @Option(help: "With --backtest: the day the forecast is made (default 13 weeks before today).") var from: String?

        func validate() throws {
            if from != nil && !backtest { throw ValidationError("--from goes with --backtest") }
        }

        func run() async throws {
            // --as-of (or SETTLE_TODAY / SETTLE_NOW) sets the clock: the forecast starts the day after it.
            if backtest {
                let day = try from.map { try Day(parsing: $0) }
                let result = try await global.withSettle { try await $0.forecastBacktest(from: day) }
                print(Forecast.render(result, format: output.format), terminator: "")
            } else {
                let forecast = try await global.withSettle { try await $0.cashForecast() }
                print(Forecast.render(forecast, format: output.format), terminator: "")
            }
        }

        static func render(_ forecast: CashForecast, format: OutputFormat) -> String {
            let rows = forecast.weeks.flatMap { week in
                week.amounts.map { [String(week.number), week.from.description, week.to.description, $0.currency.code,
                                    $0.low.decimalString, $0.expected.decimalString, $0.high.decimalString] }
            }
            let columns = ["week", "from", "to", "currency", "low", "expected", "high"]
            switch format {
            case .json:
                return JSONOutput.string([
                    "as_of": forecast.asOf.description,
                    "weeks": forecast.weeks.map { week in
                        ["week": week.number, "from": week.from.description, "to": week.to.description,
                         "amounts": week.amounts.map {
                             ["currency": $0.currency.code, "low": $0.low.decimalString, "expected": $0.expected.decimalString,
                              "high": $0.high.decimalString]
                         }] as [String: Any]
                    },
                    "totals": forecast.totals.map { total in
                        ["currency": total.currency.code, "open": total.open.decimalString,
                         "expected": expectedTotal(forecast, total.currency).decimalString,
                         "unscheduled": total.unscheduled.decimalString, "unscheduled_receipts": total.unscheduledReceipts] as [String: Any]
                    },
                ] as [String: Any])
            case .csv:
                return Table(columns: columns, rows: rows).render(.csv)
            case .table:
                var text = "Cash forecast as of \(forecast.asOf): 13 weeks; low..high is a 95% band\n"
                text += Table(columns: columns, rows: rows).render(.table) + "\n"
                text += Table(columns: ["currency", "open", "expected_in_13_weeks", "unscheduled", "unscheduled_receipts"],
                              rows: forecast.totals.map {
                                  [$0.currency.code, $0.open.decimalString, expectedTotal(forecast, $0.currency).decimalString,
                                   $0.unscheduled.decimalString, String($0.unscheduledReceipts)]
                              }).render(.table)
                text += "unscheduled: disputed, or later than the client's and the book's habits explain\n"
                return text
            }
        }

        static func expectedTotal(_ forecast: CashForecast, _ currency: Currency) -> Money {
            Money(minorUnits: forecast.weeks.reduce(Int64(0)) { $0 + ($1.amounts(in: currency)?.expected.minorUnits ?? 0) },
                  currency: currency)
        }

        static let errorFormula = "WAPE = sum over weeks |actual - forecast| / sum over weeks actual; "
            + "band width = sum (high - low) / sum expected"

        static func render(_ backtest: ForecastBacktest, format: OutputFormat) -> String {
            let weekColumns = ["week", "from", "to", "currency", "actual", "low", "expected", "high", "naive", "inside"]
            let weekRows = backtest.weeks.map {
                [String($0.number), $0.from.description, $0.to.description, $0.currency.code, $0.actual.decimalString,
                 $0.low.decimalString, $0.expected.decimalString, $0.high.decimalString, $0.naive.decimalString, $0.isInside ? "yes" : "no"]
            }
            switch format {
            case .json:
                return JSONOutput.string([
                    "as_of": backtest.asOf.description,
                    "error_measure": errorFormula,
                    "weeks": backtest.weeks.map {
                        ["week": $0.number, "from": $0.from.description, "to": $0.to.description, "currency": $0.currency.code,
                         "actual": $0.actual.decimalString, "low": $0.low.decimalString, "expected": $0.expected.decimalString,
                         "high": $0.high.decimalString, "naive": $0.naive.decimalString, "inside": $0.isInside] as [String: Any]
                    },
                    "accuracy": backtest.accuracy.map {
                        ["currency": $0.currency.code, "actual": $0.actual.decimalString, "expected": $0.expected.decimalString,
                         "forecast_wape": BehaviourText.number($0.forecastError.map { $0 * 100 }),
                         "naive_wape": BehaviourText.number($0.naiveError.map { $0 * 100 }),
                         "weeks_inside": $0.weeksInside, "weeks": $0.weeks,
                         "band_width_percent": BehaviourText.number($0.bandWidth.map { $0 * 100 })] as [String: Any]
                    },
                ] as [String: Any])
            case .csv:
                return Table(columns: weekColumns, rows: weekRows).render(.csv)
            case .table:
                var text = "Backtest: the forecast as of \(backtest.asOf) against the money received in the 13 weeks after it "
                    + "on the invoices open then\n"
                text += Table(columns: weekColumns, rows: weekRows).render(.table) + "\n"
                text += Table(columns: ["currency", "actual", "expected", "forecast_wape", "naive_wape", "weeks_inside", "band_width"],
                              rows: backtest.accuracy.map {
                                  [$0.currency.code, $0.actual.decimalString, $0.expected.decimalString,
                                   BehaviourText.percent($0.forecastError), BehaviourText.percent($0.naiveError),
                                   "\($0.weeksInside)/\($0.weeks)", BehaviourText.percent($0.bandWidth)]
                              }).render(.table)
                text += errorFormula + "\n"
                return text
            }
        }
    }
}
