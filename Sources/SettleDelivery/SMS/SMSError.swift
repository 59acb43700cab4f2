/// What the provider answered when it did not take a message.
public struct SMSProviderError: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status, such as 400, 429 or 503.
    public var status: Int
    /// The provider's error code (Twilio's 21211 for an invalid `To` number ...), when it gave one.
    public var code: Int?
    /// The provider's message, or the start of its answer when that was not its JSON.
    public var message: String
    /// The provider's page about the error (`more_info`), when it gave one.
    public var moreInfo: String?

    /// An error as the provider described it.
    public init(status: Int, code: Int? = nil, message: String, moreInfo: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.moreInfo = moreInfo
    }

    /// Whether the provider asks to try again later (429, 5xx).
    public var isTransient: Bool { status == 429 || status >= 500 }

    /// `provider error 21211 (HTTP 400): The 'To' number ... (see https://...)`.
    public var description: String {
        let code = code.map { "provider error \($0)" } ?? "provider error"
        let more = moreInfo.map { " (see \($0))" } ?? ""
        return "\(code) (HTTP \(status)): \(message)\(more)"
    }
}

/// Why a text message was not sent.
public enum SMSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The provider answered with an error; `isTransient` says whether it may pass.
    case provider(SMSProviderError)
    /// No answer: the connection failed, broke or timed out. Worth retrying.
    case connection(String)
    /// The message cannot be sent as it stands (a number not in E.164 form, an empty
    /// or too long text); nothing was sent.
    case invalidMessage(String)
    /// The provider said yes (2xx) but its answer has no message SID. The text may
    /// well have gone out, so it is not sent again: check the provider's message log.
    case unreadableAnswer(status: Int, answer: String)

    /// Whether trying again later may succeed.
    public var isTransient: Bool {
        switch self {
        case .provider(let error): return error.isTransient
        case .connection: return true
        case .invalidMessage, .unreadableAnswer: return false
        }
    }

    /// A sentence for logs and the outbox record (never holds the auth token).
    public var description: String {
        switch self {
        case .provider(let error): return error.description
        case .connection(let reason): return "connection failure: \(reason)"
        case .invalidMessage(let reason): return "invalid message: \(reason)"
        case .unreadableAnswer(let status, let answer):
            return "the provider accepted the request (HTTP \(status)) but its answer has no message sid; "
                + "check the provider's message log before sending again. Answer: \(answer)"
        }
    }
}

/// What became of one text message.
public enum SMSDeliveryOutcome: Sendable, Hashable {
    /// The provider took the message: its SID (`SM...`), the status it reported
    /// (`queued`, `accepted` ...) and the attempts it took.
    case delivered(sid: String, status: String, attempts: Int)
    /// The message was not sent; the error keeps the provider's code and message.
    /// `attempts` is 0 when the message was refused before any request.
    case failed(SMSError, attempts: Int)
}
