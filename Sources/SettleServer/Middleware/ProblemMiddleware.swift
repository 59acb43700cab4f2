import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import SettleApp
import SettleCore
import SettleStore

/// Turns every error of a request into an RFC 9457 problem document (`application/problem+json`):
/// what the caller did wrong gets its 4xx with the detail; anything else is a 500 that says only
/// the request id (the error goes to the log, never to the caller).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let requestID = context.logger[metadataKey: "request_id"].map { "\($0)" } ?? ""
            let problem = Problem(error, requestID: requestID)
            if problem.status >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(Problem.loggable(error))"])
            }
            return WebErrorPage.serves(request) ? WebErrorPage.response(problem) : problem.response
        }
    }
}

/// An RFC 9457 problem.
struct Problem: Encodable, Sendable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String?
    var errors: [FieldProblem]?

    init(status: HTTPResponse.Status, detail: String?, errors: [FieldProblem]? = nil) {
        title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    init(_ error: any Error, requestID: String) {
        switch error {
        case let server as ServerError:
            // Errors of the handlers come wrapped (the request was decoded: there is an input); they
            // are answered as themselves, an unknown one as a 500. Without an input the generated
            // code could not decode the request: the caller's mistake.
            if server.operationInput != nil, !(server.underlyingError is DecodingError) {
                self.init(server.underlyingError, requestID: requestID)
            } else {
                self.init(status: .badRequest, detail: "the request does not fit the API: \(server.causeDescription)"
                          + ((server.underlyingError as? DecodingError).map { " (\(Self.describe($0)))" } ?? ""))
            }
        case let api as APIError:
            switch api {
            case .unauthenticated:
                self.init(status: .unauthorized, detail: "give an API key of your organisation: Authorization: Bearer KEY")
            case .forbidden(let permission):
                self.init(status: .forbidden, detail: "your key's role may not do this (it needs the '\(permission.rawValue)' permission)")
            case .notFound(let what): self.init(status: .notFound, detail: "no \(what) in your organisation")
            case .invalid(let fields):
                self.init(status: .unprocessableContent, detail: "the request has \(fields.count == 1 ? "a field" : "fields") to correct",
                          errors: fields)
            case .idempotencyKeyReused:
                self.init(status: .unprocessableContent, detail: "this Idempotency-Key was used with another request; use a new key")
            case .idempotencyKeyInFlight:
                self.init(status: .conflict, detail: "a request with this Idempotency-Key is still being handled; retry later")
            }
        case let store as StoreError:
            switch store {
            case .unknownClient(let code): self.init(status: .notFound, detail: "no client \(code) in your organisation")
            case .unknownInvoice(let number): self.init(status: .notFound, detail: "no invoice \(number) in your organisation")
            case .unknownPayment(let id): self.init(status: .notFound, detail: "no payment \(id) in your organisation")
            case .clientExists, .invoiceExists, .organisationExists: self.init(status: .conflict, detail: store.description)
            default: self.init(status: .serviceUnavailable, detail: "the database is not ready (request \(requestID))")
            }
        case let input as InputError: self.init(status: .unprocessableContent, detail: input.description)
        case let http as HTTPError: self.init(status: http.status, detail: http.body)
        case let described as any CustomStringConvertible & Error where Self.isDomain(described):
            self.init(status: .unprocessableContent, detail: described.description)
        default:
            self.init(status: .internalServerError, detail: "something went wrong on our side (request \(requestID))")
        }
    }

    /// What the log may say of an error: the generated code's wrapper describes the whole request,
    /// headers and all (the caller's API key among them), so only the operation and the cause are kept.
    static func loggable(_ error: any Error) -> String {
        if let server = error as? ServerError { return "\(server.operationID): \(String(reflecting: server.underlyingError))" }
        return String(reflecting: error)
    }

    /// The domain's validation errors (a malformed amount, number, day, a plan or interest
    /// calculation that cannot be, a template or file that was refused ...): the caller's input.
    static func isDomain(_ error: any Error) -> Bool {
        switch error {
        case is MoneyError, is InvoiceError, is DayError, is AllocationError, is BankDetailsError, is ContactRulesError,
             is InterestError, is PlanError, is TermsError, is ReferenceError, is TemplateError, is TemplateRejected,
             is ImportRejected, is FileProblem, is StatementMappingError:
            return true
        default:
            return false
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): return "missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "\(path): ") + context.debugDescription
        @unknown default: return "\(error)"
        }
    }

    var response: Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(self)) ?? Data("{\"title\":\"Internal Server Error\",\"status\":500}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
