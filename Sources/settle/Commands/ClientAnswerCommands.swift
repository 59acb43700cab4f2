import ArgumentParser
import Foundation
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
        commandName: "contact", abstract: "Contact preferences and rules (enforced by delivery).",
        subcommands: [OptOut.self, Cease.self, Check.self, Rules.self])

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

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Whether a client may be contacted at an instant: allowed, held until when, or refused, and why.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The client's id.") var client: String
        @Option(help: "The invoice (debt) it is about.") var invoice: String?
        @Option(help: "call, email, sms or letter.") var channel: String
        @Option(help: ArgumentHelp("The instant: 2024-05-07T15:00:00Z or with an offset.", valueName: "TIMESTAMP")) var at: String
        @Flag(help: "A final notice that collection stops or which remedy follows (allowed after cease-communication).")
        var finalNotice = false

        func run() async throws {
            guard let method = ContactMethod(rawValue: channel) else {
                throw ValidationError("--channel must be one of \(ContactMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard case .instant(let instant) = try AsOf(parsing: at) else {
                throw ValidationError("--at needs a timestamp with a zone, such as 2024-05-07T15:00:00Z")
            }
            let check = try await global.withSettle {
                try await $0.checkContact(client: client, invoice: invoice, channel: method, at: instant, finalNotice: finalNotice)
            }
            switch check.decision {
            case .allowed:
                print("allowed")
            case .held(let until, let reason):
                print("held until \(Self.local(until, check.timeZone)) (\(Self.utc(until))): \(reason)")
            case .refused(let reason):
                print("refused: \(reason)")
            }
        }

        static func local(_ instant: Date, _ zone: TimeZone) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return "\(formatter.string(from: instant)) \(zone.identifier)"
        }

        static func utc(_ instant: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: instant)
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change the organisation's contact rules (hours in the client's local time, weekends, holidays, frequency).")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Hours contact is allowed, in the client's local time.", valueName: "HH:MM-HH:MM"))
        var quietHours: String?
        @Option(help: "No contact on Saturdays and Sundays: true or false.") var noWeekends: Bool?
        @Option(help: "No contact on the public holidays of the client's country: true or false.") var noHolidays: Bool?
        @Option(help: "default (one email a day), reg_f (US Regulation F call limits) or massachusetts (2 calls in 7 days).")
        var frequency: String?

        func run() async throws {
            let window = try quietHours.map { text in
                do {
                    return try ContactWindow(parsing: text)
                } catch {
                    throw ValidationError("--quiet-hours: \(error)")
                }
            }
            let preset = try frequency.map { text in
                guard let preset = ContactFrequency(rawValue: text) else {
                    throw ValidationError("--frequency must be one of \(ContactFrequency.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return preset
            }
            let unchanged = window == nil && noWeekends == nil && noHolidays == nil && preset == nil
            let rules = try await global.withSettle { settle in
                unchanged ? try await settle.contactRules()
                    : try await settle.setContactRules(window: window, noWeekends: noWeekends, noHolidays: noHolidays, frequency: preset)
            }
            print("contact hours: \(rules.window) (client's local time)")
            print("no weekends: \(rules.noWeekends)")
            print("no holidays: \(rules.noHolidays)")
            print("frequency: \(rules.frequency.rawValue)")
        }
    }
}
