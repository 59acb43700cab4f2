import ArgumentParser
import SettleApp
import SettleCore

struct PaymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments", abstract: "Record and reverse payments.", subcommands: [Add.self, Reverse.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a payment; it goes to the named invoice, else to the oldest due first; a surplus stays as credit.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The client's id.") var client: String
        @Option(help: "Day received (YYYY-MM-DD); default today.") var date: String?
        @Option(help: "ISO 4217 currency.") var currency: String
        @Option(help: "Amount, exact to the currency (1234.50).") var amount: String
        @Option(help: "card, bank_transfer, direct_debit, cash, check, online or other.") var method: String = "bank_transfer"
        @Option(help: "The payer's reference.") var reference: String = ""
        @Option(help: "The invoice the payer named.") var invoice: String?

        func run() async throws {
            guard let method = PaymentMethod(rawValue: method) else {
                throw ValidationError("--method must be one of \(PaymentMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let money = try Money(parsing: amount, currencyCode: currency.uppercased())
            let named = try invoice.map { try InvoiceNumber($0) }
            let recorded = try await global.withSettle { settle in
                let today = settle.today(for: try await settle.organisation())
                let day = try date.map { try Day(parsing: $0) } ?? today
                return try await settle.addPayment(Payment(client: client, date: day, amount: money, method: method,
                                                           reference: reference, invoice: named))
            }
            print("recorded payment \(recorded.id) of \(money)")
            for line in recorded.plan.lines {
                print("  \(line.invoice): \(line.entry.kind.rawValue) \(line.entry.component.rawValue) \((-line.entry.amount).decimalString)")
            }
            if recorded.plan.unapplied.isPositive { print("  unapplied credit: \(recorded.plan.unapplied)") }
        }
    }

    struct Reverse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reverse a payment; what it paid is owed again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The payment id.") var id: Int64
        @Option(help: "chargeback, bounced or mistake.") var reason: String

        func run() async throws {
            guard let reason = ReversalReason(rawValue: reason) else {
                throw ValidationError("--reason must be one of \(ReversalReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let lines = try await global.withSettle { try await $0.reversePayment(id, reason: reason) }
            print("reversed payment \(id) (\(reason.rawValue))")
            for line in lines { print("  \(line.invoice): \(line.entry.component.rawValue) +\(line.entry.amount.decimalString)") }
        }
    }
}

struct CreditNotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit-notes", abstract: "Credit notes.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Credit part or all of an invoice's open principal.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice number.") var number: String
        @Option(help: "Amount, in the invoice's currency.") var amount: String
        @Option(help: "Why the client is credited.") var reason: String

        func run() async throws {
            let entry = try await global.withSettle { try await $0.addCreditNote(invoice: number, amount: amount, reason: reason) }
            print("credited \(-entry.amount) on invoice \(number)")
        }
    }
}

struct CreditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit", abstract: "A client's unapplied credit.", subcommands: [Apply.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply a client's unapplied credit to its open invoices, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's id.") var client: String

        func run() async throws {
            let lines = try await global.withSettle { try await $0.applyCredit(client: client) }
            if lines.isEmpty { print("nothing to apply") }
            for line in lines {
                print("  \(line.invoice): \(line.entry.component.rawValue) \((-line.entry.amount).decimalString)")
            }
        }
    }
}
