import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// What goes to the server for one message: the envelope sender and recipients
/// (RFC 5321) and the message's bytes as `MIMEWriter` wrote them.
public struct SMTPEnvelope: Sendable, Hashable {
    /// The envelope sender (`MAIL FROM`), where bounces go.
    public var sender: String
    /// The envelope recipients (`RCPT TO`).
    public var recipients: [String]
    /// The message (headers and body); line ends are normalised to CRLF when sent.
    public var data: [UInt8]

    /// An envelope around a message's bytes.
    public init(sender: String, recipients: [String], data: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.data = data
    }
}

/// One connection to an SMTP server, ready to send once `connect` returns:
/// greeted, EHLO (or HELO) said, STARTTLS done as configured, authenticated.
/// Several messages may go over it one after the other (`RSET` between them);
/// `quit` ends it. A failed command throws `SMTPError` with the server's reply.
public actor SMTPClient {
    /// The server this client talks to.
    public let configuration: SMTPConfiguration
    let channel: Channel
    let replies: NIOLoopBound<SMTPReplyHandler>
    let tlsContext: NIOSSLContext?
    let logger: Logger
    /// The EHLO keywords the server offered, upper-cased, with their parameters.
    public internal(set) var extensions: [String: [String]] = [:]
    /// Whether the connection is encrypted (implicit TLS or after STARTTLS).
    public internal(set) var isEncrypted: Bool
    /// The AUTH mechanism used, if any.
    public internal(set) var authenticatedWith: SMTPConfiguration.AuthMechanism?
    private var messagesStarted = 0

    private init(
        configuration: SMTPConfiguration, channel: Channel, replies: NIOLoopBound<SMTPReplyHandler>,
        tlsContext: NIOSSLContext?, logger: Logger
    ) {
        self.configuration = configuration
        self.channel = channel
        self.replies = replies
        self.tlsContext = tlsContext
        self.logger = logger
        self.isEncrypted = configuration.security == .implicitTLS
    }

    /// Connects and prepares the session; throws `SMTPError` when the server cannot
    /// be reached, refuses, or cannot give the protection the configuration asks for.
    public static func connect(
        _ configuration: SMTPConfiguration,
        group: EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "settle.smtp")
    ) async throws -> SMTPClient {
        let tlsContext = configuration.security == .none ? nil : try makeTLSContext(configuration)
        let channel: Channel
        let replies: NIOLoopBound<SMTPReplyHandler>
        do {
            (channel, replies) = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(configuration.timeout))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if configuration.security == .implicitTLS, let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: serverName(configuration.host)))
                        }
                        let replies = SMTPReplyHandler()
                        try channel.pipeline.syncOperations.addHandler(replies)
                        return (channel, NIOLoopBound(replies, eventLoop: channel.eventLoop))
                    }
                }
        } catch {
            throw SMTPError.connection("cannot connect to \(configuration.host):\(configuration.port): \(error)")
        }
        let client = SMTPClient(
            configuration: configuration, channel: channel, replies: replies, tlsContext: tlsContext, logger: logger)
        do {
            try await client.openSession()
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    /// Sends one message: `RSET` if another went before, `MAIL FROM`, `RCPT TO`
    /// for each recipient, `DATA` with the bytes dot-stuffed. Throws `SMTPError`
    /// with the reply that refused it.
    public func send(_ envelope: SMTPEnvelope) async throws {
        let addresses = [envelope.sender] + envelope.recipients
        if let bad = addresses.first(where: { $0.contains(where: { "\r\n<> ".contains($0) }) }) {
            throw SMTPError.invalidMessage("address \(bad.debugDescription) holds a space, bracket or line break")
        }
        guard !envelope.recipients.isEmpty else { throw SMTPError.invalidMessage("no recipient") }
        if messagesStarted > 0 { try await expect("RSET", 250) }
        messagesStarted += 1
        try await expect("MAIL FROM:<\(envelope.sender)>", 250)
        for recipient in envelope.recipients {
            try await expect("RCPT TO:<\(recipient)>", 250, 251)
        }
        try await expect("DATA", 354)
        try await write(SMTPDataEncoding.transparent(envelope.data))
        try check(await readReply(), after: "end of data", 250)
        logger.debug("message accepted", metadata: ["recipients": "\(envelope.recipients.count)"])
    }

    /// Says `QUIT` and closes the connection; errors are ignored, the connection ends anyway.
    public func quit() async {
        _ = try? await command("QUIT")
        await close()
    }

    /// Closes the connection without `QUIT`.
    public func close() async {
        try? await channel.close()
    }

    /// Sends a command and checks the reply's code.
    @discardableResult
    func expect(_ line: String, logged: String? = nil, _ codes: Int...) async throws -> SMTPReply {
        let reply = try await command(line, logged: logged)
        return try verify(reply, after: logged ?? line, codes)
    }

    @discardableResult
    func check(_ reply: SMTPReply, after command: String, _ codes: Int...) throws -> SMTPReply {
        try verify(reply, after: command, codes)
    }

    private func verify(_ reply: SMTPReply, after command: String, _ codes: [Int]) throws -> SMTPReply {
        guard codes.contains(reply.code) else { throw SMTPError.unexpected(reply, after: command) }
        return reply
    }

    /// Sends one command line; `logged` replaces it in the log (for AUTH secrets).
    func command(_ line: String, logged: String? = nil) async throws -> SMTPReply {
        logger.trace("client", metadata: ["command": "\(logged ?? line)"])
        try await write(Array((line + "\r\n").utf8))
        let reply = try await readReply()
        logger.trace("server", metadata: ["reply": "\(reply)"])
        return reply
    }

    func write(_ bytes: [UInt8]) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
        } catch {
            throw SMTPError.connection("write failed: \(error)")
        }
    }

    func readReply() async throws -> SMTPReply {
        let replies = self.replies
        let channel = self.channel
        let limit = TimeAmount(configuration.timeout)
        do {
            return try await channel.eventLoop.flatSubmit {
                replies.value.nextReply(eventLoop: channel.eventLoop, timeout: limit, channel: channel)
            }.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError.connection(String(describing: error))
        }
    }
}
