import Foundation

/// How to reach the SMS provider, read from `SETTLE_SMS_URL`:
/// `twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=+15005550006`, or
/// `?messaging_service=MG...` instead of `from`. The host is the provider's API
/// host (HTTPS); `?base=http://127.0.0.1:8080` replaces the whole base URL (a
/// local test server or a Twilio-compatible gateway); `?timeout=seconds` bounds one
/// request. The account SID and auth token are sent as HTTP Basic auth.
public struct SMSConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Who the texts come from.
    public enum Sender: Sendable, Hashable {
        /// A phone number in E.164 form, or an alphanumeric sender ID.
        case number(String)
        /// A Twilio Messaging Service, which picks the number itself (`MessagingServiceSid`).
        case messagingService(String)
    }

    /// The provider's base URL, without a trailing slash: `https://api.twilio.com`.
    public var baseURL: String
    /// The account the texts are sent from (`AC...`); part of the request path.
    public var accountSID: String
    /// The account's auth token; never logged or printed.
    public var authToken: String
    /// Who the texts come from.
    public var sender: Sender
    /// How long one request may take, connection included.
    public var timeout: Duration

    /// A configuration from its parts.
    public init(
        baseURL: String = "https://api.twilio.com", accountSID: String, authToken: String,
        sender: Sender, timeout: Duration = .seconds(30)
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.accountSID = accountSID
        self.authToken = authToken
        self.sender = sender
        self.timeout = timeout
    }

    /// Reads a `twilio://` URL; throws `SMSConfigurationError` naming what is wrong.
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw SMSConfigurationError("not a URL (expected twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=+15005550006)")
        }
        guard scheme == "twilio" else { throw SMSConfigurationError("scheme \(scheme) is not twilio") }
        guard let host = url.host, !host.isEmpty else { throw SMSConfigurationError("no host (the provider's API host, such as api.twilio.com)") }
        guard let account = url.user, !account.isEmpty else { throw SMSConfigurationError("no account SID before the @") }
        guard account.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw SMSConfigurationError("the account SID may hold only letters and digits")
        }
        guard let token = url.password, !token.isEmpty else { throw SMSConfigurationError("no auth token after the account SID") }
        if let port = url.port, !(1...65535).contains(port) { throw SMSConfigurationError("port \(port) out of range") }
        var base = "https://\(host)" + (url.port.map { ":\($0)" } ?? "")
        var from: String?, service: String?
        var timeout = Duration.seconds(30)
        for item in url.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "from": from = value
            case "messaging_service": service = value
            case "base":
                guard let override = URLComponents(string: value), let overrideScheme = override.scheme?.lowercased(),
                      ["http", "https"].contains(overrideScheme), override.host?.isEmpty == false,
                      override.user == nil, override.query == nil else {
                    throw SMSConfigurationError("base=\(value) is not an http:// or https:// URL without credentials or query")
                }
                base = value
            case "timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw SMSConfigurationError("timeout=\(value) is not a positive number of seconds")
                }
                timeout = .seconds(seconds)
            default: throw SMSConfigurationError("unknown parameter \(item.name)")
            }
        }
        let sender: Sender
        switch (from, service) {
        case (let number?, nil):
            guard SMSText.isE164(number) || SMSText.isAlphanumericSenderID(number) else {
                throw SMSConfigurationError("from=\(number) is neither an E.164 number (+ and up to 15 digits; write + as %2B if your shell or tool turns it into a space) nor an alphanumeric sender ID")
            }
            sender = .number(number)
        case (nil, let sid?):
            guard !sid.isEmpty, sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw SMSConfigurationError("messaging_service=\(sid) is not a Messaging Service SID (MG...)")
            }
            sender = .messagingService(sid)
        case (nil, nil): throw SMSConfigurationError("no sender: add ?from=+E164NUMBER or ?messaging_service=MG...")
        case (_?, _?): throw SMSConfigurationError("give either from or messaging_service, not both")
        }
        self.init(baseURL: base, accountSID: account, authToken: token, sender: sender, timeout: timeout)
    }

    /// Where new messages are POSTed: `{base}/2010-04-01/Accounts/{AccountSid}/Messages.json`.
    public var messagesURL: String { "\(baseURL)/2010-04-01/Accounts/\(accountSID)/Messages.json" }

    /// The configuration with the token hidden, safe for logs.
    public var description: String {
        let from: String
        switch sender {
        case .number(let number): from = "from \(number)"
        case .messagingService(let sid): from = "messaging service \(sid)"
        }
        return "\(baseURL) account \(accountSID):*** \(from)"
    }
}

/// A `SETTLE_SMS_URL` that cannot be used, with what is wrong (never the token).
public struct SMSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String

    init(_ reason: String) { self.reason = reason }

    /// `SETTLE_SMS_URL: <reason>`.
    public var description: String { "SETTLE_SMS_URL: \(reason)" }
}
