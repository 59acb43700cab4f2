import Foundation
import HTTPTypes
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// Twilio's inbound SMS webhook: `POST /inbound/sms/{organisation}`, a form with `From`, `To`,
/// `Body`, `MessageSid` ... signed with the account's auth token (`X-Twilio-Signature` over the
/// public URL it was called at and the sorted parameters). A request without a valid signature
/// is refused with 403 and changes nothing. The answer is TwiML: a text back for the keywords,
/// nothing for a reply or an unknown number.
struct InboundText {
    let database: SettleDatabase
    let time: any TimeSource
    /// `server.public_url`: Twilio signs the URL it called, which is the public one.
    let publicURL: String
    let authToken: Secret?

    func register(on router: Router<BasicRequestContext>) {
        router.post("/inbound/sms/:organisation") { request, context -> Response in
            let organisation = try context.parameters.require("organisation")
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 64 * 1024))
            let parameters = Self.formParameters(body)
            let url = publicURL + request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            guard let authToken, TwilioRequestSignature.isValid(request.headers[Self.signatureHeader], url: url,
                                                                parameters: parameters, authToken: authToken.value) else {
                context.logger.warning("inbound text refused: no valid X-Twilio-Signature",
                                       metadata: ["organisation": "\(organisation)", "token": "\(authToken == nil ? "not set" : "set")"])
                SettleMetrics.inbound(channel: "sms", outcome: "refused")
                throw HTTPError(.forbidden, message: "the request is not signed by Twilio with the configured auth token")
            }
            let field = { (name: String) in parameters.first { $0.name == name }?.value ?? "" }
            let settle = Settle(database: database, organisation: organisation, time: time)
            let result: InboundTextResult
            do {
                result = try await settle.receiveText(from: field("From"), body: field("Body"), messageID: field("MessageSid"))
            } catch StoreError.unknownOrganisation {
                throw HTTPError(.notFound, message: "no organisation \(organisation)")
            }
            context.logger.info("inbound text", metadata: [
                "organisation": "\(organisation)", "message_sid": "\(field("MessageSid"))",
                "outcome": "\(result.outcome.rawValue)", "clients": "\(result.clients.joined(separator: ","))"])
            SettleMetrics.inbound(channel: "sms", outcome: result.outcome.rawValue)
            return Self.twiML(answer: result.answer)
        }
    }

    static let signatureHeader = HTTPField.Name(TwilioRequestSignature.header)!

    /// The parameters of an `application/x-www-form-urlencoded` body, in order, decoded.
    static func formParameters(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// `<Response>` with one `<Message>` (or none), as Twilio reads it.
    static func twiML(answer: String?) -> Response {
        let message = answer.map { "<Message>\(Settle.xmlEscaped($0))</Message>" } ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(
            string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\(message)</Response>")))
    }
}
