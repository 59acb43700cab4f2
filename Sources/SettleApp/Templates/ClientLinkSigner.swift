import Crypto
import Foundation
import SettleCore

/// Who a portal link was made for, read back from a verified token.
public struct ClientLink: Sendable, Hashable {
    public var organisation: String
    public var client: String
    /// The first instant the link no longer works.
    public var expires: Date
}

/// Makes and checks the signed, expiring tokens of clients' portal links.
///
/// A token is `base64url(payload) "." base64url(HMAC-SHA256(payload))`, the payload being
/// the version, organisation slug, client code and expiry (Unix seconds) on separate lines
/// (neither a slug nor a client code can hold a line break). Whoever holds the link can
/// open that client's portal until it expires, so the secret must stay secret: it comes
/// from `server.secret` (`SETTLE_SECRET`) and is never printed.
public struct ClientLinkSigner: Sendable, CustomStringConvertible {
    /// Used when `SETTLE_SECRET` is unset: fine on a laptop, never in production.
    static let developmentSecret = "settle-development-secret-not-for-production-use"
    public static let defaultPublicURL = "http://localhost:8080"
    /// The shortest secret accepted.
    public static let minimumSecretLength = 32
    /// How long a link made for a message keeps working.
    public static let defaultValidityDays = 30

    private let key: SymmetricKey
    /// Where the portal is reached from outside, without a trailing slash.
    public let publicURL: String
    /// True when no `SETTLE_SECRET` was given and the development secret signs the links.
    public let usesDevelopmentSecret: Bool

    /// A signer with an explicit secret of at least 32 characters.
    public init(secret: String, publicURL: String = ClientLinkSigner.defaultPublicURL) throws(TemplateError) {
        guard secret.utf8.count >= Self.minimumSecretLength else { throw .weakSecret }
        self.init(key: SymmetricKey(data: Array(secret.utf8)), publicURL: publicURL, development: false)
    }

    private init(key: SymmetricKey, publicURL: String, development: Bool) {
        self.key = key
        var url = Substring(publicURL)
        while url.hasSuffix("/") { url = url.dropLast() }
        self.publicURL = String(url)
        usesDevelopmentSecret = development
    }

    /// The signer of the settings: `server.secret` and `server.public_url`; without a secret,
    /// the development secret signs.
    public init(settings: SettleSettings) {
        let url = settings.server.publicURL?.absoluteString ?? Self.defaultPublicURL
        let secret = settings.server.secret?.value
        self.init(key: SymmetricKey(data: Array((secret ?? Self.developmentSecret).utf8)), publicURL: url, development: secret == nil)
    }

    /// The development secret and the default public URL, as when nothing is set.
    public static let development = ClientLinkSigner(settings: SettleSettings())

    /// Never shows the secret.
    public var description: String {
        "ClientLinkSigner(publicURL: \(publicURL), secret: \(usesDevelopmentSecret ? "development" : "set"))"
    }

    /// A token for the client's portal, valid until `expires`.
    public func token(organisation: String, client: String, expires: Date) -> String {
        let payload = Data("1\n\(organisation)\n\(client)\n\(Int64(expires.timeIntervalSince1970))".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return Self.base64URL(payload) + "." + Self.base64URL(Data(mac))
    }

    /// The portal link put in a message written on `messageDay`: it works through the
    /// `validityDays`-th day after it (until midnight UTC that ends it).
    public func portalURL(organisation: String, client: String, messageDay: Day,
                          validityDays: Int = ClientLinkSigner.defaultValidityDays) -> String {
        let lastDay = messageDay.adding(days: validityDays + 1)
        let expires = Date(timeIntervalSince1970: TimeInterval(lastDay.daysSinceEpoch) * 86_400)
        return publicURL + "/portal/" + token(organisation: organisation, client: client, expires: expires)
    }

    /// The one-click unsubscribe link (RFC 8058) of an email written on `messageDay`; valid for a year.
    public func unsubscribeURL(organisation: String, client: String, messageDay: Day) -> String {
        let expires = Date(timeIntervalSince1970: TimeInterval(messageDay.adding(days: 366).daysSinceEpoch) * 86_400)
        return publicURL + "/unsubscribe/" + token(organisation: organisation, client: client, expires: expires)
    }

    /// The organisation and client of a genuine token that has not expired at `now`; nil for
    /// anything else. The signature is compared in constant time.
    public func verify(_ token: String, now: Date) -> ClientLink? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.data(base64URL: parts[0]), let mac = Self.data(base64URL: parts[1]),
              mac.count == SHA256.byteCount,
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key) else { return nil }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "1", let seconds = Int64(fields[3]) else { return nil }
        let expires = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard now < expires else { return nil }
        return ClientLink(organisation: String(fields[1]), client: String(fields[2]), expires: expires)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: Substring) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
