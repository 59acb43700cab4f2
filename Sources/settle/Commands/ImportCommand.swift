import ArgumentParser
import Foundation
import SettleApp

struct ImportCommand: AsyncParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case clients, invoices, payments }

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import clients, invoices or payments from CSV (all or nothing).",
        discussion: """
            Headers: clients id,name,kind,email,phone,country,time_zone,language,terms
                     invoices number,client,issue_date,due_date,currency,amount,description
                     payments client,date,currency,amount,method,reference,invoice
            Any bad row rejects the whole file; each problem is printed as FILE:LINE:COLUMN: message.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What the file holds: clients, invoices or payments.") var kind: Kind
    @Argument(help: "The CSV file (UTF-8).") var file: String
    @Flag(name: .customLong("dry-run"), help: "Check the file and write nothing.") var dryRun = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError("cannot read \(file)")
        }
        let bytes = [UInt8](data)
        let summary = try await global.withSettle { settle in
            switch kind {
            case .clients: return try await settle.importClients(bytes, file: file, dryRun: dryRun)
            case .invoices: return try await settle.importInvoices(bytes, file: file, dryRun: dryRun)
            case .payments: return try await settle.importPayments(bytes, file: file, dryRun: dryRun)
            }
        }
        print(summary.description)
    }
}
