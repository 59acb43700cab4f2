import Foundation
import ArgumentParser
import SettleApp
import SettleCore

extension OrgCommand {
    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change the payment details, signature and sender address every message carries.",
            discussion: "Without options, prints the current settings. An empty value clears a setting. "
                + "In --signature, \\n starts a new line.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("bank-name"), help: "The bank's name, as clients see it.") var bankName: String?
        @Option(help: "The IBAN clients pay to (check digits are verified).") var iban: String?
        @Option(help: "The bank's BIC (8 or 11 characters).") var bic: String?
        @Option(help: "The closing lines of messages, such as \"Anna Schmidt\\nAccounts receivable\".") var signature: String?
        @Option(name: .customLong("sender-name"), help: "The name emails come from (default: the organisation's name).")
        var senderName: String?
        @Option(name: .customLong("sender-email"), help: "The business's own address emails come from.") var senderEmail: String?
        @Option(name: .customLong("reply-to"), help: "Where clients' replies go (default: the sender address).") var replyTo: String?
        @Option(help: "The postal address on letters, lines separated by |, such as \"Hauptstr. 1|10115 Berlin\".")
        var address: String?
        @Option(name: .customLong("match-threshold"),
                help: "Confidence (50-100) at or above which a bank transfer's match is applied without a person; 100: never.")
        var matchThreshold: Int?
        @Option(name: .customLong("cycle-time"),
                help: "When the daily collection cycle runs (settle serve / worker), HH:MM on the organisation's clock; default 06:00.")
        var cycleTime: String?

        func run() async throws {
            let change = OrganisationSettingsChange(
                bankName: bankName, iban: iban, bic: bic,
                signature: signature?.replacingOccurrences(of: "\\n", with: "\n"),
                senderName: senderName, senderEmail: senderEmail, replyTo: replyTo, address: address,
                matchThreshold: matchThreshold, cycleTime: cycleTime)
            let settings = try await global.withSettle { settle in
                change.isEmpty ? try await settle.organisationSettings() : try await settle.updateOrganisationSettings(change)
            }
            let rows = [
                ["bank_name", settings.bankName],
                ["iban", IBAN.grouped(settings.iban)],
                ["bic", settings.bic],
                ["signature", output.format == .json ? settings.signature : settings.signature.replacingOccurrences(of: "\n", with: "\\n")],
                ["sender_name", settings.senderName],
                ["sender_email", settings.senderEmail],
                ["reply_to", settings.replyTo],
                ["address", settings.address.joined(separator: " | ")],
                ["match_threshold", String(settings.matchThreshold)],
                ["cycle_time", settings.cycleTime.description],
            ]
            if output.format == .json {
                print(JSONOutput.string(Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })), terminator: "")
            } else {
                print(Table(columns: ["setting", "value"], rows: rows).render(output.format), terminator: "")
            }
        }
    }
}
