import Foundation
import SettleCore
import SettleStore
import ZIPFoundation

extension Settle {
    /// The hand-off pack of a case: what an agency or lawyer needs to take the debt over.
    /// `case.txt` (who, what, since when), `debts.csv` (each invoice with dates, amounts, fees,
    /// interest and balance), `ledger.csv` (every entry), `actions.csv` (every reminder, letter and
    /// call the business made) and `notes.csv`.
    public func casePack(_ id: Int64) async throws -> [(name: String, contents: String)] {
        let org = try await organisation()
        guard let found = try await EscalationStore(database.sql, orgID: org.id).cases().first(where: { $0.id == id }) else {
            throw InputError("no case \(id) (see `settle escalations list`)")
        }
        let client = try await ClientStore(database.sql, orgID: org.id).require(found.client).client
        let invoices = try await InvoiceStore(database.sql, orgID: org.id).list(InvoiceFilter(clientID: found.clientID))
            .filter { found.invoiceIDs.contains($0.id) }
        let ledger = LedgerStore(database.sql, orgID: org.id)
        let actions = ActionStore(database.sql, orgID: org.id)
        var debts = [["invoice", "issue_date", "due_date", "currency", "amount", "principal_open", "fees", "interest", "balance", "reference"]]
        var entries = [["invoice", "date", "kind", "component", "amount", "note"]]
        var done = [["invoice", "day", "stage", "kind", "tone", "status", "reason"]]
        for stored in invoices {
            let invoice = stored.invoice
            let balance = stored.summary.balance
            debts.append([invoice.number.value, invoice.issueDate.description, invoice.dueDate.description, invoice.currency.code,
                          invoice.total.decimalString, balance.principal.decimalString, balance.costs.decimalString,
                          balance.interest.decimalString, balance.total.decimalString, invoice.paymentReference.value])
            for entry in try await ledger.entries(ofInvoice: stored.id, currency: invoice.currency) {
                entries.append([invoice.number.value, entry.date.description, entry.kind.rawValue, entry.component.rawValue,
                                entry.amount.decimalString, entry.note])
            }
            for action in try await actions.list(invoiceID: stored.id) where action.status != .skipped {
                done.append([invoice.number.value, action.day.description, action.stage, action.kind.rawValue,
                             action.tone.rawValue, action.status.rawValue, action.reason])
            }
        }
        let notes = [["day", "invoice", "note"]] + (try await NoteStore(database.sql, orgID: org.id).list(clientID: found.clientID))
            .map { [$0.day.description, $0.invoice ?? "", $0.text] }
        let summary = """
            Case \(found.id): \(found.kind.rawValue), \(found.status.rawValue), opened \(found.openedOn)
            Creditor: \(org.organisation.name)
            Debtor: \(client.name) (\(client.code)), \(client.kind.rawValue), \(client.country)
            Contacts: \(client.contacts.map { "\($0.name) \($0.email ?? "") \($0.phone ?? "")" }.joined(separator: "; "))
            Invoices: \(invoices.map(\.invoice.number.value).joined(separator: ", "))
            Note: \(found.note)

            """
        return [("case.txt", summary), ("debts.csv", csv(debts)), ("ledger.csv", csv(entries)),
                ("actions.csv", csv(done)), ("notes.csv", csv(notes))]
    }

    /// Writes the hand-off pack of a case as a ZIP file.
    public func exportCase(_ id: Int64, to path: String) async throws {
        let files = try await casePack(id)
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        let stamp = time.now()
        for file in files {
            let data = Data(file.contents.utf8)
            try archive.addEntry(with: "case-\(id)/\(file.name)", type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: stamp, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    private func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
