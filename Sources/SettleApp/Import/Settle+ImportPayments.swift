import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// Imports payments from CSV (`client,date,currency,amount,method,reference,invoice`); each is
    /// allocated in file order (`invoice` empty: oldest due first). All or nothing.
    public func importPayments(_ bytes: [UInt8], file: String, dryRun: Bool) async throws -> ImportSummary {
        let org = try await organisation()
        var problems: [FileProblem] = []
        let table = CSVTable(bytes: bytes, file: file, required: ["client", "date", "currency", "amount"],
                             optional: ["method", "reference", "invoice"], problems: &problems)
        let clients = try await ClientStore(database.sql, orgID: org.id).lookup(table.rows.map { $0.value("client") })
        let named = table.rows.map { $0.value("invoice") }.filter { !$0.isEmpty }
        var invoices: [String: StoredInvoice] = [:]
        let store = InvoiceStore(database.sql, orgID: org.id)
        for number in Set(named) { invoices[number] = try await store.find(number) }
        var payments: [(Payment, Int64)] = []
        for row in table.rows {
            let before = problems.count
            let clientID = clients[row.value("client")]?.id
            if clientID == nil {
                problems.append(table.problem(row, "client", "unknown client \"\(row.value("client"))\""))
            }
            let date = parseDay(row, "date", table: table, problems: &problems)
            var amount: Money?
            do {
                let parsed = try Money(parsing: row.value("amount"), currencyCode: row.value("currency"))
                if parsed.isPositive { amount = parsed } else {
                    problems.append(table.problem(row, "amount", "amount \(row.value("amount")) must be more than zero"))
                }
            } catch MoneyError.unknownCurrency(let code) {
                problems.append(table.problem(row, "currency", MoneyError.unknownCurrency(code).description))
            } catch {
                problems.append(table.problem(row, "amount", error.description))
            }
            let methodText = row.value("method").lowercased()
            let method = methodText.isEmpty ? PaymentMethod.other : PaymentMethod(rawValue: methodText)
            if method == nil {
                problems.append(table.problem(row, "method", "method \"\(row.value("method"))\" must be one of \(PaymentMethod.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            var invoiceNumber: InvoiceNumber?
            let number = row.value("invoice")
            if !number.isEmpty {
                if let invoice = invoices[number] ?? nil {
                    invoiceNumber = invoice.invoice.number
                    if let amount, invoice.invoice.currency != amount.currency {
                        problems.append(table.problem(row, "currency", "currency \(amount.currency) differs from invoice \(number)'s \(invoice.invoice.currency)"))
                    }
                    if let clientID, invoice.clientID != clientID {
                        problems.append(table.problem(row, "invoice", "invoice \(number) belongs to client \(invoice.invoice.client), not \(row.value("client"))"))
                    }
                } else {
                    problems.append(table.problem(row, "invoice", "unknown invoice \"\(number)\""))
                }
            }
            guard problems.count == before, let clientID, let date, let amount, let method else { continue }
            payments.append((Payment(client: row.value("client"), date: date, amount: amount, method: method,
                                     reference: row.value("reference"), invoice: invoiceNumber), clientID))
        }
        guard problems.isEmpty else { throw ImportRejected(problems: problems.sorted()) }
        if !dryRun {
            let now = timestamp
            try await database.transaction { [payments] sql in
                let recording = PaymentRecording(sql: sql, organisation: org, now: now)
                for (payment, clientID) in payments { _ = try await recording.record(payment, clientID: clientID) }
            }
        }
        return ImportSummary(file: file, kind: "payments", rows: payments.count, dryRun: dryRun)
    }
}
