import Foundation

/// The encodings a message needs to travel as 7-bit lines of at most 998 octets:
/// quoted-printable bodies, base64 attachments, RFC 2047 encoded words for
/// non-ASCII header text, and header folding.
enum MIMEEncoding {
    /// Encoded lines stay within 76 characters (RFC 2045), far below SMTP's 998.
    static let bodyLineLength = 76
    /// Header lines are folded to about 78 characters (RFC 5322's recommendation).
    static let headerLineLength = 78
    /// UTF-8 bytes per encoded word: 39 bytes make 52 base64 characters, so
    /// `=?UTF-8?B?...?=` stays within RFC 2047's 75 and a folded line within 78.
    static let encodedWordBytes = 39

    /// The text with every line break (CRLF, CR or LF) as one `\n`, split into lines.
    static func lines(of text: String) -> [Substring] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return unified.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text; hard line breaks become CRLF,
    /// long lines get soft breaks (`=` at the end) so no encoded line passes 76.
    static func quotedPrintable(_ text: String) -> String {
        var encoded: [String] = []
        for line in lines(of: text) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let token: String
                switch byte {
                case 0x20, 0x09:
                    token = isLast ? hexEscape(byte) : String(UnicodeScalar(byte))
                case 33...126 where byte != UInt8(ascii: "="):
                    token = String(UnicodeScalar(byte))
                default:
                    token = hexEscape(byte)
                }
                if current.utf8.count + token.utf8.count > bodyLineLength - 1 {
                    encoded.append(current + "=")
                    current = ""
                }
                current += token
            }
            encoded.append(current)
        }
        return encoded.joined(separator: "\r\n")
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// Base64 in lines of 76 characters separated by CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        return stride(from: 0, to: encoded.count, by: bodyLineLength).map { start in
            String(decoding: encoded[start..<min(start + bodyLineLength, encoded.count)], as: UTF8.self)
        }.joined(separator: "\r\n")
    }

    /// Whether the text can go into a header as it is: printable ASCII and spaces only.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Header text as RFC 2047 encoded words (`=?UTF-8?B?...?=`), split between
    /// characters so each word decodes on its own, separated by folding whitespace.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > encodedWordBytes {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// Unstructured header text (a subject): as it is when plain ASCII, else encoded words.
    static func unstructured(_ text: String) -> String {
        let flat = singleLine(text)
        return isPlainASCII(flat) ? flat : encodedWords(flat)
    }

    /// A mailbox for `From`, `To` or `Reply-To`: the name quoted or encoded as needed.
    static func mailbox(_ address: EmailAddress) -> String {
        let bare = "<" + singleLine(address.address) + ">"
        guard let name = address.name.map(singleLine), !name.isEmpty else { return bare }
        if !isPlainASCII(name) { return encodedWords(name) + " " + bare }
        let atext = name.allSatisfy { $0.isLetter || $0.isNumber || " !#$%&'*+-/=?^_`{|}~".contains($0) }
        if atext { return name + " " + bare }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\" " + bare
    }

    /// Text with line breaks and other control characters replaced by spaces, so a
    /// value can never start a header of its own.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// `Name: value`, folded at spaces so lines stay near 78 characters where the
    /// value allows it; encoded words already carry their own folds.
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        for (index, segment) in value.components(separatedBy: "\r\n ").enumerated() {
            var line = index == 0 ? name + ": " + segment : " " + segment
            while line.count > headerLineLength,
                let space = line.prefix(headerLineLength).lastIndex(of: " "),
                line.distance(from: line.startIndex, to: space) > name.count + 1
            {
                lines.append(String(line[..<space]))
                line = String(line[space...])
            }
            lines.append(line)
        }
        return lines.joined(separator: "\r\n")
    }
}
