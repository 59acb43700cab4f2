import ArgumentParser
import Foundation
import SettleApp

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Collection policies (YAML).", subcommands: [Apply.self, Show.self, List.self, Assign.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a policy file and store it (replacing one of the same name).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The YAML file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw InputError("cannot read \(file)") }
            let policy = try await global.withSettle { try await $0.applyPolicy(String(decoding: data, as: UTF8.self), file: file) }
            print("applied policy \(policy.name) (\(policy.stages.count) stages)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a policy as YAML (default: standard).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy name.") var name = "standard"

        func run() async throws {
            print(try await global.withSettle { try await $0.policySource(name) }, terminator: "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organisation's policies.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let book = try await global.withSettle { try await $0.policyBook() }
            let rows = book.policies.values.sorted { $0.name < $1.name }.map { policy in
                [policy.name, policy.stages.map { "\($0.id)@\($0.offsetDays)" }.joined(separator: " "), policy.description]
            }
            print(Table(columns: ["name", "stages", "description"], rows: rows).render(output.format), terminator: "")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a policy to a client, or override it for one invoice (`default` goes back to the default).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy name, or `default`.") var name: String
        @Option(help: "The client's id.") var client: String?
        @Option(help: "The invoice number.") var invoice: String?

        func run() async throws {
            guard (client == nil) != (invoice == nil) else { throw ValidationError("give exactly one of --client or --invoice") }
            try await global.withSettle { try await $0.assignPolicy(name == "default" ? nil : name, client: client, invoice: invoice) }
            print("policy \(name) assigned to \(client.map { "client \($0)" } ?? "invoice \(invoice ?? "")")")
        }
    }
}
