import Foundation
import ArgumentParser
import SettleApp
import SettleCore

struct InterestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interest",
        abstract: "Late-payment interest and fixed compensation on a debt: UK, EU, German or French statute, or a contractual rate.",
        discussion: """
            Interest is simple, actual/365, from the day after --due through --until inclusive (days = until - due); \
            each rate period is rounded half-up to the cent. A reference rate needed past the day its table is known \
            complete is used with a warning on stderr (see settle rates list).
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "uk, eu, de, fr or contract.") var regime: String
    @Option(help: ArgumentHelp("The agreed rate in percent a year, with --regime contract (12 for 12 %).", valueName: "PERCENT"))
    var rate: String?
    @Option(help: "The debtor: business or consumer (needed for the statutory regimes).") var kind: String?
    @Option(help: ArgumentHelp("The amount owed, exact to the currency (5000.00).", valueName: "AMOUNT")) var principal: String
    @Option(help: "ISO 4217 currency (GBP for uk; EUR for eu, de and fr).") var currency: String
    @Option(help: ArgumentHelp("The due day; interest runs from the day after.", valueName: "YYYY-MM-DD")) var due: String
    @Option(help: ArgumentHelp("The payment day (or the day asked about), counted.", valueName: "YYYY-MM-DD")) var until: String
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard ["uk", "eu", "de", "fr", "contract"].contains(regime) else {
            throw ValidationError("--regime must be one of uk, eu, de, fr, contract")
        }
        if regime == "contract" {
            guard rate != nil else { throw ValidationError("--regime contract needs --rate PERCENT (the agreed rate a year)") }
        } else {
            guard rate == nil else {
                throw ValidationError("--rate goes with --regime contract; the \(regime) rate comes from the reference tables (settle rates list)")
            }
            guard kind != nil else { throw ValidationError("--regime \(regime) needs --kind business or --kind consumer") }
        }
        if let kind, ClientKind(rawValue: kind) == nil {
            throw ValidationError("--kind must be business or consumer")
        }
    }

    func run() async throws {
        let agreed = try rate.map { try Percentage(parsing: $0) }
        let regime = try InterestRegime(parsing: regime, contractRate: agreed)
        let debtor = kind.flatMap(ClientKind.init(rawValue:)) ?? .business
        let principal = try Money(parsing: principal, currencyCode: currency.uppercased())
        let due = try Day(parsing: due)
        let until = try Day(parsing: until)
        let calculation = try await global.withSettle { settle in
            try await settle.calculateInterest(principal: principal, due: due, until: until, regime: regime, debtor: debtor)
        }
        for warning in calculation.warnings { printError("settle: warning: \(warning)") }
        print(Self.render(calculation, format: output.format), terminator: "")
    }

    static func render(_ calculation: InterestCalculation, format: OutputFormat) -> String {
        let columns = ["from", "to", "days", "rate_percent", "interest"]
        let rows = calculation.periods.map {
            [$0.from.description, $0.to.description, String($0.days), $0.rate.rateString, $0.interest.decimalString]
        }
        switch format {
        case .json:
            return JSONOutput.string([
                "regime": calculation.regime.description,
                "days": calculation.days,
                "rate_percent": (calculation.rate ?? Percentage(millionths: 0)).rateString,
                "interest": calculation.interest.decimalString,
                "fixed_compensation": calculation.fixedCompensation.decimalString,
                "total": calculation.total.decimalString,
                "periods": calculation.periods.map { period -> [String: Any] in
                    ["from": period.from.description, "to": period.to.description, "days": period.days,
                     "rate_percent": period.rate.rateString, "interest": period.interest.decimalString]
                },
            ] as [String: Any])
        case .csv:
            return Table(columns: columns, rows: rows).render(.csv)
        case .table:
            let currency = calculation.principal.currency.code
            let debtor = calculation.regime.referenceTable == nil ? "" : ", \(calculation.debtor.rawValue) debtor"
            var text = "Interest under \(calculation.regime.title)\(debtor)\n"
            text += "\(calculation.principal) due \(calculation.due), until \(calculation.until): \(calculation.days) days\n\n"
            if !rows.isEmpty { text += Table(columns: ["from", "to", "days", "rate %", "interest"], rows: rows).render(.table) + "\n" }
            let totals = [("interest", calculation.interest), ("fixed compensation", calculation.fixedCompensation),
                          ("total", calculation.total)]
            return text + totals.map { label, amount in
                label.padding(toLength: 20, withPad: " ", startingAt: 0) + amount.decimalString + " " + currency + "\n"
            }.joined()
        }
    }
}

struct RatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates", abstract: "The reference rate tables statutory interest is built on.",
        discussion: """
            Tables: gb-boe-base-rate (Bank of England Bank Rate, uk), ecb-mro (ECB main refinancing rate, eu and fr), \
            de-basiszinssatz (Basiszinssatz, de). Settle ships them with the day up to which each is known complete; \
            add changes and corrections with settle rates add.
            """,
        subcommands: [List.self, Add.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the rate tables in effect (shipped, with your additions).")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this table.", valueName: "NAME")) var table: String?
        @OptionGroup var output: FormatOption

        func run() async throws {
            let tables = try await global.withSettle { try await $0.rates(table: table) }
            print(Self.render(tables, format: output.format), terminator: "")
        }

        static func render(_ tables: [ReferenceRateTable], format: OutputFormat) -> String {
            switch format {
            case .json:
                return JSONOutput.string(tables.map { table -> [String: Any] in
                    ["table": table.name.rawValue, "title": table.name.title, "known_through": table.knownThrough.description,
                     "changes": table.changes.map { ["effective_from": $0.effectiveFrom.description, "rate_percent": $0.rate.rateString] }]
                })
            case .csv:
                let rows = tables.flatMap { table in
                    table.changes.map { [table.name.rawValue, $0.effectiveFrom.description, $0.rate.rateString] }
                }
                return Table(columns: ["table", "effective_from", "rate_percent"], rows: rows).render(.csv)
            case .table:
                return tables.map { table in
                    "\(table.name): \(table.name.title), known through \(table.knownThrough)\n"
                        + Table(columns: ["effective_from", "rate %"],
                                rows: table.changes.map { [$0.effectiveFrom.description, $0.rate.rateString] }).render(.table)
                }.joined(separator: "\n")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a rate change to a table (or correct the one on that day); optionally say up to which day the table is complete.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "gb-boe-base-rate, ecb-mro or de-basiszinssatz.") var table: String
        @Option(name: .customLong("from"), help: ArgumentHelp("The day the rate took effect.", valueName: "YYYY-MM-DD"))
        var effectiveFrom: String
        @Option(help: ArgumentHelp("The rate in percent a year (4.25, -0.88).", valueName: "PERCENT")) var rate: String
        @Option(name: .customLong("known-through"),
                help: ArgumentHelp("The table is complete up to this day (default: unchanged).", valueName: "YYYY-MM-DD"))
        var knownThrough: String?

        func run() async throws {
            let updated = try await global.withSettle { settle in
                try await settle.addRate(table: table, effectiveFrom: effectiveFrom, rate: rate, knownThrough: knownThrough)
            }
            let change = updated.changes.last { $0.effectiveFrom.description == effectiveFrom }
            print("\(updated.name): \(change?.rate.rateString ?? rate) % from \(effectiveFrom); known through \(updated.knownThrough)")
        }
    }
}
