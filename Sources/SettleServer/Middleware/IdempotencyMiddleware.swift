import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// `Idempotency-Key` on POST: the first successful response to a key is kept for 24 hours (per
/// organisation) and a retry with the same key and the same request gets it again, marked
/// `Idempotency-Replayed: true`, without doing the work twice; the same key with another request
/// is refused (422), and while the first is still running a retry gets 409. A failed first
/// request frees the key.
struct IdempotencyMiddleware<Context: RequestContext>: RouterMiddleware {
    let database: SettleDatabase
    let time: any TimeSource
    static var keptSeconds: TimeInterval { 24 * 3600 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[.idempotencyKey] else { return try await next(request, context) }
        guard (1...200).contains(key.count) else {
            throw APIError.invalid([FieldProblem(field: "Idempotency-Key", message: "must be 1 to 200 characters")])
        }
        guard let caller = Caller.current else { throw APIError.unauthenticated }
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: Data(buffer: body))
        let hash = hasher.finalize().lowercaseHex
        let store = IdempotencyStore(database.sql, orgID: caller.orgID)
        let now = time.now()
        try await store.expire(before: Settle.instantText(now.addingTimeInterval(-Self.keptSeconds)))
        guard try await store.claim(key, requestHash: hash, now: Settle.instantText(now)) else {
            guard let first = try await store.find(key) else { throw APIError.idempotencyKeyInFlight }
            guard first.requestHash == hash else { throw APIError.idempotencyKeyReused }
            guard first.status != 0 else { throw APIError.idempotencyKeyInFlight }
            var headers = HTTPFields()
            if !first.contentType.isEmpty { headers[.contentType] = first.contentType }
            headers[.idempotencyReplayed] = "true"
            return Response(status: HTTPResponse.Status(code: first.status), headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: first.body)))
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try? await store.release(key)
            throw error
        }
        guard (200..<300).contains(response.status.code) else {
            try? await store.release(key)
            return response
        }
        let collected = Collected()
        var kept = response
        try await response.body.write(CollectingWriter(into: collected))
        try await store.complete(key, status: response.status.code, contentType: response.headers[.contentType] ?? "",
                                 body: String(buffer: collected.buffer))
        kept.body = ResponseBody(byteBuffer: collected.buffer)
        return kept
    }
}

/// Where a response body is collected to be kept.
private final class Collected: @unchecked Sendable {
    var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
    let into: Collected
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        into.buffer.writeBuffer(&buffer)
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPField.Name {
    static let idempotencyReplayed = HTTPField.Name("Idempotency-Replayed")!
}
