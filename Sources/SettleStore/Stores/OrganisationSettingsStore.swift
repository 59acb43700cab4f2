import SettleCore
import SQLKit

/// The payment details and signature of one organisation (one row, absent until first saved).
public struct OrganisationSettingsStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// The saved settings, or empty settings when none were saved.
    public func load() async throws -> OrganisationSettings {
        guard let row = try await sql.select().columns("*").from("organisation_settings")
            .where("org_id", .equal, SQLBind(orgID)).first() else { return OrganisationSettings() }
        return OrganisationSettings(
            bankName: try row.decode(column: "bank_name", as: String.self),
            iban: try row.decode(column: "iban", as: String.self),
            bic: try row.decode(column: "bic", as: String.self),
            signature: try row.decode(column: "signature", as: String.self),
            senderName: try row.decode(column: "sender_name", as: String.self),
            senderEmail: try row.decode(column: "sender_email", as: String.self),
            replyTo: try row.decode(column: "reply_to", as: String.self),
            address: try row.decode(column: "address", as: String.self).split(separator: "\n").map(String.init),
            matchThreshold: try row.decode(column: "match_threshold", as: Int.self),
            cycleTime: try LocalTime(parsing: try row.decode(column: "cycle_time", as: String.self)))
    }

    /// Replaces the settings; the caller has checked the IBAN and BIC.
    public func save(_ settings: OrganisationSettings, now: String) async throws {
        try await sql.insert(into: "organisation_settings")
            .columns("org_id", "bank_name", "iban", "bic", "signature", "sender_name", "sender_email", "reply_to", "address", "match_threshold", "cycle_time",
                     "updated_at")
            .values(SQLBind(orgID), SQLBind(settings.bankName), SQLBind(settings.iban), SQLBind(settings.bic),
                    SQLBind(settings.signature), SQLBind(settings.senderName), SQLBind(settings.senderEmail),
                    SQLBind(settings.replyTo), SQLBind(settings.address.joined(separator: "\n")), SQLBind(settings.matchThreshold),
                    SQLBind(settings.cycleTime.description), SQLBind(now))
            .onConflict(with: ["org_id"]) { update in
                update.set(excludedValueOf: "bank_name").set(excludedValueOf: "iban").set(excludedValueOf: "bic")
                    .set(excludedValueOf: "signature").set(excludedValueOf: "sender_name").set(excludedValueOf: "sender_email")
                    .set(excludedValueOf: "reply_to").set(excludedValueOf: "address").set(excludedValueOf: "match_threshold")
                    .set(excludedValueOf: "cycle_time")
                    .set(excludedValueOf: "updated_at")
            }
            .run()
    }
}
