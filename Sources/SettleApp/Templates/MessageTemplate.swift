import SettleCore
import SettleStore

/// A message template: for one name, language and tone, the subject, the plain-text body and
/// the HTML body, each as mustache source over the merge fields of `MergeFields`.
public struct MessageTemplate: Sendable, Hashable {
    public var name: String
    public var language: MessageLanguage
    public var tone: Tone
    public var subject: String
    public var text: String
    public var html: String

    public init(name: String, language: MessageLanguage, tone: Tone, subject: String, text: String, html: String) {
        self.name = name
        self.language = language
        self.tone = tone
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// A template name: 1-64 lower-case letters, digits and `_`, starting with a letter.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLowercase, text.count <= 64 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}

/// Where the wording of a message came from.
public enum TemplateSource: String, Sendable, Hashable {
    /// Settle's own wording (`DefaultTemplates`).
    case standard = "default"
    /// A template the organisation saved.
    case organisation
}

/// The template chosen for a message, and how it was chosen.
public struct ResolvedTemplate: Sendable, Hashable {
    public var template: MessageTemplate
    public var source: TemplateSource
    /// The tone that was asked for; `template.tone` differs when a nearby tone stood in.
    public var requestedTone: Tone
}

/// Chooses the wording for a message.
public enum TemplateCatalog {
    /// For each tone in `tone.wordingFallbacks` order, the organisation's template, else the default;
    /// the first found wins (so an exact default beats an organisation's nearby tone). A name
    /// that has nothing in the language (an organisation's own template) falls back to English.
    public static func resolve(name: String, language: MessageLanguage, tone: Tone,
                               saved: [MessageTemplate]) -> ResolvedTemplate? {
        for candidateLanguage in [language, .english] {
            for candidate in tone.wordingFallbacks {
                if let own = saved.first(where: { $0.name == name && $0.language == candidateLanguage && $0.tone == candidate }) {
                    return ResolvedTemplate(template: own, source: .organisation, requestedTone: tone)
                }
                if let standard = DefaultTemplates.find(name: name, language: candidateLanguage, tone: candidate) {
                    return ResolvedTemplate(template: standard, source: .standard, requestedTone: tone)
                }
            }
        }
        return nil
    }
}

extension MessageTemplate {
    /// A stored template; nil for a language this build does not write.
    init?(_ stored: StoredTemplate) {
        guard let language = MessageLanguage(rawValue: stored.language) else { return nil }
        self.init(name: stored.name, language: language, tone: stored.tone, subject: stored.subject,
                  text: stored.textBody, html: stored.htmlBody)
    }

    var stored: StoredTemplate {
        StoredTemplate(name: name, language: language.rawValue, tone: tone, subject: subject, textBody: text, htmlBody: html)
    }
}
