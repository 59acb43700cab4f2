/// How often and how patiently an HTTP channel (SMS, webhooks) tries a request
/// again after a temporary failure: a 429, a 5xx or a broken connection.
public struct HTTPRetryPolicy: Sendable, Hashable {
    /// Attempts per message, the first included.
    public var maximumAttempts: Int
    /// The wait before the second attempt; each later wait doubles.
    public var baseDelay: Duration
    /// The longest wait, also for a server's `Retry-After`, so one slow answer
    /// cannot park a worker for hours.
    public var maximumDelay: Duration

    /// A policy; the default tries 5 times, waiting 1, 2, 4 and 8 seconds, never
    /// more than 5 minutes.
    public init(maximumAttempts: Int = 5, baseDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(300)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = max(maximumDelay, .zero)
    }

    /// The wait after failed attempt `attempt` (1-based): base, 2 x base, 4 x base ...,
    /// or the server's `Retry-After` when that is longer; at most `maximumDelay`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        let backoff = baseDelay * (1 << min(max(attempt - 1, 0), 20))
        return min(max(backoff, retryAfter ?? .zero), maximumDelay)
    }
}
