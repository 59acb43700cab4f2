import ArgumentParser
import SettleApp
import SettleCore

struct FXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fx", abstract: "Exchange rates into the organisation's currency, for reports that convert (settle report metrics --convert).",
        discussion: """
            A rate is how many units of the organisation's currency one unit of the other currency is worth \
            (settle fx add USD 2024-03-31 0.9215: 1 USD = 0.9215 EUR). A conversion on a day uses the latest rate \
            on or before it; converted amounts are rounded half-up to the cent (the minor unit), exactly.
            """,
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the rate of a currency from a day on (or replace the one of that day).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The other currency (ISO 4217, such as USD).") var currency: String
        @Argument(help: ArgumentHelp("The day the rate applies from.", valueName: "YYYY-MM-DD")) var day: String
        @Argument(help: ArgumentHelp("Units of the organisation's currency for 1 unit of the other: a positive decimal such as 0.9215.",
                                     valueName: "RATE"))
        var rate: String

        func run() async throws {
            let (stored, replaced, into) = try await global.withSettle { settle in
                let added = try await settle.addExchangeRate(currency: currency.uppercased(), day: day, rate: rate)
                return (added.rate, added.replaced, try await settle.organisation().organisation.currency)
            }
            print("1 \(stored.currency) = \(stored.rate) \(into) from \(stored.day)\(replaced ? " (replaced the rate of that day)" : "")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the organisation's exchange rates, by currency and day.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rates = try await global.withSettle { try await $0.exchangeRates() }
            let rows = rates.rates.map { [$0.currency.code, $0.day.description, $0.rate.description, rates.into.code] }
            let table = Table(columns: ["currency", "day", "rate", "into"], rows: rows)
            if output.format == .table, rows.isEmpty {
                print("No exchange rates; add one with settle fx add CUR DAY RATE (\(rates.into) for 1 CUR).")
                return
            }
            print(table.render(output.format), terminator: "")
        }
    }
}
