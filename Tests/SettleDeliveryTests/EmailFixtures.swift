import Foundation
import SettleDelivery

/// Messages and helpers shared by the MIME and the live SMTP tests.
enum EmailFixtures {
    static let subject = "Zahlungserinnerung für Rechnung ÄÖÜ-1 – 1.234,50 €"
    static let dotLine = ".Diese Zeile beginnt mit einem Punkt."
    static let longLine = String(repeating: "Lorem ipsum dolor sit amet, äöü € ", count: 59).prefix(2_000).description
    static let date = Date(timeIntervalSince1970: 1_741_858_200)  // 2025-03-13T09:30:00Z
    static let unsubscribeURL = "https://pay.acme.test/u/c_42?sig=3f1b9c0d2e"

    /// A small fixed PDF with a binary comment line, so base64 carries every kind of byte.
    static let pdf: [UInt8] = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        + Array("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".utf8)
        + Array("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n".utf8)
        + Array("trailer << /Root 1 0 R >>\n%%EOF\n".utf8) + Array(0...255)

    static var text: String {
        "Guten Tag Frau Müller,\n\nRechnung ÄÖÜ-1 über 1.234,50 € ist seit dem 1. März fällig.\n"
            + dotLine + "\n" + longLine + "\n\nMit freundlichen Grüßen\nAcme GmbH\n"
    }

    static func message(key: String = "acme/INV-1/stage-1/1", to recipient: String = "kunde@example.test") -> EmailMessage {
        EmailMessage(
            from: EmailAddress("ar@acme.test", name: "Acme GmbH – Buchhaltung"),
            to: [EmailAddress(recipient, name: "Erika Müller")],
            replyTo: EmailAddress("replies+c_42@acme.test", name: "Acme Accounts"),
            subject: subject,
            text: text,
            html: "<p>Guten Tag Frau Müller,</p>\n<p>Rechnung ÄÖÜ-1 über 1.234,50 € ist fällig.</p>\n",
            attachments: [EmailAttachment(filename: "Rechnung-ÄÖÜ-1.pdf", contentType: "application/pdf", bytes: pdf)],
            idempotencyKey: key,
            listUnsubscribeURL: unsubscribeURL)
    }
}
