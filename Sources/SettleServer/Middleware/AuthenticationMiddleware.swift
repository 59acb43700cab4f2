import HTTPTypes
import Hummingbird

/// Finds the caller of an `/api/v1` request from its `Authorization: Bearer KEY` header and
/// runs the rest of the request as that caller (`Caller.current`). No key, or a key that is
/// unknown or revoked, is a 401 before anything else happens.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Looks a presented key up; nil when it is unknown or revoked.
    let authenticate: @Sendable (String) async throws -> Caller?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else { throw APIError.unauthenticated }
        let key = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, let caller = try await authenticate(key) else { throw APIError.unauthenticated }
        var context = context
        context.logger[metadataKey: "org"] = .string(caller.organisation)
        context.logger[metadataKey: "key"] = .string(caller.keyID)
        return try await Caller.$current.withValue(caller) { try await next(request, context) }
    }
}

/// Gives every request an id (the caller's `X-Request-Id` when it sends a sensible one), puts it
/// in the log metadata of everything the request logs, and returns it in the response.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let given = request.headers[.requestID].flatMap { id in
            id.count <= 64 && id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) ? id : nil
        }
        let id = given ?? Self.newID()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined()
    }
}
