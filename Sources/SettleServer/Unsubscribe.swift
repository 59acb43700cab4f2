import Foundation
import HTTPTypes
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The one-click unsubscribe of the `List-Unsubscribe` header (RFC 8058): a mail client POSTs
/// `List-Unsubscribe=One-Click` to the signed link and the client is opted out of email at
/// once; a person opening the link gets a page with a button that does the same. The link is
/// the signed, expiring token of `ClientLinkSigner`: a tampered or expired one changes nothing
/// and gets a plain page saying so.
struct Unsubscribe {
    let database: SettleDatabase
    let time: any TimeSource
    let links: ClientLinkSigner

    func register(on router: Router<BasicRequestContext>) {
        router.get("/unsubscribe/:token") { _, context -> Response in
            let token = try context.parameters.require("token")
            guard links.verify(token, now: time.now()) != nil else { return Self.page(.badRequest, Self.invalid) }
            return Self.page(.ok, """
                <h1>Stop emails about your invoices?</h1>
                <p>We will stop sending reminders by email. Invoices stay owed; we may still write by post.</p>
                <form method="post" action="/unsubscribe/\(Settle.xmlEscaped(token))">
                  <input type="hidden" name="List-Unsubscribe" value="One-Click">
                  <button type="submit">Stop emails</button>
                </form>
                """)
        }
        router.post("/unsubscribe/:token") { request, context -> Response in
            let token = try context.parameters.require("token")
            guard let link = links.verify(token, now: time.now()) else { return Self.page(.badRequest, Self.invalid) }
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 4096))
            guard body.split(separator: "&").contains("List-Unsubscribe=One-Click") else {
                return Self.page(.badRequest, "<h1>Nothing changed</h1><p>The request did not ask to unsubscribe.</p>")
            }
            let settle = Settle(database: database, organisation: link.organisation, time: time)
            do {
                try await settle.recordContactPreference(client: link.client, channel: .email,
                                                         note: "one-click unsubscribe (List-Unsubscribe)")
            } catch StoreError.unknownClient, StoreError.unknownOrganisation {
                return Self.page(.badRequest, Self.invalid)
            }
            return Self.page(.ok, "<h1>You will get no more emails from us</h1><p>Thank you for letting us know.</p>")
        }
    }

    static let invalid = """
        <h1>This link does not work any more</h1>
        <p>It has expired or was changed. Reply to one of our emails and ask to stop emails: we will do it.</p>
        """

    static func page(_ status: HTTPResponse.Status, _ content: String) -> Response {
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Email preferences</title></head><body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
            \(content)
            </body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
