import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients", abstract: "List and show clients.", subcommands: [List.self, Show.self, ClientPauseCommand.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clients.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let clients = try await global.withSettle { try await $0.clients() }
            print(Table(columns: ["id", "name", "kind", "country", "time_zone", "language", "terms", "email"],
                        rows: clients.map { stored in
                            let client = stored.client
                            return [client.code, client.name, client.kind.rawValue, client.country, client.timeZone,
                                    client.language, client.defaultTerms.description,
                                    client.contacts.compactMap(\.email).first ?? ""]
                        }).render(output.format), terminator: "")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a client with its invoices, payments and credit.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The client's id.") var id: String

        func run() async throws {
            let (stored, invoices, payments) = try await global.withSettle { settle in
                (try await settle.client(id), try await settle.invoices(InvoiceFilter(), client: id),
                 try await settle.payments(client: id))
            }
            let client = stored.client
            let credit = Dictionary(grouping: payments.filter { $0.unapplied.isPositive }, by: \.unapplied.currency)
                .map { currency, items in Money(minorUnits: items.reduce(0) { $0 + $1.unapplied.minorUnits }, currency: currency) }
                .sorted { $0.currency < $1.currency }
            if output.format == .json {
                print(JSONOutput.string([
                    "id": client.code, "name": client.name, "kind": client.kind.rawValue, "country": client.country,
                    "time_zone": client.timeZone, "language": client.language, "terms": client.defaultTerms.description,
                    "tags": client.tags,
                    "contacts": client.contacts.map { ["name": $0.name, "email": $0.email ?? "", "phone": $0.phone ?? "", "role": $0.role.rawValue] },
                    "unapplied_credit": credit.map { ["currency": $0.currency.code, "amount": $0.decimalString] },
                    "invoices": invoices.map(InvoicesCommand.row).map { Dictionary(uniqueKeysWithValues: zip(InvoicesCommand.columns, $0)) },
                ] as [String: Any]), terminator: "")
                return
            }
            print("\(client.name) (\(client.code)), \(client.kind.rawValue), \(client.country), \(client.timeZone), \(client.language), terms \(client.defaultTerms)")
            for contact in client.contacts {
                print("  contact: \(contact.name) <\(contact.email ?? "")> \(contact.phone ?? "") [\(contact.role.rawValue)]")
            }
            for amount in credit { print("  unapplied credit: \(amount)") }
            print(Table(columns: InvoicesCommand.columns, rows: invoices.map(InvoicesCommand.row)).render(output.format), terminator: "")
        }
    }
}
