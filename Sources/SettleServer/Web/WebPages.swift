import Foundation
import Hummingbird
import Mustache

/// The web app's pages: Mustache templates shipped in the bundle, each rendered inside the layout.
struct WebPages: Sendable {
    let layout: MustacheTemplate
    let pages: [String: MustacheTemplate]

    init() throws {
        // Every `Pages/NAME.mustache` of the bundle is the page NAME.
        guard let folder = Bundle.module.url(forResource: "Pages", withExtension: nil) else {
            throw HTTPError(.internalServerError, message: "the pages are missing from the build")
        }
        var pages: [String: MustacheTemplate] = [:]
        for url in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where url.pathExtension == "mustache" {
            pages[url.deletingPathExtension().lastPathComponent] = try MustacheTemplate(string: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        }
        guard let layout = pages.removeValue(forKey: "layout") else {
            throw HTTPError(.internalServerError, message: "the pages are missing from the build")
        }
        self.layout = layout
        self.pages = pages
    }

    /// The page's HTML: its template with `values` (escaped by Mustache), inside the layout.
    func render(_ page: String, title: String, values: [String: Any], frame: [String: Any] = [:],
                status: HTTPResponse.Status = .ok) -> Response {
        precondition(pages[page] != nil, "no page \(page).mustache in Sources/SettleServer/Web/Pages")
        let started = ContinuousClock.now
        defer { WebTiming.current?.add("render", ContinuousClock.now - started) }
        let content = pages[page]?.render(Self.present(values)) ?? ""
        var context = Self.present(frame)
        context["title"] = title
        context["content"] = content
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Content-Security-Policy")!] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: layout.render(context))))
    }

    /// An optional text for a `{{#name}}…{{/name}}` section: absent when nil or empty (Mustache
    /// would show a section for an empty text).
    static func shown(_ text: String?) -> Any {
        text.flatMap { $0.isEmpty ? nil : $0 } as Any
    }

    /// The values without those that are nil, in nested dictionaries and lists too: Mustache
    /// shows a section for any value it finds, and a nil one as the text "nil".
    static func present(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues(present)
    }

    static func present(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.flatMap { present($0.value) }
        }
        switch value {
        case let dictionary as [String: Any]: return present(dictionary)
        case let list as [[String: Any]]: return list.map(present)
        default: return value
        }
    }
}
