import ArgumentParser
import Foundation
import SettleApp

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load deterministic demo data: a year of invoicing to businesses and consumers in six countries.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many clients.") var clients = 60
    @Option(help: "How many invoices.") var invoices = 1000
    @Option(help: "Seed for the generator; the same seed gives the same data.") var seed: UInt64 = 42
    @Option(help: "Also add a bank account and write today's camt.053 statement paying some open invoices to this file.")
    var statement: String?

    func run() async throws {
        guard clients > 0, invoices > 0 else { throw ValidationError("--clients and --invoices must be more than zero") }
        let summary = try await global.withSettle { try await $0.loadDemo(clients: clients, invoices: invoices, seed: seed) }
        print(summary)
        if let statement {
            let xml = try await global.withSettle { try await $0.demoStatement() }
            try Data(xml.utf8).write(to: URL(fileURLWithPath: statement))
            print("wrote \(statement): a bank statement of today for `settle import statement`")
        }
    }
}
