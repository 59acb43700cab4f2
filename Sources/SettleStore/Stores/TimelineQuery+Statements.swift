import SettleCore
import SQLKit

extension TimelineQuery {
    /// The bank statement entries applied to the client: the transfer as the bank reported it, what
    /// it paid and who decided (Settle, with its confidence and reason, or a person); a reversal
    /// as the money going back.
    func statementEntries(_ scope: Scope) async throws -> [Placed] {
        let invoiceFilter: SQLQueryString = scope.invoiceID.map {
            " AND s.payment_id IN (SELECT payment_id FROM ledger_entries WHERE org_id = \(bind: orgID) AND invoice_id = \(bind: $0))"
        } ?? ""
        return try await sql.raw("""
            SELECT s.id, s.direction, s.reversal, s.amount_minor, s.currency, s.booking_date, s.value_date, s.created_at,
                s.counterparty_name, s.counterparty_account, s.file, s.position, s.invoices, s.confidence, s.reason,
                s.decided_by, s.payment_id, s.reverses_entry_id
            FROM statement_entries s
            WHERE s.org_id = \(bind: orgID) AND s.client_id = \(bind: scope.clientID) AND s.status = 'applied'\(invoiceFilter)
            """).all().map { row in
            let id = try row.id()
            let amount = try row.money("amount_minor")
            let day = try row.optionalDay("booking_date") ?? row.optionalDay("value_date") ?? Day(parsing: String(try row.text("created_at").prefix(10)))
            let invoices = try row.text("invoices").split(separator: "\n").map(String.init)
            let payer = [try row.optionalText("counterparty_name"), try row.optionalText("counterparty_account")].compactMap { $0 }
            let place = "\(try row.text("file")), \(try row.text("position"))"
            let who = try row.optionalText("decided_by") == "person" ? "matched by a person"
                : "matched automatically (confidence \(try row.decode(column: "confidence", as: Int?.self).map(String.init) ?? "-"))"
            let summary: String
            if try row.text("direction") == "debit" {
                summary = "Bank statement: \(amount) went back to the payer (reversal"
                    + (try row.decode(column: "reverses_entry_id", as: Int64?.self).map { " of bank entry \($0)" } ?? "") + ")"
            } else {
                summary = "Bank statement: \(amount) received" + (payer.isEmpty ? "" : " from \(payer.joined(separator: ", "))")
                    + (invoices.isEmpty ? "" : " for \(invoices.joined(separator: ", "))") + ", \(who)"
            }
            let detail = "bank entry \(id) (\(place)): \(try row.text("reason"))"
                + (try row.decode(column: "payment_id", as: Int64?.self).map { "; payment \($0)" } ?? "")
            return Placed(day, "bank_entry", invoices.count == 1 ? invoices[0] : nil, summary, detail, .paid, id: id)
        }
    }
}
