import Foundation

/// The wire shape of Twilio's Messages resource (API version 2010-04-01): the form
/// that creates a message, and the JSON that comes back.
enum TwilioMessagesAPI {
    /// The `application/x-www-form-urlencoded` body: `To`, `From` or
    /// `MessagingServiceSid`, `Body`, in that order.
    static func formBody(for message: SMSMessage, sender: SMSConfiguration.Sender) -> String {
        var fields = [("To", message.to)]
        switch sender {
        case .number(let number): fields.append(("From", number))
        case .messagingService(let sid): fields.append(("MessagingServiceSid", sid))
        }
        fields.append(("Body", message.body))
        return fields.map { formEncoded($0.0) + "=" + formEncoded($0.1) }.joined(separator: "&")
    }

    /// Form encoding as browsers and Twilio's own libraries do it: letters, digits and
    /// `*-._` as they are, space as `+`, every other UTF-8 byte as `%XX`.
    static func formEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"),
                 UInt8(ascii: "."), UInt8(ascii: "_"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                encoded.append("+")
            default:
                encoded.append("%")
                encoded.append(String(byte >> 4, radix: 16, uppercase: true))
                encoded.append(String(byte & 0xF, radix: 16, uppercase: true))
            }
        }
        return encoded
    }

    /// The parts of a created message that Settle keeps.
    struct CreatedMessage: Decodable {
        var sid: String
        var status: String?
    }

    /// Twilio's error document: `{"code": 21211, "message": "...", "more_info": "...", "status": 400}`.
    struct ErrorDocument: Decodable {
        var code: Int?
        var message: String?
        var moreInfo: String?

        enum CodingKeys: String, CodingKey {
            case code, message
            case moreInfo = "more_info"
        }
    }

    /// The error the provider described in `answer`, or one made from its status and body.
    static func providerError(from answer: HTTPAnswer) -> SMSProviderError {
        let document = try? JSONDecoder().decode(ErrorDocument.self, from: Data(answer.body))
        let fallback = answer.bodyExcerpt.isEmpty ? "no explanation given" : answer.bodyExcerpt
        return SMSProviderError(
            status: answer.status, code: document?.code,
            message: document?.message ?? fallback, moreInfo: document?.moreInfo)
    }
}
