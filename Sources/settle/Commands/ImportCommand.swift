import ArgumentParser
import Foundation
import SettleApp

struct ImportCommand: AsyncParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case clients, invoices, payments, statement }

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import clients, invoices or payments from CSV, or a bank statement (all or nothing).",
        discussion: """
            CSV headers:
              clients   id,name,kind,email,phone,country,time_zone,language,terms,address
              invoices  number,client,issue_date,due_date,currency,amount,description
              payments  client,date,currency,amount,method,reference,invoice
            Any bad row rejects the whole file; each problem is printed as FILE:LINE:COLUMN: message.
            statement: a bank statement for an account added with `settle bank add`: ISO 20022 camt.053 \
            or camt.054 (XML) or SWIFT MT940, told from the file's start (or --format), or a bank's CSV \
            export read through a mapping saved with `settle bank mapping add` (--mapping NAME); entries \
            read before are not stored again.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What the file holds: clients, invoices, payments or statement.") var kind: Kind
    @Argument(help: "The CSV file (UTF-8), or the statement file.") var file: String
    @Option(help: "The statement's format: camt053, camt054, mt940 or csv (camt and MT940 are told from the file).")
    var format: StatementFormat?
    @Option(help: "The saved mapping to read a CSV statement with (see `settle bank mapping list`).") var mapping: String?
    @Flag(name: .customLong("dry-run"), help: "Check the file and write nothing.") var dryRun = false

    func validate() throws {
        if kind != .statement, format != nil || mapping != nil {
            throw ValidationError("--format and --mapping are for `settle import statement`")
        }
    }

    func run() async throws {
        switch kind {
        case .statement: try await importStatement()
        case .clients: try await importCSV { try await $0.importClients($1, file: file, dryRun: dryRun) }
        case .invoices: try await importCSV { try await $0.importInvoices($1, file: file, dryRun: dryRun) }
        case .payments: try await importCSV { try await $0.importPayments($1, file: file, dryRun: dryRun) }
        }
    }

    private func importCSV(_ body: (Settle, [UInt8]) async throws -> ImportSummary) async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError("cannot read \(file)")
        }
        let bytes = [UInt8](data)
        print(try await global.withSettle { try await body($0, bytes) }.description)
    }

    /// Streams the file: a statement can be large.
    private func importStatement() async throws {
        guard FileManager.default.isReadableFile(atPath: file), let stream = InputStream(fileAtPath: file) else {
            throw InputError("cannot read \(file)")
        }
        let result = try await global.withSettle {
            try await $0.importStatement(stream, file: file, format: format, mapping: mapping, dryRun: dryRun)
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        let summary = result.summary
        let entries = count(result.entries, "entry", "entries")
        let directions = "\(count(result.credits, "credit", "credits")), \(count(result.debits, "debit", "debits"))"
        let before = result.new < result.entries ? ", \(result.entries - result.new) read before" : ""
        print("\(result.file): \(result.format.title) for \(result.account): \(entries) (\(directions)), \(result.new) new\(before)"
              + (dryRun ? "; dry run: nothing stored" : ""))
        print("\(dryRun ? "would apply" : "applied") \(summary.applied), reversed \(summary.reversed), suggested \(summary.suggested), "
              + "unmatched \(summary.unmatched), ignored \(summary.ignored)"
              + (summary.cancelledMessages > 0 ? "; \(count(summary.cancelledMessages, "waiting message", "waiting messages")) cancelled" : "")
              + (summary.suggested + summary.unmatched > 0 ? " (see `settle reconcile list`)" : ""))
    }
}

extension StatementFormat: ExpressibleByArgument {}
