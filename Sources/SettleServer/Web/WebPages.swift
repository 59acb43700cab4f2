import Foundation
import Hummingbird
import Mustache

/// The web app's pages: Mustache templates shipped in the bundle, each rendered inside the layout.
struct WebPages: Sendable {
    let layout: MustacheTemplate
    let pages: [String: MustacheTemplate]

    init() throws {
        func load(_ name: String) throws -> MustacheTemplate {
            guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Pages") else {
                throw HTTPError(.internalServerError, message: "page \(name) is missing from the build")
            }
            return try MustacheTemplate(string: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        }
        layout = try load("layout")
        pages = try Dictionary(uniqueKeysWithValues: ["signin", "dashboard", "worklist", "clients", "client", "invoices", "invoice"].map { ($0, try load($0)) })
    }

    /// The page's HTML: its template with `values` (escaped by Mustache), inside the layout.
    func render(_ page: String, title: String, values: [String: Any], frame: [String: Any] = [:],
                status: HTTPResponse.Status = .ok) -> Response {
        let content = pages[page]?.render(values) ?? ""
        var context = frame
        context["title"] = title
        context["content"] = content
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Content-Security-Policy")!] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: layout.render(context))))
    }
}
