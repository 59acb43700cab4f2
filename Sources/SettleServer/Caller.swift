import SettleCore

/// Who is calling the API: the organisation its key belongs to and the key's role. Set by
/// `AuthenticationMiddleware` for the rest of the request.
public struct Caller: Sendable, Hashable {
    public var orgID: Int64
    /// The organisation's slug.
    public var organisation: String
    public var role: Role
    /// The API key's public id (never the secret).
    public var keyID: String

    public init(orgID: Int64, organisation: String, role: Role, keyID: String) {
        self.orgID = orgID
        self.organisation = organisation
        self.role = role
        self.keyID = keyID
    }

    /// The caller of the request being handled (a task-local: the generated handlers see only their input).
    @TaskLocal public static var current: Caller?
}

/// What an API request can fail with, besides the application's own errors; each becomes a
/// problem document with its status (`ProblemMiddleware`).
public enum APIError: Error, Sendable, Equatable {
    /// No key, or a key that is unknown or revoked: 401.
    case unauthenticated
    /// The caller's role may not do this: 403.
    case forbidden(Permission)
    /// Not found in the caller's organisation (another organisation's resource included): 404.
    case notFound(String)
    /// The request is not acceptable; each problem names its field: 422.
    case invalid([FieldProblem])
    /// The same Idempotency-Key with another request: 422.
    case idempotencyKeyReused
    /// The same Idempotency-Key while the first request is still being handled: 409.
    case idempotencyKeyInFlight

    /// A body that is not the JSON the operation takes (the generated code decodes it; this is
    /// the case left over when matching its content type).
    static let notJSON = APIError.invalid([FieldProblem(field: "body", message: "expected JSON")])
}

/// One field of a request that is wrong, and why.
public struct FieldProblem: Sendable, Hashable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension Caller {
    /// The caller, allowed to do what `permission` covers; else the error to answer with.
    static func require(_ permission: Permission) throws -> Caller {
        guard let caller = current else { throw APIError.unauthenticated }
        guard caller.role.may(permission) else { throw APIError.forbidden(permission) }
        return caller
    }
}
