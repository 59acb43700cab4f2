import Foundation
import SettleCore

/// Runs a statement reader on a thread of its own and hands what it reads to async code in
/// chunks, at most two chunks ahead of the consumer: a large file streams through in constant
/// memory, and the reader (a synchronous, callback-driven parser) never blocks Swift's
/// cooperative threads.
final class StatementChunks: @unchecked Sendable {
    enum Event: Sendable {
        case account(StatementAccount)
        case entries([StatementEntry])
    }

    /// A reader: calls `account` for each statement header and `entry` for each entry, in order.
    typealias Reader = @Sendable (_ account: (StatementAccount) throws -> Void, _ entry: (StatementEntry) throws -> Void) throws -> Void

    let events: AsyncThrowingStream<Event, any Error>
    private let continuation: AsyncThrowingStream<Event, any Error>.Continuation
    private let space = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var stopped = false

    init(chunkSize: Int = 1000, reader: @escaping Reader) {
        (events, continuation) = AsyncThrowingStream.makeStream(of: Event.self, throwing: (any Error).self)
        let thread = Thread { [self] in
            var chunk: [StatementEntry] = []
            chunk.reserveCapacity(chunkSize)
            func hand(_ event: Event) throws {
                space.wait()
                if isStopped { throw CancellationError() }
                continuation.yield(event)
            }
            do {
                try reader({ account in
                    if !chunk.isEmpty { try hand(.entries(chunk)); chunk.removeAll(keepingCapacity: true) }
                    try hand(.account(account))
                }, { entry in
                    chunk.append(entry)
                    if chunk.count >= chunkSize { try hand(.entries(chunk)); chunk.removeAll(keepingCapacity: true) }
                })
                if !chunk.isEmpty { try hand(.entries(chunk)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.name = "settle statement reader"
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The consumer is done with an event: the reader may go on.
    func consumed() { space.signal() }

    /// The consumer gives up (an error): the reader stops at its next entry.
    func stop() {
        lock.withLock { stopped = true }
        space.signal()
        space.signal()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Consumes every event with `body`; on any error the reader is stopped.
    func forEach(_ body: (Event) async throws -> Void) async throws {
        do {
            for try await event in events {
                try await body(event)
                consumed()
            }
        } catch {
            stop()
            throw error
        }
    }
}
