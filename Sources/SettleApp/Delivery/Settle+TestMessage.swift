import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// Sends one test message through the configured courier of a channel (email over SMTP, a text
    /// through the SMS gateway) from the organisation's sender identity, to check the settings.
    /// Nothing is written to the outbox. Fails clearly when the channel is not configured.
    public func sendTestMessage(_ channel: MessageChannel, to recipient: String, couriers: [any MessageCourier]) async throws -> CourierOutcome {
        guard channel == .email || channel == .sms else { throw InputError("only email and SMS can be tested") }
        guard let courier = couriers.first(where: { $0.channel == channel }) else {
            throw InputError(channel == .email
                ? "no SMTP server is configured (smtp.url, SETTLE_SMTP_URL): see docs/configuration.md"
                : "no SMS gateway is configured (sms.url, SETTLE_SMS_URL): see docs/configuration.md")
        }
        let address = recipient.trimmingCharacters(in: .whitespaces)
        if channel == .email {
            _ = try EmailAddressRule.checked(address, option: "the address")
        } else {
            guard let first = address.first, first == "+", address.dropFirst().allSatisfy(\.isNumber), (8...16).contains(address.count) else {
                throw InputError("the number must be in international form, such as +4930123456")
            }
        }
        let org = try await organisation()
        let identity = SenderIdentity(organisation: org.organisation.name, slug: org.organisation.slug,
                                      settings: try await organisationSettings())
        let now = time.now()
        let text = "This is a test message from Settle for \(org.organisation.name). If it reached you, \(channel.rawValue) is set up."
        let message = StoredMessage(test: channel, recipient: address, subject: "Settle test message", text: text,
                                    html: "<p>\(text)</p>", day: today(for: org), now: Self.instantText(now))
        let content = try courier.content(of: message, client: "test", from: identity, links: nil, attachments: [], at: now)
        return await courier.send([(message, content.bytes)], from: identity).first ?? .failed("the courier gave no answer")
    }
}
