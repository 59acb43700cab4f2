/// A language Settle writes documents in. A client's language tag chooses it by its primary
/// subtag (`de-AT` and `de-CH` are German, `fr-CA` French); any other language gets English,
/// as for messages.
public enum DocumentLanguage: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case german = "de"
    case french = "fr"

    /// The language for a BCP 47 tag such as a client's `language`.
    public init(tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self = DocumentLanguage(rawValue: primary) ?? .english
    }

    /// The wording of documents in this language.
    var wording: DocumentWording {
        switch self {
        case .english: return .english
        case .german: return .german
        case .french: return .french
        }
    }
}
