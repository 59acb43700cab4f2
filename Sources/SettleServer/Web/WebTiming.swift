import Foundation
import HTTPTypes
import Hummingbird

/// Where a page's server time went, sent in a `Server-Timing` header (W3C Server Timing):
/// `session` (the cookie's session looked up), `render` (the HTML made from the template),
/// `data` (everything else the handler did: the page's queries) and `total`. The benchmark
/// (scripts/bench-web.sh) sets each page's total beside its data alone.
final class WebTiming: @unchecked Sendable {
    @TaskLocal static var current: WebTiming?

    let start = ContinuousClock.now
    private let lock = NSLock()
    private var spent: [String: Duration] = [:]

    func add(_ part: String, _ duration: Duration) {
        lock.withLock { spent[part, default: .zero] += duration }
    }

    /// Runs `body`, counting its time to `part` of the current request's timing (if any).
    static func measure<T>(_ part: String, _ body: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        defer { current?.add(part, ContinuousClock.now - started) }
        return try await body()
    }

    /// `session;dur=0.41, data;dur=3.20, render;dur=0.35, total;dur=3.96` (milliseconds).
    func header(total: Duration) -> String {
        let (session, render) = lock.withLock { (spent["session"] ?? .zero, spent["render"] ?? .zero) }
        let data = total - session - render
        return [("session", session), ("data", data), ("render", render), ("total", total)]
            .map { "\($0.0);dur=\(Self.milliseconds($0.1))" }.joined(separator: ", ")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let micro = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        return String(format: "%.2f", Double(micro) / 1000)
    }
}

/// Times every page of the web app (`/app…`, sign-in) and adds the `Server-Timing` header.
struct WebTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard WebErrorPage.serves(request) else { return try await next(request, context) }
        let timing = WebTiming()
        var response = try await WebTiming.$current.withValue(timing) { try await next(request, context) }
        response.headers[.serverTiming] = timing.header(total: ContinuousClock.now - timing.start)
        return response
    }
}

extension HTTPField.Name {
    static let serverTiming = HTTPField.Name("Server-Timing")!
}
