/// A reply from an SMTP server: its three-digit code and its text lines.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code, such as 250 or 451.
    public var code: Int
    /// The text of each line, without the code and separator.
    public var lines: [String]

    /// A reply with its code and lines.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The lines joined by newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// `451 4.3.0 Mailbox busy` (lines joined by newlines).
    public var description: String { "\(code) \(text)" }
}

/// Why a message could not be sent.
public enum SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A 4xx reply: the server asks to try again later.
    case transient(code: Int, reply: String)
    /// A 5xx reply: the server refuses for good; the reply says why.
    case permanent(code: Int, reply: String)
    /// The connection failed, timed out, broke the protocol or TLS could not be set
    /// up as configured. Worth retrying on a new connection.
    case connection(String)
    /// The message cannot be sent as it stands (an address with line breaks, no recipient).
    case invalidMessage(String)

    /// The error for a reply that was not the expected one.
    static func unexpected(_ reply: SMTPReply, after command: String) -> SMTPError {
        switch reply.code {
        case 400..<500: return .transient(code: reply.code, reply: reply.text)
        case 500..<600: return .permanent(code: reply.code, reply: reply.text)
        default: return .connection("unexpected reply \(reply) to \(command)")
        }
    }

    /// Whether trying again later may succeed.
    public var isTransient: Bool {
        switch self {
        case .transient, .connection: return true
        case .permanent, .invalidMessage: return false
        }
    }

    /// A sentence for logs and for the outbox record (never holds credentials).
    public var description: String {
        switch self {
        case .transient(let code, let reply): return "temporary failure \(code): \(reply)"
        case .permanent(let code, let reply): return "permanent failure \(code): \(reply)"
        case .connection(let reason): return "connection failure: \(reason)"
        case .invalidMessage(let reason): return "invalid message: \(reason)"
        }
    }
}
