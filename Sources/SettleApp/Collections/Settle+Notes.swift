import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// Adds a note to a client, or to an invoice (and so its client).
    public func addNote(client code: String?, invoice number: String?, text: String) async throws {
        let org = try await organisation()
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw InputError("the note is empty") }
        let clientID: Int64
        var invoiceID: Int64?
        switch (code, number) {
        case (let code?, nil):
            clientID = try await ClientStore(database.sql, orgID: org.id).require(code).id
        case (nil, let number?):
            let invoice = try await InvoiceStore(database.sql, orgID: org.id).require(number)
            clientID = invoice.clientID
            invoiceID = invoice.id
        default:
            throw InputError("name either a client (--client) or an invoice (--invoice)")
        }
        try await NoteStore(database.sql, orgID: org.id).add(clientID: clientID, invoiceID: invoiceID, day: today(for: org),
                                                             text: trimmed, now: timestamp)
    }

    /// Records that a client opted out of a channel, or (channel nil) asked to cease all communication.
    public func recordContactPreference(client code: String, channel: ContactChannel?, note: String) async throws {
        let org = try await organisation()
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        try await ContactPreferenceStore(database.sql, orgID: org.id).add(clientID: client.id, channel: channel,
                                                                          day: today(for: org), note: note, now: timestamp)
    }
}
