import SettleCore

/// A language Settle writes messages in. A client's language tag chooses it by its primary
/// subtag (`de-AT` and `de-CH` are German, `fr-CA` French); any other language gets English.
public enum MessageLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    case english = "en"
    case german = "de"
    case french = "fr"

    /// The language for a BCP 47 tag such as a client's `language`.
    public init(tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self = MessageLanguage(rawValue: primary) ?? .english
    }

    /// Only the exact codes `en`, `de`, `fr` (for saving templates, where a guess would hide a typo).
    public init(code: String) throws(TemplateError) {
        guard let language = MessageLanguage(rawValue: code.lowercased()) else { throw .unsupportedLanguage(code) }
        self = language
    }
}

extension Tone {
    /// The tones whose wording may stand in for this one, best first: the tone itself, then the
    /// nearest on the ladder friendly – polite – firm – formal – final, the softer one first
    /// when two are equally near (a message never gets harsher than asked when a softer one is
    /// as close). `supportive` falls back to the softest tones first; the ladder tones try
    /// `supportive` only last.
    public var wordingFallbacks: [Tone] {
        let ladder: [Tone] = [.friendly, .polite, .firm, .formal, .final]
        guard let position = ladder.firstIndex(of: self) else { return [.supportive] + ladder }
        let nearest = ladder.indices.sorted { left, right in
            let (leftDistance, rightDistance) = (abs(left - position), abs(right - position))
            return leftDistance != rightDistance ? leftDistance < rightDistance : left < right
        }
        return nearest.map { ladder[$0] } + [.supportive]
    }
}
