import SettleCore
import SQLKit

extension TimelineQuery {
    /// The client's replies by email and text. On an invoice's timeline, the replies to a
    /// message about that invoice.
    func replies(_ scope: Scope) async throws -> [Placed] {
        let invoiceFilter: SQLQueryString = scope.invoiceID.map {
            " AND r.message_id IN (SELECT message_id FROM message_invoices WHERE org_id = \(bind: orgID) AND invoice_id = \(bind: $0))"
        } ?? ""
        return try await sql.raw("""
            SELECT r.id, r.channel, r.sender, r.subject, r.text, r.day, r.message_id,
                (SELECT COUNT(*) FROM message_invoices mi WHERE mi.message_id = r.message_id) AS invoices,
                (SELECT MIN(i.number) FROM message_invoices mi JOIN invoices i ON i.id = mi.invoice_id AND i.org_id = mi.org_id
                 WHERE mi.message_id = r.message_id) AS first_number
            FROM replies r
            WHERE r.org_id = \(bind: orgID) AND r.client_id = \(bind: scope.clientID)\(invoiceFilter)
            """).all().map { row in
            let single = try row.decode(column: "invoices", as: Int64.self) == 1 ? try row.optionalText("first_number") : nil
            let (channel, subject) = (try row.text("channel"), try row.text("subject"))
            let how = channel == "sms" ? "text" : "email"
            let summary = "Reply by \(how) from \(try row.text("sender"))" + (subject.isEmpty ? "" : ": \(subject)")
            let answered = try row.decode(column: "message_id", as: Int64?.self).map { "answers message \($0): " } ?? ""
            return Placed(try row.day("day"), "reply", single, summary, answered + (try row.text("text")), .replied, id: try row.id())
        }
    }

    /// Opt-outs the client took back (an SMS `START`).
    func revokedPreferences(_ scope: Scope) async throws -> [Placed] {
        try await sql.raw("""
            SELECT id, channel, revoked_day, revoked_note FROM contact_preferences
            WHERE org_id = \(bind: orgID) AND client_id = \(bind: scope.clientID) AND revoked_day IS NOT NULL
            """).all().map { row in
            Placed(try row.day("revoked_day"), "opt_in", nil, "Opted in to \(try row.optionalText("channel") ?? "contact") again",
                   try row.text("revoked_note"), .contactPreference, id: try row.id())
        }
    }
}
