import Foundation
import Hummingbird

/// The web app's pages answer an error with a page a person can read (the API with a problem
/// document): the status, what is wrong, and the way back.
enum WebErrorPage {
    static func serves(_ request: Request) -> Bool {
        let path = request.uri.path
        return path == "/app" || path.hasPrefix("/app/") || path == "/signin" || path == "/signout"
    }

    static func response(_ problem: Problem) -> Response {
        let detail = problem.status >= 500 ? "Something went wrong on our side; it is logged. Please try again."
            : (problem.detail ?? problem.title)
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(problem.title)) · Settle</title>
            <style>body { font-family: system-ui, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 40rem; padding: 1rem; }
            a { color: #1d4f91; } a:focus { outline: 3px solid #e76f51; outline-offset: 2px; }</style></head>
            <body><main><h1>\(problem.status) \(escape(problem.title))</h1><p>\(escape(detail))</p>
            <p><a href="/app">Back to the dashboard</a></p></main></body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        return Response(status: HTTPResponse.Status(code: problem.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
