import Foundation
import NIOCore
import NIOSSL

extension SMTPClient {
    /// Greeting, EHLO, STARTTLS as configured, AUTH when there is a user.
    func openSession() async throws {
        try check(await readReply(), after: "connect", 220)
        try await hello()
        if !isEncrypted && configuration.security != .none {
            if extensions["STARTTLS"] != nil {
                try await startTLS()
            } else if configuration.security == .startTLSRequired {
                throw SMTPError.connection("the server does not offer STARTTLS, which the configuration requires")
            }
        }
        if let username = configuration.username {
            try await authenticate(username, configuration.password ?? "")
        }
        logger.debug(
            "session open",
            metadata: ["server": "\(configuration)", "encrypted": "\(isEncrypted)", "auth": "\(authenticatedWith?.rawValue ?? "none")"])
    }

    /// EHLO, falling back to HELO for a server that does not know it.
    private func hello() async throws {
        let reply = try await command("EHLO \(configuration.heloName)")
        if reply.code == 250 {
            extensions = Self.extensions(of: reply)
            return
        }
        guard (500..<600).contains(reply.code) else { throw SMTPError.unexpected(reply, after: "EHLO") }
        try await expect("HELO \(configuration.heloName)", 250)
        extensions = [:]
    }

    /// `250-SIZE 1000`, `250 AUTH PLAIN LOGIN` -> ["SIZE": ["1000"], "AUTH": ["PLAIN", "LOGIN"]];
    /// the first line is the server's greeting, not an extension.
    static func extensions(of reply: SMTPReply) -> [String: [String]] {
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            extensions[keyword] = Array(words.dropFirst())
        }
        return extensions
    }

    /// STARTTLS: after the server's 220, TLS goes in front of everything on the
    /// connection, and the session starts over with EHLO (RFC 3207).
    private func startTLS() async throws {
        guard let tlsContext else { throw SMTPError.connection("no TLS context") }
        try await expect("STARTTLS", 220)
        let channel = self.channel
        let serverHostname = Self.serverName(configuration.host)
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname), position: .first)
            }.get()
        } catch {
            throw SMTPError.connection("cannot start TLS: \(error)")
        }
        isEncrypted = true
        try await hello()
    }

    /// AUTH with the configured mechanism, else PLAIN, else LOGIN, as the server offers.
    private func authenticate(_ username: String, _ password: String) async throws {
        let offered = Set(extensions["AUTH"] ?? [])
        let mechanism =
            configuration.authMechanism
            ?? [.plain, .login].first { offered.contains($0.rawValue) }
        guard let mechanism else {
            throw SMTPError.connection("the server offers no AUTH mechanism Settle supports (PLAIN, LOGIN)")
        }
        switch mechanism {
        case .plain:
            let token = Self.base64("\u{0}\(username)\u{0}\(password)")
            try await expect("AUTH PLAIN \(token)", logged: "AUTH PLAIN ***", 235)
        case .login:
            try await expect("AUTH LOGIN", 334)
            try await expect(Self.base64(username), logged: "(user name)", 334)
            try await expect(Self.base64(password), logged: "(password)", 235)
        }
        authenticatedWith = mechanism
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// Certificates are verified against the system's roots plus the configured file.
    static func makeTLSContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let file = configuration.trustedCertificateFile {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(file))]
            }
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.connection("cannot set up TLS (\(configuration.trustedCertificateFile ?? "system roots")): \(error)")
        }
    }

    /// The name sent for SNI and checked against the certificate; an IP address
    /// cannot go in SNI, and is then checked against the peer's address instead.
    static func serverName(_ host: String) -> String? {
        let isAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        return isAddress ? nil : host
    }
}
