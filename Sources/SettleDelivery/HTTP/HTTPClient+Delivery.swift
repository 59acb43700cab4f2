import Foundation
import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

extension HTTPClient.Configuration {
    /// The configuration the SMS and webhook senders expect of their `HTTPClient`:
    /// certificates verified, redirects not followed (a POST must not turn into a
    /// GET somewhere else and count as delivered), a 10-second connect timeout.
    /// Whoever creates the client shuts it down.
    public static var settleDelivery: HTTPClient.Configuration {
        HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10)))
    }
}

/// What an endpoint answered to one POST.
struct HTTPAnswer: Sendable {
    /// The status code, such as 201 or 503.
    var status: Int
    /// The response headers.
    var headers: HTTPHeaders
    /// The start of the body (at most `HTTPAnswer.bodyLimit` bytes).
    var body: [UInt8]

    /// More than a provider's error document or an acknowledgement ever needs.
    static let bodyLimit = 64 * 1024

    /// `Retry-After` in seconds, when the server sent one (the date form is ignored).
    var retryAfter: Duration? {
        guard let text = headers.first(name: "retry-after"), let seconds = Int(text.trimmingCharacters(in: .whitespaces)),
              seconds >= 0 else { return nil }
        return .seconds(seconds)
    }

    /// The body as text for an error record: invalid UTF-8 replaced, at most 500 characters.
    var bodyExcerpt: String {
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.count > 500 ? String(text.prefix(500)) + "…" : text
    }
}

extension HTTPClient {
    /// POSTs `body` to `url` and reads the answer (its first 64 KiB), within `timeout`.
    /// Throws only when no answer came: the connection failed, broke or timed out.
    func post(
        url: String, headers: HTTPHeaders, body: [UInt8], timeout: Duration, logger: Logger
    ) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.body = .bytes(body)
        let response = try await execute(request, timeout: TimeAmount(timeout), logger: logger)
        var received: [UInt8] = []
        for try await part in response.body {
            received.append(contentsOf: part.readableBytesView.prefix(HTTPAnswer.bodyLimit - received.count))
            if received.count >= HTTPAnswer.bodyLimit { break }
        }
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers, body: received)
    }
}

extension TimeAmount {
    /// The same span as a `Duration`, to the nanosecond.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
