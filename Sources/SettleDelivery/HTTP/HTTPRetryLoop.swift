/// The verdict on one attempt of an HTTP delivery.
enum HTTPAttemptVerdict<Success, Failure: Error> {
    /// Done: the endpoint took the message.
    case success(Success)
    /// Worth another attempt after the backoff (or the server's `Retry-After`).
    case retry(Failure, retryAfter: Duration?)
    /// Final: another attempt would fail the same way.
    case fail(Failure)
}

/// Runs `attempt` until it succeeds, fails for good, or the policy's attempts are
/// used up, sleeping the backoff in between. Returns the last result and how many
/// attempts were made. A sleeper that throws (the task was cancelled) ends the
/// loop with the failure at hand.
func deliverWithRetries<Success, Failure: Error>(
    policy: HTTPRetryPolicy,
    sleep: @Sendable (Duration) async throws -> Void,
    onRetry: (Failure, Duration) -> Void,
    attempt: (Int) async -> HTTPAttemptVerdict<Success, Failure>
) async -> (result: Result<Success, Failure>, attempts: Int) {
    var number = 0
    while true {
        number += 1
        switch await attempt(number) {
        case .success(let success):
            return (.success(success), number)
        case .fail(let failure):
            return (.failure(failure), number)
        case .retry(let failure, let retryAfter):
            guard number < policy.maximumAttempts else { return (.failure(failure), number) }
            let delay = policy.delay(afterAttempt: number, retryAfter: retryAfter)
            onRetry(failure, delay)
            do {
                try await sleep(delay)
            } catch {
                return (.failure(failure), number)
            }
        }
    }
}
