import Foundation
import Mustache
import SettleCore

/// A message ready to send: its subject, plain-text body and HTML body.
public struct RenderedMessage: Sendable, Hashable {
    public var subject: String
    public var text: String
    public var html: String
}

/// Renders a template over a message context. Values are HTML-escaped in the HTML body and
/// left as they are in the subject and the text body (a client called "Smith & Sons" stays so).
public enum MessageRenderer {
    /// The template's three parts rendered; throws when a part does not compile (a saved
    /// template was checked when saved, so this means it was changed behind Settle's back).
    public static func render(_ template: MessageTemplate, context: MessageContext) throws -> RenderedMessage {
        let values = try context.mergeValues()
        let subject = try render(template.subject, values, escapingHTML: false)
        let text = try render(template.text, values, escapingHTML: false)
        return RenderedMessage(
            subject: subject.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "),
            text: tidy(text),
            html: try render(template.html, values, escapingHTML: true))
    }

    private static func render(_ source: String, _ values: [String: Any], escapingHTML: Bool) throws -> String {
        // The library escapes for HTML unless told otherwise. The pragma stands on a line of its
        // own, which mustache removes, so the source's first line keeps its standalone tags.
        let template = try MustacheTemplate(string: escapingHTML ? source : "{{%CONTENT_TYPE:TEXT}}\n" + source)
        return template.render(values)
    }

    /// Trailing spaces removed, at most one blank line in a row, one final line break.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = Substring(line)
            while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(String(trimmed))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
