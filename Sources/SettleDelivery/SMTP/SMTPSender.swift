import Foundation
import Logging
import NIOCore
import NIOPosix

/// How often and how patiently a temporary failure is tried again.
public struct SMTPRetryPolicy: Sendable, Hashable {
    /// Attempts per message, the first included.
    public var maximumAttempts: Int
    /// The wait before the second attempt; each later wait doubles.
    public var baseDelay: Duration

    /// A policy; the default tries 5 times, waiting 1, 2, 4 and 8 seconds.
    public init(maximumAttempts: Int = 5, baseDelay: Duration = .seconds(1)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
    }

    /// The wait after failed attempt `attempt` (1-based): base, 2 x base, 4 x base ...
    public func delay(afterAttempt attempt: Int) -> Duration {
        baseDelay * (1 << min(max(attempt - 1, 0), 20))
    }
}

/// What became of one message.
public enum SMTPDeliveryOutcome: Sendable, Hashable {
    /// The server accepted the message, after this many attempts.
    case delivered(attempts: Int)
    /// The message was not sent; the error keeps the server's reply.
    case failed(SMTPError, attempts: Int)
}

/// Sends messages over SMTP: writes each with `MIMEWriter`, sends a batch over one
/// connection, tries a temporary failure (4xx, a broken connection) again after
/// an exponential backoff, and reports a permanent one (5xx) with the reply.
public struct SMTPSender: Sendable {
    /// Waits before a retry; tests pass one that returns at once.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// The server.
    public var configuration: SMTPConfiguration
    /// How temporary failures are retried.
    public var retryPolicy: SMTPRetryPolicy
    private let now: @Sendable () -> Date
    private let sleep: Sleeper
    private let group: EventLoopGroup
    private let logger: Logger

    /// A sender; `now` dates the messages, `sleep` waits between attempts.
    public init(
        configuration: SMTPConfiguration,
        retryPolicy: SMTPRetryPolicy = SMTPRetryPolicy(),
        now: @escaping @Sendable () -> Date,
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) },
        group: EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "settle.smtp")
    ) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
        self.now = now
        self.sleep = sleep
        self.group = group
        self.logger = logger
    }

    /// Sends one message.
    public func send(_ message: EmailMessage) async -> SMTPDeliveryOutcome {
        await send([message])[0]
    }

    /// Sends the messages in order over one connection (a new one only after a
    /// connection failure); one outcome per message, in the same order.
    public func send(_ messages: [EmailMessage]) async -> [SMTPDeliveryOutcome] {
        await send(envelopes: messages.map { message in
            SMTPEnvelope(sender: message.from.address, recipients: message.to.map(\.address),
                         data: MIMEWriter().bytes(of: message, date: now()))
        })
    }

    /// Sends messages already written (the outbox stores the exact bytes before handing them
    /// over, so a message sent again after a crash is the same message); same rules as above.
    public func send(envelopes: [SMTPEnvelope]) async -> [SMTPDeliveryOutcome] {
        var client: SMTPClient?
        var outcomes: [SMTPDeliveryOutcome] = []
        for envelope in envelopes {
            // The server could not be reached even after the retries: the rest of the batch
            // would only wait out the same backoff, so it is reported at once.
            if case .failed(let failure, _)? = outcomes.last, case .connection = failure {
                outcomes.append(.failed(failure, attempts: 0))
                continue
            }
            var attempt = 0
            while true {
                attempt += 1
                do {
                    let connected: SMTPClient
                    if let client { connected = client } else { connected = try await SMTPClient.connect(configuration, group: group, logger: logger) }
                    client = connected
                    try await connected.send(envelope)
                    outcomes.append(.delivered(attempts: attempt))
                    break
                } catch {
                    let failure = error as? SMTPError ?? .connection(String(describing: error))
                    if case .connection = failure {
                        await client?.close()
                        client = nil
                    }
                    let messageID = MIMEWriter.messageID(in: envelope.data) ?? "-"
                    guard failure.isTransient, attempt < retryPolicy.maximumAttempts else {
                        logger.warning("message not sent", metadata: ["message-id": "\(messageID)", "error": "\(failure)"])
                        outcomes.append(.failed(failure, attempts: attempt))
                        break
                    }
                    let delay = retryPolicy.delay(afterAttempt: attempt)
                    logger.info("retrying", metadata: ["message-id": "\(messageID)", "error": "\(failure)", "delay": "\(delay)"])
                    do {
                        try await sleep(delay)
                    } catch {
                        outcomes.append(.failed(failure, attempts: attempt))
                        break
                    }
                }
            }
        }
        await client?.quit()
        return outcomes
    }
}
