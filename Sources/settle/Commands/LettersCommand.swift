import ArgumentParser
import Foundation
import SettleApp
import SettleCore

struct LettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters", abstract: "Letters for the post.", subcommands: [Print.self])

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the letters the daily cycle decided into one PDF and mark them sent.",
            discussion: "Each client gets a formal demand letter in its language, with the debts as of today, "
                + "a payment deadline, how to pay and what happens next. Set the letterhead address with "
                + "`settle org settings --address` and clients' addresses with the `address` import column.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Print the letters decided on or before this day (default today).") var date: String?
        @Option(help: "Where to write the PDF.") var out: String
        @Option(name: .customLong("page-size"), help: "a4 or letter (default: the organisation's country's).") var pageSize: String?
        @Flag(help: "Start every letter on a new sheet when printing on both sides.") var duplex = false

        func run() async throws {
            let url = URL(fileURLWithPath: out)
            let printed = try await global.withSettle { settle in
                let today = settle.today(for: try await settle.organisation())
                let day = try date.map { try Day(parsing: $0) } ?? today
                return try await settle.printLetters(through: day, pageSize: pageSize, duplex: duplex) { bytes in
                    try Data(bytes).write(to: url, options: .atomic)
                }
            }
            for letter in printed.letters {
                print("\(letter.pages): \(letter.client) \(letter.invoices.joined(separator: ", "))")
            }
            for (id, reason) in printed.cancelled { print("message \(id) not printed: \(reason)") }
            print(printed.letters.isEmpty ? "no letters to print; \(out) not written" : "\(printed.letters.count) letters written to \(out)")
        }
    }
}

struct DocumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents", abstract: "PDFs for a client: an invoice, an account statement, a payment plan agreement.",
        subcommands: [Invoice.self, Statement.self, Plan.self])

    struct Output: ParsableArguments {
        @Option(help: "Where to write the PDF.") var out: String
        @Option(name: .customLong("page-size"), help: "a4 or letter (default: the client's country's).") var pageSize: String?

        func write(_ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
            print("\(out): \(bytes.count) bytes")
        }
    }

    struct Invoice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An invoice with what is still to pay and, for euro, the payment QR code.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: Output
        @Argument(help: "The invoice number.") var number: String

        func run() async throws {
            try output.write(try await global.withSettle { try await $0.invoicePDF(number, pageSize: output.pageSize) })
        }
    }

    struct Statement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A client's account statement as of today.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: Output
        @Argument(help: "The client id.") var client: String

        func run() async throws {
            try output.write(try await global.withSettle { try await $0.statementPDF(client: client, pageSize: output.pageSize) })
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A payment plan agreement for the client to sign.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: Output
        @Argument(help: "The plan id (see settle plan list).") var id: Int64

        func run() async throws {
            try output.write(try await global.withSettle { try await $0.planPDF(id, pageSize: output.pageSize) })
        }
    }
}
