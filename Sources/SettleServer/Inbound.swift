import Foundation
import SettleApp

/// What the inbound webhooks check requests with (docs/inbound.md).
public struct InboundSettings: Sendable {
    /// The Twilio auth token that signs inbound texts; nil refuses every inbound text.
    public var smsAuthToken: Secret?
    /// The bearer secret of the inbound email webhook; nil refuses every inbound email.
    public var emailSecret: Secret?

    public init(smsAuthToken: Secret? = nil, emailSecret: Secret? = nil) {
        self.smsAuthToken = smsAuthToken
        self.emailSecret = emailSecret
    }

    /// The settings' `sms.auth_token` (else the auth token of `sms.url`) and `email.inbound_secret`.
    public init(settings: SettleSettings) {
        self.init(smsAuthToken: settings.smsSigningToken, emailSecret: settings.inbound.emailSecret)
    }
}
