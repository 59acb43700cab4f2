import Foundation
import SettleCore
import SettleDelivery
import SettleStore

/// What became of one message handed to a courier.
public enum CourierOutcome: Sendable, Hashable {
    case sent
    /// Not delivered; the text keeps the server's or provider's answer.
    case failed(String)
    /// Not delivered for now (the server unreachable, busy, or asking to try later): the message
    /// goes back to the queue for a later run.
    case deferred(String)
}

/// Who the messages come from: the organisation's sender identity.
public struct SenderIdentity: Sendable, Hashable {
    public var organisation: String
    public var slug: String
    public var settings: OrganisationSettings

    public init(organisation: String, slug: String, settings: OrganisationSettings) {
        self.organisation = organisation
        self.slug = slug
        self.settings = settings
    }
}

/// Carries the messages of one channel: writes the exact bytes to store before sending, and
/// sends a batch of them.
public protocol MessageCourier: Sendable {
    var channel: MessageChannel { get }
    /// The bytes that will be sent for the message, and its Message-ID where the channel has one.
    func content(of message: StoredMessage, client: String, from sender: SenderIdentity, links: ClientLinkSigner?,
                 attachments: [EmailAttachment], at instant: Date) throws -> (bytes: [UInt8], messageID: String?)
    /// Sends the messages with their stored bytes; one outcome each, in order.
    func send(_ batch: [(message: StoredMessage, content: [UInt8])], from sender: SenderIdentity) async -> [CourierOutcome]
}

/// Email over SMTP (`SETTLE_SMTP_URL`), from the organisation's own address.
public struct EmailCourier: MessageCourier {
    public let sender: SMTPSender
    public var channel: MessageChannel { .email }

    public init(sender: SMTPSender) {
        self.sender = sender
    }

    public func content(of message: StoredMessage, client: String, from identity: SenderIdentity, links: ClientLinkSigner?,
                        attachments: [EmailAttachment], at instant: Date) throws -> (bytes: [UInt8], messageID: String?) {
        let settings = identity.settings
        guard !settings.senderEmail.isEmpty else {
            throw InputError("no sender address: set the organisation's own with `settle org settings --sender-email ...`")
        }
        let email = EmailMessage(
            from: EmailAddress(settings.senderEmail, name: settings.senderName.isEmpty ? identity.organisation : settings.senderName),
            to: [EmailAddress(message.recipient)],
            replyTo: settings.replyTo.isEmpty ? nil : EmailAddress(settings.replyTo),
            subject: message.subject, text: message.text, html: message.html.isEmpty ? nil : message.html,
            attachments: attachments,
            idempotencyKey: "\(identity.slug)/\(message.key)",
            listUnsubscribeURL: links?.unsubscribeURL(organisation: identity.slug, client: client, messageDay: message.day))
        return (MIMEWriter().bytes(of: email, date: instant), MIMEWriter.messageID(of: email))
    }

    public func send(_ batch: [(message: StoredMessage, content: [UInt8])], from identity: SenderIdentity) async -> [CourierOutcome] {
        let outcomes = await sender.send(envelopes: batch.map { message, content in
            SMTPEnvelope(sender: identity.settings.senderEmail, recipients: [message.recipient], data: content)
        })
        return outcomes.map { outcome in
            switch outcome {
            case .delivered: .sent
            case .failed(let error, let attempts) where error.isTransient:
                .deferred("\(error) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))")
            case .failed(let error, let attempts): .failed("\(error) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))")
            }
        }
    }
}

