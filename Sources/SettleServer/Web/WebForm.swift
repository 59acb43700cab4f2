import Foundation
import Hummingbird
import MultipartKit

/// Reading a page's form: URL-encoded (`application/x-www-form-urlencoded`) or, for uploads,
/// `multipart/form-data` (a file field decodes as `Data`). Every form of a signed-in page carries
/// the session's CSRF token in the field `csrf`; `requireToken` refuses a POST without it.
enum WebForm {
    /// The largest body a page's form may send (uploads included).
    static let uploadLimit = 20 * 1024 * 1024

    static func read<T: Decodable>(_ type: T.Type, from request: inout Request, limit: Int = 65_536) async throws -> T {
        let body = try await request.collectBody(upTo: limit)
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = boundary(of: contentType) else {
                throw HTTPError(.badRequest, message: "the multipart form has no boundary")
            }
            do {
                return try FormDataDecoder().decode(T.self, from: body, boundary: boundary)
            } catch {
                throw HTTPError(.badRequest, message: "the form could not be read: \(error)")
            }
        }
        return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
    }

    /// The `boundary` parameter of a `multipart/form-data` content type, unquoted.
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// Refuses the form unless it carries the session's token.
    static func requireToken(_ given: String?, _ user: WebApp.SignedIn) throws {
        guard WebApp.same(given, user.session.csrfToken) else { throw HTTPError(.forbidden, message: "the form had no valid token") }
    }
}
