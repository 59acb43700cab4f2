import SettleCore
import SettleStore

/// A template as `settle template list` shows it.
public struct TemplateListing: Sendable, Hashable {
    public var name: String
    public var language: MessageLanguage
    public var tone: Tone
    public var source: TemplateSource
    /// For an organisation's template: whether Settle has a default it replaces.
    public var overridesDefault: Bool
    /// When the organisation last saved it; empty for a default.
    public var updatedAt: String
}

/// What to call each part of a template in problem messages (the files it was read from).
public struct TemplatePartNames: Sendable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String = "subject", text: String = "text", html: String = "html") {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

extension Settle {
    /// Saves an organisation's template over the default (or over its earlier version) after
    /// checking every merge field; refuses it, naming each unknown field and where it is, otherwise.
    public func saveTemplate(_ template: MessageTemplate, partNames: TemplatePartNames = TemplatePartNames()) async throws {
        guard MessageTemplate.isName(template.name) else { throw TemplateError.invalidName(template.name) }
        let problems = TemplateValidator.problems(in: template, partNames: partNames)
        guard problems.isEmpty else { throw TemplateRejected(problems: problems) }
        let org = try await organisation()
        try await TemplateStore(database.sql, orgID: org.id).save(template.stored, now: timestamp)
    }

    /// Removes an organisation's template, so the default (if any) applies again; false when there was none.
    public func deleteTemplate(name: String, language: MessageLanguage, tone: Tone) async throws -> Bool {
        let org = try await organisation()
        return try await TemplateStore(database.sql, orgID: org.id).delete(name: name, language: language.rawValue, tone: tone)
    }

    /// Every default and every template the organisation saved, by name, language and tone.
    public func templateListings() async throws -> [TemplateListing] {
        let org = try await organisation()
        let saved = try await TemplateStore(database.sql, orgID: org.id).list()
        var listings = saved.compactMap { stored -> TemplateListing? in
            guard let language = MessageLanguage(rawValue: stored.language) else { return nil }
            let standard = DefaultTemplates.find(name: stored.name, language: language, tone: stored.tone)
            return TemplateListing(name: stored.name, language: language, tone: stored.tone, source: .organisation,
                                   overridesDefault: standard != nil, updatedAt: stored.updatedAt)
        }
        let overridden = Set(listings.map { "\($0.name)/\($0.language.rawValue)/\($0.tone.rawValue)" })
        for template in DefaultTemplates.all
        where !overridden.contains("\(template.name)/\(template.language.rawValue)/\(template.tone.rawValue)") {
            listings.append(TemplateListing(name: template.name, language: template.language, tone: template.tone,
                                            source: .standard, overridesDefault: false, updatedAt: ""))
        }
        let toneOrder = Tone.allCases
        return listings.sorted {
            ($0.name, $0.language.rawValue, toneOrder.firstIndex(of: $0.tone) ?? 0)
                < ($1.name, $1.language.rawValue, toneOrder.firstIndex(of: $1.tone) ?? 0)
        }
    }

    /// The wording for a message: the organisation's template or the default, for the tone or
    /// the nearest tone that has one (see `Tone.wordingFallbacks` and `TemplateCatalog`).
    public func resolveTemplate(name: String, language: MessageLanguage, tone: Tone) async throws -> ResolvedTemplate {
        let org = try await organisation()
        let saved = try await TemplateStore(database.sql, orgID: org.id).list(named: name).compactMap(MessageTemplate.init)
        guard let resolved = TemplateCatalog.resolve(name: name, language: language, tone: tone, saved: saved) else {
            throw TemplateError.unknownTemplate(name: name, language: language.rawValue, tone: tone)
        }
        return resolved
    }
}
