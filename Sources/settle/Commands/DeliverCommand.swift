import ArgumentParser
import Foundation
import SettleApp
import SettleCore
import SettleStore

struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Queue the messages the daily cycle decided and send what is due now.",
        discussion: """
            Email goes through the SMTP server in SETTLE_SMTP_URL (smtp://user:pass@host:587, smtps://..., \
            ?starttls=required) from the sender address set with `settle org settings --sender-email`; text \
            messages through SETTLE_SMS_URL; webhook events to SETTLE_WEBHOOK_URL, signed with \
            SETTLE_WEBHOOK_SECRET (or the same settings in the --config file; see docs/configuration.md). Letters are printed with `settle letters print`. Messages \
            outside the client's contact hours are held until they open; messages whose invoices were paid, \
            disputed, promised or escalated meanwhile are cancelled. Exits 1 when emails are waiting but no SMTP \
            server is configured.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Flag(help: "Send one batch only.") var once = false
    @Option(help: "Messages per batch (1 to 1000; default worker.batch_size, 50).") var batch: Int?

    func run() async throws {
        if let batch, !(1...1000).contains(batch) { throw ValidationError("--batch must be from 1 to 1000") }
        let settings = try global.loadSettings().settings
        let (report, waiting) = try await global.withSettle(settings) { settle in
            let configured = settle.configuredCouriers(settings)
            do {
                let report = try await settle.deliver(couriers: configured.couriers, batchSize: batch ?? settings.worker.batchSize,
                                                      once: once, lease: settings.delivery.lease)
                await configured.shutdown()
                let email = configured.couriers.contains { $0.channel == .email }
                let waiting = email ? 0 : try await settle.outboxCount(status: .queued, channel: .email)
                return (report, waiting)
            } catch {
                await configured.shutdown()
                throw error
            }
        }
        let rows = report.lines.map { [String($0.id), $0.channel.rawValue, $0.recipient, $0.status.rawValue, $0.detail] }
        print(Table(columns: ["id", "channel", "recipient", "status", "detail"], rows: rows).render(output.format), terminator: "")
        if output.format == .table {
            let queued = report.queued
            print("queued \(queued.queued), cancelled \(queued.cancelled), failed \(queued.failed) before sending; "
                  + "sent \(report.count(.sent)), held \(report.count(.held)), cancelled \(report.count(.cancelled)), "
                  + "failed \(report.count(.failed))" + (report.resent > 0 ? ", \(report.resent) interrupted and queued again" : ""))
        }
        if waiting > 0 {
            throw InputError("\(waiting) emails wait in the outbox but SETTLE_SMTP_URL is not set: set it to send them")
        }
    }
}

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Messages on their way to clients, and what became of them.",
        subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Messages, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "queued, held, sending, sent, failed or cancelled.") var status: String?

        func run() async throws {
            let status = try status.map { text in
                guard let status = MessageStatus(rawValue: text) else {
                    throw ValidationError("--status must be one of \(MessageStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return status
            }
            let messages = try await global.withSettle { try await $0.outbox(status: status) }
            print(Table(columns: ["id", "day", "channel", "recipient", "status", "attempts", "subject", "note"], rows: messages.map {
                [String($0.id), $0.day.description, $0.channel.rawValue, $0.recipient, $0.status.rawValue, String($0.attempts),
                 $0.subject, $0.lastError ?? $0.note]
            }).render(output.format), terminator: "")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One message: its text, or with --raw the exact bytes sent.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The message id.") var id: Int64
        @Flag(help: "Print the exact bytes handed to the server.") var raw = false

        func run() async throws {
            let message = try await global.withSettle { try await $0.outboxMessage(id) }
            if raw {
                guard let content = message.content else { throw InputError("message \(id) has not been handed to a server yet") }
                FileHandle.standardOutput.write(Data(content))
                return
            }
            print("""
                message \(message.id) (\(message.channel.rawValue), \(message.status.rawValue)) to \(message.recipient)
                key: \(message.key)
                message-id: \(message.messageID ?? "-")
                attempts: \(message.attempts)\(message.lastError.map { "\nerror: \($0)" } ?? "")\(message.note.isEmpty ? "" : "\nnote: \(message.note)")
                subject: \(message.subject)

                \(message.text)
                """)
        }
    }
}
