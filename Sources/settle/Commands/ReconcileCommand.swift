import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "The bank entries Settle read: what was applied, suggested, left unmatched or ignored.",
        discussion: """
            `settle import statement` applies every incoming transfer it is sure about (at or above the organisation's \
            --match-threshold, see `settle org settings`); the rest waits here with Settle's candidates and reasons.
            """,
        subcommands: [List.self, Match.self, Ignore.self, Undo.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Statement entries with their candidates, oldest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "suggested, unmatched, applied or ignored (default: all).") var status: String?

        func run() async throws {
            let status = try status.map { text in
                guard let status = StatementEntryStatus(rawValue: text) else {
                    throw ValidationError("--status must be one of \(StatementEntryStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return status
            }
            let items = try await global.withSettle { try await $0.reconciliation(status: status) }
            print(Table(columns: ["entry", "date", "direction", "amount", "payer", "text", "status", "client", "invoices", "confidence",
                                  "reason", "candidates"], rows: items.map { item in
                let entry = item.entry.entry, decision = item.entry.decision
                let candidates = item.candidates.map { "\($0.invoices.joined(separator: "+")) (\($0.confidence): \($0.reason))" }
                return [String(item.entry.id), (entry.bookingDate ?? entry.valueDate)?.description ?? "",
                        entry.reversal ? "\(entry.direction.rawValue) reversal" : entry.direction.rawValue, entry.amount.description,
                        [entry.counterpartyName, entry.counterpartyAccount].compactMap { $0 }.joined(separator: " "),
                        (entry.creditorReferences + entry.remittance).joined(separator: " "), decision.status.rawValue,
                        item.entry.client ?? "", decision.invoices.joined(separator: " "), decision.confidence.map(String.init) ?? "",
                        decision.reason, candidates.joined(separator: " | ")]
            }).render(output.format), terminator: "")
        }
    }

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply an incoming transfer to invoices of one client (without --invoice: to Settle's first suggestion).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The entry's number (see `settle reconcile list`).") var entry: Int64
        @Option(name: .customLong("invoice"), help: "An invoice number; repeat for a transfer that pays several, in the order to pay them.")
        var invoices: [String] = []

        func run() async throws {
            let stored = try await global.withSettle { try await $0.matchStatementEntry(entry, invoices: invoices) }
            print("entry \(stored.id): \(stored.entry.amount) applied to \(stored.decision.invoices.joined(separator: ", ")) "
                  + "of \(stored.client ?? "?") (payment \(stored.decision.paymentID.map(String.init) ?? "-"))")
        }
    }

    struct Ignore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an entry aside: it is not a client's payment to apply.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The entry's number.") var entry: Int64
        @Option(help: "Why, for whoever looks later (for example \"refund from supplier\").") var reason: String

        func run() async throws {
            let stored = try await global.withSettle { try await $0.ignoreStatementEntry(entry, reason: reason) }
            print("entry \(stored.id): ignored (\(stored.decision.reason))")
        }
    }

    struct Undo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo a match (the payment is reversed and its invoices are owed again) or an ignore.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The entry's number.") var entry: Int64

        func run() async throws {
            let stored = try await global.withSettle { try await $0.undoStatementEntry(entry) }
            print("entry \(stored.id): back to \(stored.decision.status.rawValue)")
        }
    }
}
