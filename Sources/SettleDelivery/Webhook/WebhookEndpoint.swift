import Foundation

/// Where an organisation receives its webhook events, and the secret both sides
/// share to sign them.
public struct WebhookEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The `http://` or `https://` URL events are POSTed to.
    public var url: String
    /// The signing secret; never logged or printed.
    public var secret: String
    /// How long one request may take, connection included.
    public var timeout: Duration

    /// The shortest secret accepted: 16 characters.
    public static let minimumSecretLength = 16

    /// An endpoint; throws `WebhookEndpointError` for a URL that is not http(s), that
    /// carries credentials, or a secret shorter than 16 characters.
    public init(url: String, secret: String, timeout: Duration = .seconds(30)) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme) else {
            throw WebhookEndpointError("the URL is not an http:// or https:// URL")
        }
        guard components.host?.isEmpty == false else { throw WebhookEndpointError("the URL has no host") }
        guard components.user == nil, components.password == nil else {
            throw WebhookEndpointError("the URL carries credentials; remove them: the signature authenticates Settle")
        }
        guard secret.count >= Self.minimumSecretLength else {
            throw WebhookEndpointError("the secret has \(secret.count) characters; use at least \(Self.minimumSecretLength) random ones")
        }
        self.url = url
        self.secret = secret
        self.timeout = timeout
    }

    /// Scheme, host, port and path only (a query may hold a token), safe for logs.
    public var description: String {
        guard var components = URLComponents(string: url) else { return "webhook endpoint" }
        components.query = nil
        components.fragment = nil
        return components.string ?? "webhook endpoint"
    }
}

/// A webhook endpoint that cannot be used, with what is wrong (never the secret).
public struct WebhookEndpointError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String

    init(_ reason: String) { self.reason = reason }

    /// `webhook endpoint: <reason>`.
    public var description: String { "webhook endpoint: \(reason)" }
}
