import ArgumentParser
import SettleApp
import SettleCore

struct BankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank", abstract: "The bank accounts clients pay into, whose statements Settle reads.",
        subcommands: [Add.self, List.self, MappingCommand.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a bank account, by IBAN or by account number.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The account's IBAN (check digits are verified).") var iban: String?
        @Option(help: "Instead of --iban, at a bank without IBANs: the account number (5 to 34 letters, digits, / or -).")
        var account: String?
        @Option(help: "The account's currency (ISO 4217).") var currency: String
        @Option(help: "A name for people, such as \"Main account\".") var name: String

        func run() async throws {
            let added = try await global.withSettle {
                try await $0.addBankAccount(iban: iban, accountNumber: account, currency: currency, name: name)
            }
            print("bank account \(added.id): \(added.name), \(IBAN.shown(added.account)), \(added.currency.code)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organisation's bank accounts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let accounts = try await global.withSettle { try await $0.bankAccounts() }
            print(Table(columns: ["id", "name", "account", "currency"], rows: accounts.map {
                [String($0.id), $0.name, IBAN.shown($0.account), $0.currency.code]
            }).render(output.format), terminator: "")
        }
    }
}
