import AsyncHTTPClient
import Foundation
import SettleCore
import SettleDelivery
import SettleStore

/// Text messages through the provider in `sms.url` (`SETTLE_SMS_URL`) (Twilio's REST shape). The text is the
/// message's subject and body, shortened to fit with the opt-out line in the client's language.
public struct SMSCourier: MessageCourier {
    public let sender: SMSSender
    public var channel: MessageChannel { .sms }

    public init(sender: SMSSender) {
        self.sender = sender
    }

    /// The text as sent: `Subject`, a blank line, the body, the opt-out line.
    public static func text(of message: StoredMessage) -> String {
        SMSText.withOptOut(message.subject + "\n\n" + message.text, language: message.language)
    }

    public func content(of message: StoredMessage, client: String, from identity: SenderIdentity, links: ClientLinkSigner?,
                        attachments: [EmailAttachment], at instant: Date) throws -> (bytes: [UInt8], messageID: String?) {
        (Array(Self.text(of: message).utf8), nil)
    }

    public func send(_ batch: [(message: StoredMessage, content: [UInt8])], from identity: SenderIdentity) async -> [CourierOutcome] {
        let outcomes = await sender.send(batch.map { message, content in
            SMSMessage(to: message.recipient, body: String(decoding: content, as: UTF8.self),
                       idempotencyKey: "\(identity.slug)/\(message.key)")
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

/// Webhook events to the endpoint in `webhook.url`, signed with `webhook.secret`.
/// The event's JSON was written when the message was queued; those are the bytes posted.
public struct WebhookCourier: MessageCourier {
    public let sender: WebhookSender
    public let endpoint: WebhookEndpoint
    public var channel: MessageChannel { .webhook }

    public init(sender: WebhookSender, endpoint: WebhookEndpoint) {
        self.sender = sender
        self.endpoint = endpoint
    }

    public func content(of message: StoredMessage, client: String, from identity: SenderIdentity, links: ClientLinkSigner?,
                        attachments: [EmailAttachment], at instant: Date) throws -> (bytes: [UInt8], messageID: String?) {
        (Array(message.text.utf8), nil)
    }

    public func send(_ batch: [(message: StoredMessage, content: [UInt8])], from identity: SenderIdentity) async -> [CourierOutcome] {
        var outcomes: [CourierOutcome] = []
        for (message, content) in batch {
            switch await sender.send(WebhookEvent(id: "\(identity.slug)/\(message.key)", body: content), to: endpoint) {
            case .delivered: outcomes.append(.sent)
            case .failed(let error, let attempts) where error.isTransient:
                outcomes.append(.deferred("\(error) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))"))
            case .failed(let error, let attempts):
                outcomes.append(.failed("\(error) (after \(attempts) attempt\(attempts == 1 ? "" : "s"))"))
            }
        }
        return outcomes
    }
}

/// The couriers the settings configure, with the HTTP client they share; shut it down after use.
public struct ConfiguredCouriers: Sendable {
    public var couriers: [any MessageCourier]
    let client: HTTPClient?

    public func shutdown() async {
        try? await client?.shutdown()
    }
}

extension Settle {
    /// Email when `smtp.url` (`SETTLE_SMTP_URL`) is set, text messages when `sms.url` is,
    /// webhooks when `webhook.url` and `webhook.secret` are.
    public func configuredCouriers(_ settings: SettleSettings) -> ConfiguredCouriers {
        let clock = time
        var couriers: [any MessageCourier] = []
        if let smtp = settings.smtp {
            couriers.append(EmailCourier(sender: SMTPSender(configuration: smtp, now: { clock.now() })))
        }
        guard settings.sms != nil || settings.webhook != nil else { return ConfiguredCouriers(couriers: couriers, client: nil) }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .settleDelivery)
        if let sms = settings.sms { couriers.append(SMSCourier(sender: SMSSender(configuration: sms, client: client))) }
        if let endpoint = settings.webhook {
            couriers.append(WebhookCourier(sender: WebhookSender(client: client, now: { clock.now() }), endpoint: endpoint))
        }
        return ConfiguredCouriers(couriers: couriers, client: client)
    }
}
