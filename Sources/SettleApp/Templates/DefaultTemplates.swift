import Foundation
import SettleCore

/// Settle's own wording for every message, in English, German and French.
///
/// Each default is written once as blocks (a greeting, paragraphs, the statement of what is
/// owed, how to pay, the closing) and turned into both the plain-text and the HTML mustache
/// source, so the two bodies never drift apart. The words are in
/// `DefaultTemplates+English.swift`, `+German.swift` and `+French.swift`.
public enum DefaultTemplates {
    /// Every default template.
    public static let all: [MessageTemplate] = [english, german, french].flatMap(\.templates)

    private static let index: [String: MessageTemplate] = Dictionary(
        all.map { (key($0.name, $0.language, $0.tone), $0) }, uniquingKeysWith: { first, _ in first })

    /// The default for exactly this name, language and tone.
    public static func find(name: String, language: MessageLanguage, tone: Tone) -> MessageTemplate? {
        index[key(name, language, tone)]
    }

    /// The names of the defaults (`reminder`, `broken_promise`, `plan_instalment`, `courtesy`).
    public static var names: [String] {
        var seen: [String] = []
        for template in all where !seen.contains(template.name) { seen.append(template.name) }
        return seen
    }

    private static func key(_ name: String, _ language: MessageLanguage, _ tone: Tone) -> String {
        "\(name)/\(language.rawValue)/\(tone.rawValue)"
    }
}

/// One default message as blocks, in one language and tone.
struct DefaultMessage: Sendable {
    var name: String
    var tone: Tone
    var subject: String
    var blocks: [DefaultBlock]
}

/// A part of a default message.
indirect enum DefaultBlock: Sendable {
    /// `named` greets `{{contact.name}}`; `unnamed` is used when the client has no named contact.
    case greeting(named: String, unnamed: String)
    case paragraph(String)
    /// The blocks, shown only when the merge field is present (or true).
    case onlyIf(String, [DefaultBlock])
    /// The invoices with what is open on each and the total due; with `charges`, also fees and interest.
    case statement(charges: Bool)
    /// Bank details with the reference, and the portal link.
    case payment
    /// The sign-off line, followed by the signature and the business's name.
    case closing(String)
}

/// Mustache for "one invoice" or "several invoices" wording.
func oneOrSeveral(_ one: String, _ several: String) -> String {
    "{{^several_invoices}}\(one){{/several_invoices}}{{#several_invoices}}\(several){{/several_invoices}}"
}

/// Mustache for wording that depends on whether anything is overdue yet.
func overdueOrNot(overdue: String, notYet: String) -> String {
    "{{#days_overdue}}\(overdue){{/days_overdue}}{{^days_overdue}}\(notYet){{/days_overdue}}"
}

/// The labels one language uses around the words of its messages.
struct DefaultWording: Sendable {
    var language: MessageLanguage
    /// Put between a label and its value: `":"`, or `" :"` in French.
    var colon: String
    var invoiceHeading: String
    var issuedHeading: String
    var dueHeading: String
    var openHeading: String
    var referenceHeading: String
    /// "reference" as written inside a sentence (`, reference RF18 …`).
    var referenceWord: String
    /// One invoice in the plain-text list, with the item's fields (`{{number}}`, `{{balance}}` …).
    var invoiceLine: String
    /// Shown beside an overdue invoice, with `{{overdue_by}}`.
    var overdueNote: String
    var feesLabel: String
    var interestLabel: String
    var totalLabel: String
    var paymentHeading: String
    var accountHolderLabel: String
    var bankLabel: String
    var referenceLabel: String
    /// Said instead of one reference when the message lists several invoices.
    var referencesOfEach: String
    var portalLabel: String
    /// French typography: a no-break space before `:` `?` `!` `;`, applied to the finished sources.
    var frenchSpacing = false

    func typography(_ text: String) -> String {
        guard frenchSpacing else { return text }
        var result = text
        for mark in [":", "?", "!", ";"] {
            result = result.replacingOccurrences(of: " " + mark, with: MessageFormatter.noBreakSpace + mark)
        }
        return result
    }
}

/// A language's wording and its messages.
struct DefaultLanguage: Sendable {
    var wording: DefaultWording
    var messages: [DefaultMessage]

    var templates: [MessageTemplate] {
        messages.map { message in
            let text = message.blocks.map(textSource).joined(separator: "\n")
            let html = DefaultLanguage.htmlPage(lang: wording.language.rawValue, body: message.blocks.map(htmlSource).joined())
            return MessageTemplate(name: message.name, language: wording.language, tone: message.tone,
                                   subject: wording.typography(message.subject), text: wording.typography(text),
                                   html: wording.typography(html))
        }
    }
}
