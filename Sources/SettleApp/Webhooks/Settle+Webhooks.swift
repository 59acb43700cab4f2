import Foundation
import SettleCore
import SettleDelivery
import SettleStore

/// A subscription just created, with its secret: the only time the secret is shown.
public struct CreatedWebhookSubscription: Sendable {
    public var subscription: StoredWebhookSubscription
    public var secret: String
}

/// Why a subscription cannot be created, field by field (`url`, `events`, `secret`).
public struct WebhookSubscriptionRejected: Error, Sendable, CustomStringConvertible {
    public var problems: [(field: String, message: String)]

    public var description: String { problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
}

extension Settle {
    /// Hosts an `http://` URL may name: the machine itself, for development. Anything else must be
    /// `https://`, so events and their signatures do not cross a network in clear text.
    public static let plainHTTPWebhookHosts: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]

    /// Subscribes `url` to `events`, signed with `secret` (at least 16 characters), or with a new
    /// random secret of 256 bits when none is given. Throws `WebhookSubscriptionRejected` naming
    /// each field that is wrong.
    public func subscribeWebhook(url: String, events: [String], secret: String?) async throws -> CreatedWebhookSubscription {
        let org = try await organisation()
        var problems: [(field: String, message: String)] = []
        let secret = secret ?? Self.newWebhookSecret()
        do {
            _ = try WebhookEndpoint(url: url, secret: String(repeating: "x", count: WebhookEndpoint.minimumSecretLength))
            let components = URLComponents(string: url)
            let host = components?.host?.lowercased() ?? ""
            if components?.scheme?.lowercased() != "https", !Self.plainHTTPWebhookHosts.contains(host) {
                problems.append(("url", "must be https:// (http:// only for localhost or 127.0.0.1)"))
            }
            if url.count > 2000 { problems.append(("url", "is longer than 2000 characters")) }
        } catch let error as WebhookEndpointError {
            problems.append(("url", error.reason))
        }
        let known = Set(WebhookEventType.allCases.map(\.rawValue))
        if events.isEmpty { problems.append(("events", "name at least one event type")) }
        for event in events where !known.contains(event) {
            problems.append(("events", "\"\(event)\" is not an event type; use \(WebhookEventType.allCases.sorted().map(\.rawValue).joined(separator: ", "))"))
        }
        if secret.count < WebhookEndpoint.minimumSecretLength || secret.count > 200 {
            problems.append(("secret", "must have \(WebhookEndpoint.minimumSecretLength) to 200 characters (leave it out to get a random one)"))
        }
        guard problems.isEmpty else { throw WebhookSubscriptionRejected(problems: problems) }
        let publicID = "whk_" + String(format: "%016llx", UInt64.random(in: .min ... .max))
        let stored = try await WebhookSubscriptionStore(database.sql, orgID: org.id)
            .add(publicID: publicID, url: url, events: events, secret: secret, now: timestamp)
        return CreatedWebhookSubscription(subscription: stored, secret: secret)
    }

    /// The organisation's subscriptions, disabled ones too (never their secrets).
    public func webhookSubscriptions() async throws -> [StoredWebhookSubscription] {
        let org = try await organisation()
        return try await WebhookSubscriptionStore(database.sql, orgID: org.id).list()
    }

    /// Disables a subscription: nothing more is sent to it, including what was still pending.
    /// Disabling it again changes nothing.
    public func disableWebhook(_ publicID: String) async throws {
        let org = try await organisation()
        let now = timestamp
        let disabled = try await database.transaction { sql in
            try await WebhookSubscriptionStore(sql, orgID: org.id).disable(publicID: publicID, now: now)
        }
        guard disabled else { throw InputError("no webhook subscription \(publicID)") }
    }

    /// A page of a subscription's delivery log, newest first, after delivery `before` when given.
    public func webhookDeliveries(_ publicID: String, before: Int64?, limit: Int) async throws -> [StoredWebhookDelivery] {
        let org = try await organisation()
        guard let subscription = try await WebhookSubscriptionStore(database.sql, orgID: org.id).find(publicID: publicID) else {
            throw InputError("no webhook subscription \(publicID)")
        }
        return try await WebhookDeliveryStore(database.sql, orgID: org.id).log(subscriptionID: subscription.id, before: before, limit: limit)
    }

    /// `whsec_` and 32 random bytes, base64url.
    static func newWebhookSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + ClientLinkSigner.base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}
