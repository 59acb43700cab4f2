import NIOCore

/// Reads the server's replies off the connection: splits the bytes into lines,
/// joins `250-...` continuation lines into one `SMTPReply`, and hands replies to
/// whoever waits for one, in order. A reply that arrives before anyone asks (the
/// greeting) is kept. Lives on the channel's event loop.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Longer reply lines mean a broken server; RFC 5321 allows 512 octets.
    static let maximumLineLength = 4096

    private var pendingBytes: [UInt8] = []
    private var pendingLines: [String] = []
    private var replies: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: SMTPError?
    private var timeout: Scheduled<Void>?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pendingBytes += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let newline = pendingBytes.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pendingBytes[..<newline]
            pendingBytes.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if let error = take(String(decoding: line, as: UTF8.self)) {
                fail(error, context: context)
                return
            }
        }
        if pendingBytes.count > Self.maximumLineLength {
            fail(.connection("reply line longer than \(Self.maximumLineLength) octets"), context: context)
        }
    }

    private func take(_ line: String) -> SMTPError? {
        let characters = Array(line)
        guard characters.count >= 3, let code = Int(String(characters[0..<3])), (200..<600).contains(code) else {
            return .connection("malformed reply line: \(line.prefix(80))")
        }
        let separator = characters.count > 3 ? characters[3] : " "
        pendingLines.append(characters.count > 4 ? String(characters[4...]) : "")
        guard separator != "-" else { return nil }
        guard separator == " " else { return .connection("malformed reply line: \(line.prefix(80))") }
        deliver(SMTPReply(code: code, lines: pendingLines))
        pendingLines = []
        return nil
    }

    private func deliver(_ reply: SMTPReply) {
        guard !waiting.isEmpty else {
            replies.append(reply)
            return
        }
        timeout?.cancel()
        timeout = nil
        waiting.removeFirst().succeed(reply)
    }

    /// The next reply; fails when the connection ends, breaks the protocol, or no
    /// reply comes within `timeout` (which then closes the connection).
    func nextReply(eventLoop: EventLoop, timeout limit: TimeAmount, channel: Channel) -> EventLoopFuture<SMTPReply> {
        if !replies.isEmpty { return eventLoop.makeSucceededFuture(replies.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        timeout?.cancel()
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        timeout = eventLoop.scheduleTask(in: limit) {
            let seconds = limit.nanoseconds / 1_000_000_000
            handler.value.failure = handler.value.failure ?? .connection("no reply from the server within \(seconds) s")
            channel.close(promise: nil)
        }
        return promise.futureResult
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(.connection(String(describing: error)), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failWaiting(failure ?? .connection("the server closed the connection"))
        context.fireChannelInactive()
    }

    private func fail(_ error: SMTPError, context: ChannelHandlerContext) {
        if failure == nil { failure = error }
        failWaiting(failure ?? error)
        context.close(promise: nil)
    }

    private func failWaiting(_ error: SMTPError) {
        if failure == nil { failure = error }
        timeout?.cancel()
        timeout = nil
        let promises = waiting
        waiting = []
        for promise in promises { promise.fail(failure ?? error) }
    }
}
