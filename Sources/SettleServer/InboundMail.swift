import Foundation
import HTTPTypes
import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The inbound email webhook: `POST /inbound/email/{organisation}` with the JSON an email
/// provider's inbound-parse hook (or a small relay) sends, `{from, to, subject, text, message_id,
/// in_reply_to, references}`, authenticated by `Authorization: Bearer` with the configured
/// `email.inbound_secret`. Answers 202 with what the email turned out to be.
struct InboundMail {
    let database: SettleDatabase
    let time: any TimeSource
    let secret: Secret?

    /// The JSON body; `references` may be a list or one space-separated header value.
    struct Payload: Decodable {
        var from: String
        var to: String?
        var subject: String?
        var text: String?
        var messageID: String?
        var inReplyTo: String?
        var references: [String]

        enum CodingKeys: String, CodingKey {
            case from, to, subject, text
            case messageID = "message_id", inReplyTo = "in_reply_to", references
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            from = try container.decode(String.self, forKey: .from)
            to = try container.decodeIfPresent(String.self, forKey: .to)
            subject = try container.decodeIfPresent(String.self, forKey: .subject)
            text = try container.decodeIfPresent(String.self, forKey: .text)
            messageID = try container.decodeIfPresent(String.self, forKey: .messageID)
            inReplyTo = try container.decodeIfPresent(String.self, forKey: .inReplyTo)
            if let list = try? container.decodeIfPresent([String].self, forKey: .references) {
                references = list
            } else {
                references = (try container.decodeIfPresent(String.self, forKey: .references) ?? "")
                    .split(whereSeparator: \.isWhitespace).map(String.init)
            }
        }
    }

    func register(on router: Router<BasicRequestContext>) {
        router.post("/inbound/email/:organisation") { request, context -> Response in
            let organisation = try context.parameters.require("organisation")
            let presented = request.headers[.authorization].flatMap { value in
                value.hasPrefix("Bearer ") ? String(value.dropFirst("Bearer ".count)) : nil
            }
            guard let secret, let presented, secret.matches(presented) else {
                context.logger.warning("inbound email refused: no valid bearer secret",
                                       metadata: ["organisation": "\(organisation)", "secret": "\(secret == nil ? "not set" : "set")"])
                SettleMetrics.inbound(channel: "email", outcome: "refused")
                throw HTTPError(.unauthorized, message: "send the configured inbound email secret as Authorization: Bearer")
            }
            var request = request
            let body = try await request.collectBody(upTo: 2 * 1024 * 1024)
            let payload: Payload
            do {
                payload = try JSONDecoder().decode(Payload.self, from: Data(body.readableBytesView))
            } catch {
                throw HTTPError(.badRequest, message: "the body is not the inbound email JSON ({from, to, subject, text, message_id, in_reply_to}): \(error)")
            }
            let email = InboundEmail(from: payload.from, to: payload.to ?? "", subject: payload.subject ?? "", text: payload.text ?? "",
                                     messageID: payload.messageID ?? "", inReplyTo: payload.inReplyTo, references: payload.references)
            let settle = Settle(database: database, organisation: organisation, time: time)
            let outcome: InboundEmailOutcome
            do {
                outcome = try await settle.receiveEmail(email)
            } catch StoreError.unknownOrganisation {
                throw HTTPError(.notFound, message: "no organisation \(organisation)")
            }
            let answer: [String: any Sendable] = switch outcome {
            case .reply(let clients, let invoices): ["outcome": "reply", "clients": clients, "invoices": invoices]
            case .bounce(let address, let clients): ["outcome": "bounce", "address": address, "clients": clients]
            case .delayed: ["outcome": "delayed"]
            case .unknownSender: ["outcome": "unknown_sender"]
            }
            let name = answer["outcome"] as? String ?? ""
            context.logger.info("inbound email", metadata: [
                "organisation": "\(organisation)", "message_id": "\(email.messageID)", "outcome": "\(name)"])
            SettleMetrics.inbound(channel: "email", outcome: name)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            let json = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
            return Response(status: .accepted, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
        }
    }
}
