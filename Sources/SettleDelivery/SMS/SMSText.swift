/// Rules for the text of an SMS: E.164 numbers, the opt-out line, the length limit.
public enum SMSText {
    /// The longest body the provider takes (Twilio: 1,600 characters), counted in
    /// UTF-16 code units, as providers count them: an emoji counts twice.
    public static let maximumLength = 1_600

    /// The opt-out line for a language code (`en`, `de`, `fr`; a region such as
    /// `de-CH` or `fr_CA` is ignored; anything else gets English). STOP is the
    /// keyword carriers and providers act on in every language, so it stays as it is.
    public static func optOutLine(language: String) -> String {
        let base = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        switch base {
        case "de": return "Abmelden: Antworten Sie STOP"
        case "fr": return "Répondez STOP pour ne plus recevoir de SMS"
        default: return "Reply STOP to opt out"
        }
    }

    /// `text` with the opt-out line for `language` on a line of its own, shortened
    /// (ending in "…") where needed so the whole stays within `maximumLength`: the
    /// opt-out line is never the part that is cut. A text that already ends with
    /// the line is returned as it is, shortened if needed.
    public static func withOptOut(_ text: String, language: String) -> String {
        let line = optOutLine(language: language)
        var content = text.trimmingTrailingWhitespace()
        if content.hasSuffix(line) { content = String(content.dropLast(line.count)).trimmingTrailingWhitespace() }
        let separator = content.isEmpty ? "" : "\n"
        let room = maximumLength - line.utf16.count - separator.utf16.count
        return shortened(content, toFit: room) + separator + line
    }

    /// Whether `number` is in E.164 form: `+`, a country code that does not start
    /// with 0, and 7 to 15 digits in all (Niue and Saint Helena have 7).
    public static func isE164(_ number: String) -> Bool {
        guard number.first == "+" else { return false }
        let digits = number.utf8.dropFirst()
        guard (7...15).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return false
        }
        return digits.first != UInt8(ascii: "0")
    }

    /// Whether `sender` is an alphanumeric sender ID: 1 to 11 ASCII letters,
    /// digits and spaces, with at least one letter.
    public static func isAlphanumericSenderID(_ sender: String) -> Bool {
        (1...11).contains(sender.count)
            && sender.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
            && sender.contains { $0.isLetter }
    }

    /// Why `body` cannot be sent as an SMS, or nil when it can.
    static func problem(with body: String) -> String? {
        if body.trimmingTrailingWhitespace().isEmpty { return "the text is empty" }
        let length = body.utf16.count
        if length > maximumLength {
            return "the text has \(length) characters; at most \(maximumLength) can be sent (SMSText.withOptOut shortens it)"
        }
        return nil
    }

    /// `text` cut at a character boundary, with "…", so it has at most `room` UTF-16 units.
    private static func shortened(_ text: String, toFit room: Int) -> String {
        guard text.utf16.count > room else { return text }
        guard room > 1 else { return "" }
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if kept + width > room - 1 { break }
            kept += width
            end = text.index(after: index)
        }
        return String(text[..<end]).trimmingTrailingWhitespace() + "…"
    }
}

extension String {
    /// The string without spaces, tabs and line breaks at its end.
    fileprivate func trimmingTrailingWhitespace() -> String {
        var result = Substring(self)
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return String(result)
    }
}
