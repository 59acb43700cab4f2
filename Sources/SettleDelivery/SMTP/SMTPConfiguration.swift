import Foundation

/// Where and how to reach the SMTP server, read from `SETTLE_SMTP_URL`:
/// `smtp://user:pass@host:port` (STARTTLS when offered), `smtps://...` (implicit
/// TLS, port 465), with `?starttls=required|never`, `?ca=/path.pem` (trust this
/// CA or self-signed certificate as well as the system's), `?helo=name`,
/// `?auth=plain|login` and `?timeout=seconds`. Certificates are always verified.
public struct SMTPConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
        /// STARTTLS is required; the message is not sent without it.
        case startTLSRequired
        /// STARTTLS when the server offers it, else in the clear.
        case startTLSOpportunistic
        /// Never STARTTLS (a local relay).
        case none
    }

    /// An AUTH mechanism the client can use.
    public enum AuthMechanism: String, Sendable, Hashable {
        case plain = "PLAIN"
        case login = "LOGIN"
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The user to authenticate as; no AUTH without it.
    public var username: String?
    /// The password; never logged or printed.
    public var password: String?
    /// How the connection is protected.
    public var security: Security
    /// A PEM file of certificates trusted in addition to the system's (tests, private CAs).
    public var trustedCertificateFile: String?
    /// The name the client gives in EHLO.
    public var heloName: String
    /// The mechanism to use; nil picks PLAIN, then LOGIN, among those the server offers.
    public var authMechanism: AuthMechanism?
    /// How long to wait for a connection or a reply.
    public var timeout: Duration

    /// A configuration from its parts.
    public init(
        host: String, port: Int, username: String? = nil, password: String? = nil,
        security: Security = .startTLSOpportunistic, trustedCertificateFile: String? = nil,
        heloName: String = "localhost", authMechanism: AuthMechanism? = nil, timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.trustedCertificateFile = trustedCertificateFile
        self.heloName = heloName
        self.authMechanism = authMechanism
        self.timeout = timeout
    }

    /// Reads a `smtp://` or `smtps://` URL; throws `SMTPConfigurationError` naming what is wrong.
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw SMTPConfigurationError("not a URL (expected smtp://user:pass@host:port)")
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw SMTPConfigurationError("scheme \(scheme) is not smtp or smtps")
        }
        guard let host = url.host, !host.isEmpty else { throw SMTPConfigurationError("no host") }
        var security: Security = scheme == "smtps" ? .implicitTLS : .startTLSOpportunistic
        var trusted: String?
        var helo = "localhost"
        var mechanism: AuthMechanism?
        var timeout = Duration.seconds(30)
        for item in url.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "starttls":
                guard scheme == "smtp" else { throw SMTPConfigurationError("starttls does not apply to smtps") }
                switch value {
                case "required": security = .startTLSRequired
                case "never": security = .none
                case "opportunistic": security = .startTLSOpportunistic
                default: throw SMTPConfigurationError("starttls=\(value) is not required, never or opportunistic")
                }
            case "ca": trusted = value
            case "helo": helo = value
            case "auth":
                guard let chosen = AuthMechanism(rawValue: value.uppercased()) else {
                    throw SMTPConfigurationError("auth=\(value) is not plain or login")
                }
                mechanism = chosen
            case "timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw SMTPConfigurationError("timeout=\(value) is not a positive number of seconds")
                }
                timeout = .seconds(seconds)
            default: throw SMTPConfigurationError("unknown parameter \(item.name)")
            }
        }
        if let port = url.port, !(1...65535).contains(port) { throw SMTPConfigurationError("port \(port) out of range") }
        self.init(
            host: host, port: url.port ?? (scheme == "smtps" ? 465 : 587),
            username: url.user.flatMap { $0.isEmpty ? nil : $0 }, password: url.password,
            security: security, trustedCertificateFile: trusted, heloName: helo,
            authMechanism: mechanism, timeout: timeout)
    }

    /// The configuration with the password hidden, safe for logs.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { $0 + (password == nil ? "" : ":***") + "@" } ?? ""
        return "\(scheme)://\(user)\(host):\(port) (\(security.rawValue))"
    }
}

/// A `SETTLE_SMTP_URL` that cannot be used, with what is wrong (never the password).
public struct SMTPConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String

    init(_ reason: String) { self.reason = reason }

    /// `SETTLE_SMTP_URL: <reason>`.
    public var description: String { "SETTLE_SMTP_URL: \(reason)" }
}
