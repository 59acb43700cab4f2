/// Why a webhook event was not delivered.
public enum WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The endpoint answered with something other than 2xx; 429 and 5xx are
    /// temporary, other codes final. `answer` is the start of its body.
    case answered(status: Int, answer: String)
    /// The endpoint answered with a redirect, which is not followed (a POST must
    /// reach the URL that was configured): configure the final URL.
    case redirected(status: Int, location: String?)
    /// No answer: the connection failed, broke or timed out. Worth retrying.
    case connection(String)
    /// The event cannot be sent as it stands (not JSON, an unusable id); nothing was sent.
    case invalidEvent(String)

    /// Whether trying again later may succeed.
    public var isTransient: Bool {
        switch self {
        case .answered(let status, _): return status == 429 || status >= 500
        case .connection: return true
        case .redirected, .invalidEvent: return false
        }
    }

    /// A sentence for logs and the outbox record (never holds the secret).
    public var description: String {
        switch self {
        case .answered(let status, let answer):
            return "the endpoint answered HTTP \(status)" + (answer.isEmpty ? "" : ": \(answer)")
        case .redirected(let status, let location):
            return "the endpoint answered HTTP \(status), a redirect" + (location.map { " to \($0)" } ?? "")
                + ", which is not followed: configure the final URL"
        case .connection(let reason): return "connection failure: \(reason)"
        case .invalidEvent(let reason): return "invalid event: \(reason)"
        }
    }
}

/// What became of one webhook event.
public enum WebhookDeliveryOutcome: Sendable, Hashable {
    /// The endpoint answered 2xx (this status) after this many attempts.
    case delivered(status: Int, attempts: Int)
    /// The event was not delivered; the error keeps the endpoint's answer. `attempts`
    /// is 0 when the event was refused before any request.
    case failed(WebhookError, attempts: Int)
}
