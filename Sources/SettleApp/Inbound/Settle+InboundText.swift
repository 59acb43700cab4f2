import Foundation
import SettleCore
import SettleStore

/// The keywords of a text that Twilio and the CTIA guidelines give a meaning: the whole text,
/// in any case, is the keyword.
public enum TextKeyword: String, Sendable, CaseIterable {
    case stop, start, help

    static let words: [String: TextKeyword] = [
        "STOP": .stop, "STOPALL": .stop, "UNSUBSCRIBE": .stop, "CANCEL": .stop, "END": .stop, "QUIT": .stop,
        "START": .start, "YES": .start, "UNSTOP": .start,
        "HELP": .help, "INFO": .help,
    ]

    /// The keyword a text is, if it is one (`Stop`, ` stop. ` and `STOP!` are; `please stop` is not).
    public init?(text: String) {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).uppercased()
        guard let keyword = Self.words[word] else { return nil }
        self = keyword
    }
}

/// What an inbound text did, and the answer to text back (nil: none).
public struct InboundTextResult: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case optedOut = "opted_out", optedIn = "opted_in", help, reply
        /// No client of the organisation has the number: nothing was recorded.
        case unknownSender = "unknown_sender"
    }

    public var outcome: Outcome
    /// The codes of the clients it concerned.
    public var clients: [String]
    public var answer: String?
}

extension Settle {
    /// A text from a client's number: `STOP` (and its synonyms) opts every client with that
    /// number out of texts (queued ones are then cancelled by delivery), `START` opts them back in,
    /// `HELP` is answered; anything else is a reply, on the client's timeline and the worklist.
    /// - Parameter messageID: the provider's id of the text (Twilio's MessageSid), so a text
    ///   delivered twice is recorded once.
    public func receiveText(from sender: String, body: String, messageID: String) async throws -> InboundTextResult {
        let org = try await organisation()
        let today = today(for: org)
        let clients = ClientStore(database.sql, orgID: org.id)
        let ids = try await clients.clientIDs(phoneDigits: ClientStore.phoneDigits(sender))
        var codes: [String] = []
        for id in ids { if let client = try await clients.find(id: id) { codes.append(client.client.code) } }
        let name = org.organisation.name
        let keyword = TextKeyword(text: body)
        if keyword == .help {
            return InboundTextResult(outcome: .help, clients: codes, answer: Self.textHelp(organisation: name))
        }
        guard !ids.isEmpty else { return InboundTextResult(outcome: .unknownSender, clients: [], answer: nil) }
        let now = timestamp
        switch keyword {
        case .stop:
            try await database.transaction { sql in
                let preferences = ContactPreferenceStore(sql, orgID: org.id)
                for id in ids {
                    guard try await !preferences.preferences(clientID: id).optedOut.contains(.sms) else { continue }
                    try await preferences.add(clientID: id, channel: .sms, day: today, note: "\(body.trimmed) by text from \(sender)", now: now)
                }
            }
            return InboundTextResult(outcome: .optedOut, clients: codes,
                                     answer: "You will get no more texts from \(name). Reply START to get them again.")
        case .start:
            try await database.transaction { sql in
                for id in ids {
                    try await ContactPreferenceStore(sql, orgID: org.id).revoke(clientID: id, channel: .sms, day: today,
                                                                                note: "\(body.trimmed) by text from \(sender)")
                }
            }
            return InboundTextResult(outcome: .optedIn, clients: codes,
                                     answer: "You will get texts from \(name) again. Reply STOP to stop them.")
        case .help, nil:
            try await database.transaction { sql in
                for id in ids {
                    let reply = NewReply(clientID: id, channel: .sms, sender: sender, subject: "", text: body, externalID: messageID,
                                         messageID: nil, day: today)
                    guard let replyID = try await ReplyStore(sql, orgID: org.id).add(reply, now: now) else { continue }
                    try await TaskStore(sql, orgID: org.id).add(
                        key: "reply/\(replyID)", kind: .reply, clientID: id, invoiceID: nil,
                        reason: "Text from \(sender): \(body.excerpt)", day: today, now: now)
                    let code = try await ClientStore(sql, orgID: org.id).find(id: id)?.client.code ?? ""
                    try await EventPublisher(sql: sql, organisation: org, now: now)
                        .replyReceived(reply: "reply/\(replyID)", client: code, invoice: nil, from: sender, subject: "", receivedAt: now)
                }
            }
            return InboundTextResult(outcome: .reply, clients: codes, answer: nil)
        }
    }

    /// The answer to `HELP`: who writes and how to stop.
    static func textHelp(organisation name: String) -> String {
        "\(name): texts about your invoices. Reply STOP to stop them, START to get them again. Questions: reply to any of our emails."
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The first 200 characters on one line, for a task's reason.
    var excerpt: String {
        let line = split(whereSeparator: \.isNewline).joined(separator: " ").trimmed
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }
}
