import SettleCore
import SQLKit

extension TimelineQuery {
    /// What became of each message in the outbox: sent (with when and to whom), failed (with the
    /// server's answer), cancelled (with why). Queued and held ones have not happened yet.
    func messages(_ scope: Scope) async throws -> [Placed] {
        let invoiceFilter: SQLQueryString = scope.invoiceID.map {
            " AND m.id IN (SELECT message_id FROM message_invoices WHERE org_id = \(bind: orgID) AND invoice_id = \(bind: $0))"
        } ?? ""
        return try await sql.raw("""
            SELECT m.id, m.channel, m.recipient, m.status, m.day, m.sent_at, m.updated_at, m.subject, m.note, m.last_error,
                (SELECT COUNT(*) FROM message_invoices mi WHERE mi.message_id = m.id) AS invoices,
                (SELECT MIN(i.number) FROM message_invoices mi JOIN invoices i ON i.id = mi.invoice_id AND i.org_id = mi.org_id
                 WHERE mi.message_id = m.id) AS first_number
            FROM messages m
            WHERE m.org_id = \(bind: orgID) AND m.client_id = \(bind: scope.clientID)
              AND m.status IN ('sent', 'failed', 'cancelled')\(invoiceFilter)
            """).all().map { row in
            let (id, channel, status) = (try row.id(), try row.text("channel"), try row.text("status"))
            let single = try row.decode(column: "invoices", as: Int64.self) == 1 ? try row.optionalText("first_number") : nil
            let when = try row.optionalText("sent_at") ?? (try row.text("updated_at"))
            let day = try Day(parsing: String(when.prefix(10)))
            let what = channel == "sms" ? "Text" : channel == "letter" ? "Letter" : channel == "webhook" ? "Webhook event" : "Email"
            let recipient = try row.text("recipient")
            var placed: Placed
            switch status {
            case "sent":
                placed = Placed(day, "message_sent", single, "\(what) sent to \(recipient)", "message \(id): \(try row.text("subject"))",
                              .messaged, id: id)
            case "failed":
                placed = Placed(day, "message_failed", single, "\(what) to \(recipient) failed",
                              "message \(id): \(try row.optionalText("last_error") ?? (try row.text("note")))", .messaged, id: id)
            default:
                placed = Placed(day, "message_cancelled", single, "\(what) not sent", "message \(id): \(try row.text("note"))",
                              .messaged, id: id)
            }
            placed.event.messageID = id
            return placed
        }
    }
}
