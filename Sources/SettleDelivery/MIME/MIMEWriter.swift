import Crypto
import Foundation
import SettleCore

/// Writes an `EmailMessage` as the exact bytes of an RFC 5322 message: headers,
/// then multipart/mixed holding a multipart/alternative (text and HTML, both
/// quoted-printable UTF-8) and the base64 attachments. Every line ends in CRLF and
/// stays within 78 characters where the content allows (never over 998). The same
/// message and date always give the same bytes: the `Message-ID` and the
/// boundaries derive from the idempotency key.
public struct MIMEWriter: Sendable {
    /// A writer; it holds no state.
    public init() {}

    /// The message's bytes, dated `date` (the instant it is handed to the server).
    public func bytes(of message: EmailMessage, date: Date) -> [UInt8] {
        Array(text(of: message, date: date).utf8)
    }

    /// The message as text (7-bit ASCII with CRLF line ends).
    public func text(of message: EmailMessage, date: Date) -> String {
        var headers = [
            MIMEEncoding.header("Date", Self.rfc5322Date(date)),
            MIMEEncoding.header("From", MIMEEncoding.mailbox(message.from)),
            MIMEEncoding.header("To", message.to.map(MIMEEncoding.mailbox).joined(separator: ", ")),
        ]
        if let replyTo = message.replyTo {
            headers.append(MIMEEncoding.header("Reply-To", MIMEEncoding.mailbox(replyTo)))
        }
        headers += [
            MIMEEncoding.header("Subject", MIMEEncoding.unstructured(message.subject)),
            MIMEEncoding.header("Message-ID", Self.messageID(of: message)),
            "MIME-Version: 1.0",
        ]
        if let url = message.listUnsubscribeURL {
            headers.append(MIMEEncoding.header("List-Unsubscribe", "<" + MIMEEncoding.singleLine(url) + ">"))
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        let mixed = Self.boundary("mixed", message.idempotencyKey)
        headers.append("Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\"")
        var parts = [body(of: message)]
        parts += message.attachments.map(Self.attachmentPart)
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.multipart(parts, boundary: mixed)
    }

    /// `<sha256-hex-of-key@sender-domain>`: stable for an idempotency key, so a
    /// message sent again after a crash is recognisably the same message.
    public static func messageID(of message: EmailMessage) -> String {
        "<" + hexDigest(message.idempotencyKey) + "@" + MIMEEncoding.singleLine(message.from.domain) + ">"
    }

    /// The Message-ID header of written message bytes, for logs.
    public static func messageID(in bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(8192), as: UTF8.self)
        for line in head.split(separator: "\r\n") {
            if line.isEmpty { break }
            if line.lowercased().hasPrefix("message-id:") { return line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    private func body(of message: EmailMessage) -> String {
        let text = Self.textPart(message.text, subtype: "plain")
        guard let html = message.html else { return text }
        let alternative = Self.boundary("alternative", message.idempotencyKey)
        return "Content-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"\r\n\r\n"
            + Self.multipart([text, Self.textPart(html, subtype: "html")], boundary: alternative)
    }

    private static func textPart(_ content: String, subtype: String) -> String {
        "Content-Type: text/\(subtype); charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            + MIMEEncoding.quotedPrintable(content)
    }

    private static func attachmentPart(_ attachment: EmailAttachment) -> String {
        let name = MIMEEncoding.singleLine(attachment.filename)
        let quoted = MIMEEncoding.isPlainASCII(name)
            ? "filename=\"" + name.replacingOccurrences(of: "\"", with: "'") + "\""
            : "filename*=UTF-8''" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment")
        return "Content-Type: " + MIMEEncoding.singleLine(attachment.contentType) + "\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment;\r\n " + quoted + "\r\n\r\n"
            + MIMEEncoding.base64Lines(attachment.bytes)
    }

    private static func multipart(_ parts: [String], boundary: String) -> String {
        parts.map { "--" + boundary + "\r\n" + $0 + "\r\n" }.joined() + "--" + boundary + "--\r\n"
    }

    /// A boundary from the key. `=_` cannot occur in quoted-printable or base64
    /// content, so the boundary never collides with a part's text.
    static func boundary(_ kind: String, _ key: String) -> String {
        "=_settle_" + kind + "_" + String(hexDigest(kind + "\u{0}" + key).prefix(24))
    }

    static func hexDigest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).lowercaseHex
    }

    /// `Thu, 13 Mar 2025 09:30:00 +0000` (RFC 5322 §3.3), always in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
