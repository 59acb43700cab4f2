import SettleCore
import SQLKit

/// The contact rules of one organisation (one row, absent until first saved: then the defaults apply).
public struct ContactRulesStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// The saved rules, or `ContactRules.standard` when none were saved.
    public func load() async throws -> ContactRules {
        guard let row = try await sql.select().columns("*").from("contact_rules")
            .where("org_id", .equal, SQLBind(orgID)).first() else { return .standard }
        let frequency = try row.decode(column: "frequency", as: String.self)
        guard let preset = ContactFrequency(rawValue: frequency) else {
            throw StoreError.corrupt("unknown contact frequency preset \(frequency)")
        }
        let window: ContactWindow
        do {
            window = try ContactWindow(start: try LocalTime(parsing: try row.decode(column: "quiet_start", as: String.self)),
                                       end: try LocalTime(parsing: try row.decode(column: "quiet_end", as: String.self)))
        } catch {
            throw StoreError.corrupt("stored contact hours: \(error)")
        }
        return ContactRules(window: window, noWeekends: try row.decode(column: "no_weekends", as: Bool.self),
                            noHolidays: try row.decode(column: "no_holidays", as: Bool.self), frequency: preset)
    }

    /// Replaces the rules.
    public func save(_ rules: ContactRules, now: String) async throws {
        try await sql.insert(into: "contact_rules")
            .columns("org_id", "quiet_start", "quiet_end", "no_weekends", "no_holidays", "frequency", "updated_at")
            .values(SQLBind(orgID), SQLBind(rules.window.start.description), SQLBind(rules.window.end.description),
                    SQLBind(rules.noWeekends), SQLBind(rules.noHolidays), SQLBind(rules.frequency.rawValue), SQLBind(now))
            .onConflict(with: ["org_id"]) { update in
                update.set(excludedValueOf: "quiet_start").set(excludedValueOf: "quiet_end")
                    .set(excludedValueOf: "no_weekends").set(excludedValueOf: "no_holidays")
                    .set(excludedValueOf: "frequency").set(excludedValueOf: "updated_at")
            }
            .run()
    }
}

/// A call made from the worklist, as the contact rules count it.
public struct CompletedCall: Sendable, Hashable {
    /// The organisation's local day the task was completed.
    public var day: Day
    public var invoice: String?
    public var outcome: TaskOutcome
}

extension ContactRulesStore {
    /// Completed call tasks of a client, oldest first: the call history the frequency limits count.
    public func completedCalls(clientID: Int64) async throws -> [CompletedCall] {
        try await sql.raw("""
            SELECT t.completed_on, t.outcome, i.number FROM tasks t
            LEFT JOIN invoices i ON i.id = t.invoice_id AND i.org_id = t.org_id
            WHERE t.org_id = \(bind: orgID) AND t.client_id = \(bind: clientID) AND t.kind = 'call' AND t.status = 'done'
            ORDER BY t.completed_on, t.id
            """).all().map { row in
            let outcome = try row.decode(column: "outcome", as: String.self)
            guard let parsed = TaskOutcome(rawValue: outcome) else { throw StoreError.corrupt("unknown task outcome \(outcome)") }
            return CompletedCall(day: try Day(parsing: try row.decode(column: "completed_on", as: String.self)),
                                 invoice: try row.decode(column: "number", as: String?.self), outcome: parsed)
        }
    }
}
