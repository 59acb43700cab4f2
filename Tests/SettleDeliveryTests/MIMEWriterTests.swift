import Foundation
import Testing

@testable import SettleDelivery

@Suite struct MIMEWriterTests {
    let message = EmailFixtures.message()
    var written: String { MIMEWriter().text(of: message, date: EmailFixtures.date) }
    var headerBlock: String { String(written.components(separatedBy: "\r\n\r\n")[0]) }

    @Test func headersAreExact() {
        let lines = headerBlock.components(separatedBy: "\r\n")
        #expect(lines.first == "Date: Thu, 13 Mar 2025 09:30:00 +0000")
        #expect(lines.contains("Reply-To: Acme Accounts <replies+c_42@acme.test>"))
        #expect(lines.contains("Message-ID: " + MIMEWriter.messageID(of: message)))
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("List-Unsubscribe: <\(EmailFixtures.unsubscribeURL)>"))
        #expect(lines.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(written.utf8.allSatisfy { $0 < 0x80 }, "the message is 7-bit ASCII")
    }

    @Test func messageIDIsTheKeysDigestAtTheSendersDomain() {
        #expect(MIMEWriter.messageID(of: message)
            == "<\(MIMEWriter.hexDigest("acme/INV-1/stage-1/1"))@acme.test>")
        #expect(MIMEWriter.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(MIMEWriter.messageID(of: EmailFixtures.message(key: "other")) != MIMEWriter.messageID(of: message))
    }

    @Test func sameMessageGivesSameBytes() {
        #expect(MIMEWriter().bytes(of: message, date: EmailFixtures.date)
            == MIMEWriter().bytes(of: EmailFixtures.message(), date: EmailFixtures.date))
    }

    @Test func nonASCIISubjectAndNamesAreEncodedWordsThatDecodeBack() throws {
        let unfolded = headerBlock.replacingOccurrences(of: "\r\n ", with: " ")
        let subject = try #require(unfolded.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(decodeEncodedWords(String(subject.dropFirst(9))) == EmailFixtures.subject)
        let from = try #require(unfolded.components(separatedBy: "\r\n").first { $0.hasPrefix("From: ") })
        #expect(from.hasSuffix(" <ar@acme.test>"))
        #expect(decodeEncodedWords(String(from.dropFirst(6).dropLast(15))) == "Acme GmbH – Buchhaltung")
        #expect(MIMEEncoding.unstructured("Reminder: invoice 1") == "Reminder: invoice 1")
        #expect(MIMEEncoding.unstructured("a\r\nBcc: x@y") == "a  Bcc: x@y", "no header injection")
    }

    @Test func everyLineStaysWithinLimits() {
        let lines = written.components(separatedBy: "\r\n")
        // 78 is RFC 5322's "should"; the Message-ID (a 64-digit digest) cannot fold.
        #expect(lines.filter { $0.utf8.count > 78 && !$0.hasPrefix("Message-ID: ") } == [])
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(!written.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(!written.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func quotedPrintableKeepsALongLineAndALeadingDot() {
        let encoded = MIMEEncoding.quotedPrintable("=\u{20}\n" + EmailFixtures.dotLine + "\n" + EmailFixtures.longLine + " ")
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(encoded.hasPrefix("=3D=20\r\n" + EmailFixtures.dotLine + "\r\n"))
        #expect(decodeQuotedPrintable(encoded) == "= \n" + EmailFixtures.dotLine + "\n" + EmailFixtures.longLine + " ")
    }

    @Test func attachmentIsBase64InLinesOf76() throws {
        let part = try #require(written.components(separatedBy: "Content-Disposition: attachment;").last)
        let body = part.components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "\r\n--")[0]
        let lines = body.components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(part.contains("filename*=UTF-8''Rechnung%2D%C3%84%C3%96%C3%9C%2D1%2Epdf"))
        #expect(Data(base64Encoded: lines.joined()).map(Array.init) == EmailFixtures.pdf)
    }

    @Test func dataIsDotStuffedWithCRLFLineEnds() {
        let sent = SMTPDataEncoding.transparent(Array("a\n.b\r\n..c\rd".utf8))
        #expect(String(decoding: sent, as: UTF8.self) == "a\r\n..b\r\n...c\r\nd\r\n.\r\n")
        #expect(SMTPDataEncoding.transparent(Array(".\r\n".utf8)) == Array("..\r\n.\r\n".utf8))
    }
}

/// Decodes a run of `=?UTF-8?B?...?=` words separated by spaces.
func decodeEncodedWords(_ text: String) -> String? {
    var bytes: [UInt8] = []
    for word in text.split(separator: " ") {
        guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
            let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
        else { return nil }
        bytes += data
    }
    return String(bytes: bytes, encoding: .utf8)
}

/// Decodes quoted-printable with CRLF line ends into text with `\n` line ends.
func decodeQuotedPrintable(_ text: String) -> String? {
    var bytes: [UInt8] = []
    for line in text.components(separatedBy: "\r\n") {
        var characters = Array(line.utf8)[...]
        var soft = false
        if characters.last == UInt8(ascii: "=") { soft = true; characters = characters.dropLast() }
        var iterator = characters.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "=") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        if !soft { bytes.append(UInt8(ascii: "\n")) }
    }
    if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
    return String(bytes: bytes, encoding: .utf8)
}
