import Foundation
import OpenAPIRuntime
import SettleApp
import SettleCore
import SettleStore

/// The `/api/v1` operations of `openapi.yaml`: each finds the caller's organisation, checks the
/// caller's role, and calls the same use cases the command-line tool does. Errors are thrown and
/// become problem documents (`ProblemMiddleware`).
struct APIHandlers: APIProtocol {
    let database: SettleDatabase
    let time: any TimeSource
    /// Signs the client links that previews show.
    let links: ClientLinkSigner

    /// The use cases for the caller's organisation, when the caller may do what `permission` covers.
    func settle(_ permission: Permission) throws -> (Settle, Caller) {
        let caller = try Caller.require(permission)
        return (Settle(database: database, organisation: caller.organisation, time: time), caller)
    }

    /// The caller (any role) for a lookup that must answer 404 before 403.
    func caller() throws -> Caller {
        guard let caller = Caller.current else { throw APIError.unauthenticated }
        return caller
    }

    /// The use cases for a resource of the caller's organisation: 404 when `exists` (given the
    /// organisation's id) says it is not one — whatever the role — then 403 when the role may not.
    func owned(_ what: String, needs permission: Permission, exists: (Int64) async throws -> Bool) async throws -> Settle {
        guard try await exists(try caller().orgID) else { throw APIError.notFound(what) }
        return try settle(permission).0
    }
}

/// A page's limit, within the API's bounds.
func pageLimit(_ given: Int?) throws -> Int {
    let limit = given ?? 100
    guard (1...500).contains(limit) else { throw APIError.invalid([FieldProblem(field: "limit", message: "must be 1 to 500")]) }
    return limit
}

/// Opaque page cursors: the position of the last item, base64url-encoded.
enum Cursor {
    static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String?, parts count: Int) throws -> [String]? {
        guard let text else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let string = String(data: data, encoding: .utf8) else {
            throw APIError.invalid([FieldProblem(field: "cursor", message: "is not a cursor this API gave")])
        }
        let parts = string.components(separatedBy: "\u{1F}")
        guard parts.count == count else { throw APIError.invalid([FieldProblem(field: "cursor", message: "is not a cursor this API gave")]) }
        return parts
    }
}

/// Collects the problems of a request's fields, so that all are reported at once.
struct FieldCheck {
    var problems: [FieldProblem] = []

    mutating func value<T>(_ field: String, _ make: () throws -> T) -> T? {
        do { return try make() } catch {
            problems.append(FieldProblem(field: field, message: String(describing: error)))
            return nil
        }
    }

    mutating func fail(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }

    /// The limit and the row id a list ordered by id continues from (the last one of the page before).
    mutating func idPage(limit: Int?, cursor: String?) -> (limit: Int, from: Int64?) {
        let size = value("limit") { try pageLimit(limit) } ?? 100
        let from = (value("cursor") { try Cursor.decode(cursor, parts: 1) } ?? nil).flatMap { Int64($0[0]) }
        if cursor != nil && from == nil && problems.isEmpty { fail("cursor", "is not a cursor this API gave") }
        return (size, from)
    }

    func done() throws { if !problems.isEmpty { throw APIError.invalid(problems) } }
}
