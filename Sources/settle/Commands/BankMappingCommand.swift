import ArgumentParser
import SettleApp
import SettleCore

/// `settle bank mapping`: how to read banks' CSV exports, saved by name.
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping", abstract: "Saved column mappings for banks' CSV statements.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save how to read a bank's CSV export for one account.",
            discussion: """
                Columns are named as in the file's header row. The amount is one column (negative for \
                money out) or a --credit and a --debit column; without --currency-column every row is in \
                the account's currency. Import with `settle import statement FILE --mapping NAME`.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The mapping's name, such as sparkasse (letters, digits, - or _).") var name: String
        @Option(help: "The bank account the files are about (its IBAN or account number).") var account: String
        @Option(help: "The column of the booking date.") var date: String
        @Option(name: .customLong("value-date"), help: "The column of the value date.") var valueDate: String?
        @Option(help: "The column of the amount, negative for money out.") var amount: String?
        @Option(help: "The column of money in (with --debit, instead of --amount).") var credit: String?
        @Option(help: "The column of money out, written positive or negative (with --credit).") var debit: String?
        @Option(name: .customLong("currency-column"), help: "The column of the currency (else the account's).") var currencyColumn: String?
        @Option(help: "The column of the payer's or payee's name.") var counterparty: String?
        @Option(name: .customLong("counterparty-account"), help: "The column of the payer's or payee's IBAN or account.")
        var counterpartyAccount: String?
        @Option(help: "A column of remittance text; repeat it for several, joined in this order.") var text: [String] = []
        @Option(help: "The column of the bank's reference of each entry.") var reference: String?
        @Option(help: "The decimal separator: comma (1.234,56) or point (1,234.56).") var decimal: StatementCSVMapping.DecimalSeparator = .point
        @Option(name: .customLong("date-format"),
                help: "YYYY-MM-DD, DD.MM.YYYY, DD.MM.YY, DD/MM/YYYY, MM/DD/YYYY or YYYYMMDD.")
        var dateFormat: StatementCSVMapping.DateFormat = .iso
        @Option(help: "The field delimiter: ',', ';' or tab.") var delimiter: StatementCSVMapping.Delimiter = .comma
        @Option(name: .customLong("skip-rows"), help: "Lines before the header row (a bank's preamble).") var skipRows = 0

        func validate() throws {
            guard (amount != nil) != (credit != nil || debit != nil), (credit == nil) == (debit == nil) else {
                throw ValidationError("give --amount COLUMN, or --credit COLUMN and --debit COLUMN")
            }
        }

        func run() async throws {
            let columns: StatementCSVMapping.Amount = if let amount { .signed(column: amount) } else {
                .split(credit: credit ?? "", debit: debit ?? "")
            }
            let saved = try await global.withSettle {
                try await $0.addStatementMapping(
                    name: name, account: account, bookingDate: date, valueDate: valueDate, amount: columns,
                    currencyColumn: currencyColumn, counterpartyName: counterparty, counterpartyAccount: counterpartyAccount,
                    text: text, bankReference: reference, decimalSeparator: decimal, dateFormat: dateFormat, delimiter: delimiter,
                    skipRows: skipRows)
            }
            print("mapping \(saved.mapping.name) for \(IBAN.shown(saved.mapping.account)): \(saved.mapping.columnSummary)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The saved CSV mappings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let mappings = try await global.withSettle { try await $0.statementMappings() }.map(\.mapping)
            print(Table(columns: ["name", "account", "columns", "decimal", "date_format", "delimiter", "skip_rows"], rows: mappings.map {
                [$0.name, IBAN.shown($0.account), $0.columnSummary, $0.decimalSeparator.rawValue, $0.dateFormat.rawValue,
                 $0.delimiter.rawValue, String($0.skipRows)]
            }).render(output.format), terminator: "")
        }
    }
}

extension StatementCSVMapping {
    /// `booking date: Buchungstag, amount: Betrag, currency: EUR (fixed)`.
    var columnSummary: String {
        var parts = columns.map { "\($0.role): \($0.column)" }
        if case .fixed(let code) = currency { parts.append("currency: \(code) (fixed)") }
        return parts.joined(separator: ", ")
    }
}

extension StatementCSVMapping.DecimalSeparator: ExpressibleByArgument {}
extension StatementCSVMapping.DateFormat: ExpressibleByArgument {}
extension StatementCSVMapping.Delimiter: ExpressibleByArgument {}
