import SettleCore
import SettleStore

extension Settle {
    /// Everything that happened to a client, in day order: invoices, payments and ledger entries, reminders,
    /// letters and calls, promises, disputes, holds, contact preferences, notes, tasks, approvals and cases.
    /// With `invoice` (one of the client's invoices), only the events of that invoice.
    public func timeline(client code: String, invoice number: String?) async throws -> [TimelineEvent] {
        let org = try await organisation()
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        var invoiceID: Int64?
        if let number {
            let invoice = try await InvoiceStore(database.sql, orgID: org.id).require(number)
            guard invoice.clientID == client.id else {
                throw InputError("invoice \(number) belongs to client \(invoice.invoice.client), not \(code)")
            }
            invoiceID = invoice.id
        }
        return try await TimelineQuery(database.sql, orgID: org.id).events(clientID: client.id, invoiceID: invoiceID)
    }
}
