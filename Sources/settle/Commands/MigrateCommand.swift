import ArgumentParser
import SettleApp
import SettleCore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database schema; creates the organisation `default`.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let applied = try await global.withSettle { try await $0.migrate() }
        print(applied.isEmpty ? "schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}

struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage organisations.", subcommands: [Create.self, Settings.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organisation.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Slug: lower-case letters, digits and dashes.") var slug: String
        @Option(help: "The business's name.") var name: String
        @Option(help: "Reporting currency (ISO 4217).") var currency: String
        @Option(name: .customLong("time-zone"), help: "IANA time zone, such as Europe/Berlin.") var timeZone: String
        @Option(help: "Country (ISO 3166 alpha-2).") var country: String
        @Option(name: .customLong("allocation-order"), help: "How a payment settles one invoice's parts, e.g. interest,costs,principal.")
        var allocationOrder = AllocationOrder.standard.description
        @Flag(name: .customLong("auto-apply-credit"), help: "Apply clients' unapplied credit to new invoices automatically.")
        var autoApplyCredit = false

        func run() async throws {
            let organisation = Organisation(slug: slug, name: name, currency: try Currency(code: currency.uppercased()),
                                            timeZone: timeZone, country: country.uppercased(),
                                            allocationOrder: try AllocationOrder(parsing: allocationOrder),
                                            autoApplyCredit: autoApplyCredit)
            let stored = try await global.withSettle { try await $0.createOrganisation(organisation) }
            print("created organisation \(stored.organisation.slug)")
        }
    }
}
