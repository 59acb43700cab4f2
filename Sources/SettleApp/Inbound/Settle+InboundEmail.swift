import Crypto
import Foundation
import SettleCore
import SettleStore

/// An email that came back to the organisation, as an email provider's inbound webhook hands it over.
public struct InboundEmail: Sendable, Hashable {
    /// `ap@acme.example` or `Acme AP <ap@acme.example>`.
    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    /// Its Message-ID.
    public var messageID: String
    public var inReplyTo: String?
    /// The Message-IDs of the References header.
    public var references: [String]

    public init(from: String, to: String, subject: String, text: String, messageID: String, inReplyTo: String?, references: [String]) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
    }

    /// The address of `from`, without the name.
    public var sender: String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from.trimmed }
        return String(from[from.index(after: open)..<close]).trimmed
    }

    /// Its Message-ID, or (when the provider gave none) one derived from its content, so that
    /// the same email delivered twice is recorded once.
    var externalID: String {
        guard messageID.trimmed.isEmpty else { return messageID.trimmed }
        let digest = SHA256.hash(data: Array((from + "\n" + subject + "\n" + text).utf8))
        return "sha256:" + digest.lowercaseHex
    }
}

/// What an inbound email did.
public enum InboundEmailOutcome: Sendable, Hashable {
    /// A reply, attached to these clients (and through the message it answers, to its invoices).
    case reply(clients: [String], invoices: [String])
    /// A delivery status notification: the address is marked bounced for these clients.
    case bounce(address: String, clients: [String])
    /// A notification that delivery is only delayed: nothing to do.
    case delayed
    /// Neither the reply chain nor the sender's address is known: nothing was recorded.
    case unknownSender
}

extension Settle {
    /// An email to the organisation: a delivery status notification marks the failed address as
    /// bounced (no more email goes to it) with a task; anything else is a reply, attached to the
    /// client of the message it answers (In-Reply-To, References) or else to the clients with the
    /// sender's address, on the timeline and the worklist.
    public func receiveEmail(_ email: InboundEmail) async throws -> InboundEmailOutcome {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        let outbox = OutboxStore(database.sql, orgID: org.id)
        let answered = try await outbox.sentEmail(messageIDs: [email.inReplyTo].compactMap { $0 } + email.references)
        let invoices: [(id: Int64, number: InvoiceNumber)]
        if let answered { invoices = try await outbox.invoiceNumbers(ofMessage: answered.id) } else { invoices = [] }
        if let notice = DeliveryStatusNotification(sender: email.sender, subject: email.subject, text: email.text) {
            guard notice.permanent else { return .delayed }
            guard let address = notice.recipient ?? answered?.recipient else { return .unknownSender }
            return try await database.transaction { sql -> InboundEmailOutcome in
                let clients = ClientStore(sql, orgID: org.id)
                var codes: [String] = []
                for id in try await clients.markBounced(email: address, day: today, reason: notice.reason) {
                    guard let client = try await clients.find(id: id) else { continue }
                    codes.append(client.client.code)
                    try await TaskStore(sql, orgID: org.id).add(
                        key: "bounce/\(client.client.code)/\(address.lowercased())/\(today)", kind: .bounce, clientID: id,
                        invoiceID: answered?.clientID == id ? invoices.first?.id : nil,
                        reason: "Email to \(address) bounced (\(notice.reason)): correct the address or ask the client for another",
                        day: today, now: now)
                }
                return codes.isEmpty ? .unknownSender : .bounce(address: address, clients: codes)
            }
        }
        let clientIDs: [Int64]
        if let answered { clientIDs = [answered.clientID] } else {
            clientIDs = try await ClientStore(database.sql, orgID: org.id).clientIDs(email: email.sender)
        }
        guard !clientIDs.isEmpty else { return .unknownSender }
        return try await database.transaction { sql -> InboundEmailOutcome in
            var codes: [String] = []
            for id in clientIDs {
                guard let client = try await ClientStore(sql, orgID: org.id).find(id: id) else { continue }
                codes.append(client.client.code)
                let reply = NewReply(clientID: id, channel: .email, sender: email.sender, subject: email.subject, text: email.text,
                                     externalID: email.externalID, messageID: answered?.id, day: today)
                guard let replyID = try await ReplyStore(sql, orgID: org.id).add(reply, now: now) else { continue }
                let about = invoices.isEmpty ? "" : " about \(invoices.map(\.number.value).joined(separator: ", "))"
                try await TaskStore(sql, orgID: org.id).add(
                    key: "reply/\(replyID)", kind: .reply, clientID: id, invoiceID: invoices.first?.id,
                    reason: "Email from \(email.sender)\(about): \(email.subject.excerpt) — \(email.text.excerpt)", day: today, now: now)
                try await EventPublisher(sql: sql, organisation: org, now: now)
                    .replyReceived(reply: "reply/\(replyID)", client: client.client.code, invoice: invoices.first?.number.value,
                                   from: email.sender, subject: email.subject, receivedAt: now)
            }
            return .reply(clients: codes, invoices: invoices.map(\.number.value))
        }
    }
}
