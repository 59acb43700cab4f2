import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct PromiseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promise", abstract: "Promises to pay.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a promise to pay an invoice by a day; its chasing pauses until then plus the grace days.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice number.") var invoice: String
        @Option(help: "The promised day.") var date: String
        @Option(help: "The promised amount (default: the whole balance).") var amount: String?
        @Option(help: "A note.") var note = ""

        func run() async throws {
            let day = try Day(parsing: date)
            let id = try await global.withSettle { try await $0.addPromise(invoice: invoice, date: day, amount: amount, note: note) }
            print("promise \(id) recorded: \(invoice) by \(day)")
        }
    }
}

struct DisputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute", abstract: "Disputes stop chasing of their invoice until resolved.", subcommands: [Open.self, Resolve.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a dispute on an invoice.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice number.") var invoice: String
        @Option(help: "pricing, quality, not_received, duplicate or other.") var reason: String
        @Option(help: "What the client says.") var note = ""

        func run() async throws {
            guard let reason = DisputeReason(rawValue: reason) else {
                throw ValidationError("--reason must be one of \(DisputeReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await global.withSettle { try await $0.openDispute(invoice: invoice, reason: reason, note: note) }
            print("dispute opened on \(invoice): chasing of this invoice stops")
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an invoice's dispute.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice number.") var invoice: String
        @Option(help: "upheld (credit note), rejected (chasing resumes) or partial (credit, chasing resumes on the rest).")
        var outcome: String
        @Option(help: "Amount to credit (partial; upheld defaults to the open principal).") var credit: String?

        func run() async throws {
            guard let outcome = DisputeOutcome(rawValue: outcome) else {
                throw ValidationError("--outcome must be one of \(DisputeOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await global.withSettle { try await $0.resolveDispute(invoice: invoice, outcome: outcome, credit: credit) }
            print("dispute on \(invoice) resolved: \(outcome.rawValue)")
        }
    }
}

struct HardshipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hardship", abstract: "Clients in hardship.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a client in hardship until a day: no fees, interest or escalation; supportive tone.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's id.") var client: String
        @Option(help: "Last day of the hardship period.") var until: String
        @Option(help: "What happened.") var note = ""

        func run() async throws {
            let day = try Day(parsing: until)
            try await global.withSettle { try await $0.setHardship(client: client, until: day, note: note) }
            print("client \(client) in hardship until \(day)")
        }
    }
}

struct ClientPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause all chasing of a client until a day.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The client's id.") var id: String
    @Option(help: "Last day of the pause.") var until: String
    @Option(help: "Why.") var note = ""

    func run() async throws {
        let day = try Day(parsing: until)
        try await global.withSettle { try await $0.pauseClient(id, until: day, note: note) }
        print("client \(id) paused until \(day)")
    }
}

struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Notes.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note to a client or an invoice.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The client's id.") var client: String?
        @Option(help: "The invoice number.") var invoice: String?
        @Argument(help: "The note.") var text: String

        func run() async throws {
            try await global.withSettle { try await $0.addNote(client: client, invoice: invoice, text: text) }
            print("note added")
        }
    }
}

struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Contact preferences (enforced by delivery).", subcommands: [OptOut.self, Cease.self])

    struct OptOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "opt-out", abstract: "A client opts out of a channel.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's id.") var client: String
        @Option(help: "email, sms or call.") var channel: String

        func run() async throws {
            guard let channel = ContactChannel(rawValue: channel) else {
                throw ValidationError("--channel must be one of \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await global.withSettle { try await $0.recordContactPreference(client: client, channel: channel, note: "") }
            print("client \(client) opted out of \(channel.rawValue)")
        }
    }

    struct Cease: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A client asks to cease all communication.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's id.") var client: String
        @Option(help: "The request as received.") var note = ""

        func run() async throws {
            try await global.withSettle { try await $0.recordContactPreference(client: client, channel: nil, note: note) }
            print("client \(client): cease communication recorded")
        }
    }
}
