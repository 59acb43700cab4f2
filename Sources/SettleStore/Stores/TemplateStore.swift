import SettleCore
import SQLKit

/// A message template an organisation saved: one name, language and tone, with its three parts
/// as mustache source. It overrides Settle's default for the same name, language and tone.
public struct StoredTemplate: Sendable, Hashable {
    public var name: String
    /// The language's primary subtag (`en`, `de`, `fr`).
    public var language: String
    public var tone: Tone
    public var subject: String
    public var textBody: String
    public var htmlBody: String
    /// When the template was last saved (`created_at` style timestamp); empty before it is stored.
    public var updatedAt: String

    public init(name: String, language: String, tone: Tone, subject: String, textBody: String, htmlBody: String,
                updatedAt: String = "") {
        self.name = name
        self.language = language
        self.tone = tone
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.updatedAt = updatedAt
    }
}

/// The templates of one organisation. Every query is scoped to `orgID`; checking the
/// merge fields is the caller's job (the store keeps whatever passed that check).
public struct TemplateStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Inserts the template, or replaces the one with the same name, language and tone.
    public func save(_ template: StoredTemplate, now: String) async throws {
        try await sql.insert(into: "templates")
            .columns("org_id", "name", "language", "tone", "subject", "text_body", "html_body", "created_at", "updated_at")
            .values(SQLBind(orgID), SQLBind(template.name), SQLBind(template.language), SQLBind(template.tone.rawValue),
                    SQLBind(template.subject), SQLBind(template.textBody), SQLBind(template.htmlBody),
                    SQLBind(now), SQLBind(now))
            .onConflict(with: ["org_id", "name", "language", "tone"]) { update in
                update.set(excludedValueOf: "subject").set(excludedValueOf: "text_body")
                    .set(excludedValueOf: "html_body").set(excludedValueOf: "updated_at")
            }
            .run()
    }

    /// The organisation's templates with this name (every language and tone), or all when nil.
    public func list(named name: String? = nil) async throws -> [StoredTemplate] {
        var query = sql.select().columns("*").from("templates").where("org_id", .equal, SQLBind(orgID))
        if let name { query = query.where("name", .equal, SQLBind(name)) }
        return try await query.orderBy("name").orderBy("language").orderBy("tone").all().map(Self.decode)
    }

    /// Removes the template; returns whether there was one.
    @discardableResult
    public func delete(name: String, language: String, tone: Tone) async throws -> Bool {
        let found = try await sql.select().column("id").from("templates")
            .where("org_id", .equal, SQLBind(orgID)).where("name", .equal, SQLBind(name))
            .where("language", .equal, SQLBind(language)).where("tone", .equal, SQLBind(tone.rawValue)).first()
        guard let found else { return false }
        try await sql.delete(from: "templates").where("org_id", .equal, SQLBind(orgID))
            .where("id", .equal, SQLBind(try found.decode(column: "id", as: Int64.self))).run()
        return true
    }

    static func decode(_ row: any SQLRow) throws -> StoredTemplate {
        let tone = try row.decode(column: "tone", as: String.self)
        guard let parsed = Tone(rawValue: tone) else { throw StoreError.corrupt("unknown template tone \(tone)") }
        return StoredTemplate(
            name: try row.decode(column: "name", as: String.self),
            language: try row.decode(column: "language", as: String.self),
            tone: parsed,
            subject: try row.decode(column: "subject", as: String.self),
            textBody: try row.decode(column: "text_body", as: String.self),
            htmlBody: try row.decode(column: "html_body", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self))
    }
}
