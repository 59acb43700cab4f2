import Foundation
import SettleCore
import SettleStore

extension Settle {
    /// Imports invoices from CSV (`number,client,issue_date,due_date,currency,amount,description`).
    /// An empty `due_date` comes from the client's terms. All or nothing.
    public func importInvoices(_ bytes: [UInt8], file: String, dryRun: Bool) async throws -> ImportSummary {
        let org = try await organisation()
        var problems: [FileProblem] = []
        let table = CSVTable(bytes: bytes, file: file, required: ["number", "client", "issue_date", "currency", "amount"],
                             optional: ["due_date", "description"], problems: &problems)
        let clients = try await ClientStore(database.sql, orgID: org.id).lookup(table.rows.map { $0.value("client") })
        let taken = try await InvoiceStore(database.sql, orgID: org.id).existingNumbers(among: table.rows.map { $0.value("number") })
        var invoices: [Invoice] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let number = row.value("number")
            if let earlier = firstLine[number] {
                problems.append(table.problem(row, "number", "duplicate invoice number \"\(number)\" (also on line \(earlier))"))
                continue
            }
            firstLine[number] = row.line
            if taken.contains(number) {
                problems.append(table.problem(row, "number", "invoice \"\(number)\" already exists"))
                continue
            }
            if let invoice = parseInvoice(row, table: table, clientTerms: clients[row.value("client")]?.terms, problems: &problems) {
                invoices.append(invoice)
            }
        }
        guard problems.isEmpty else { throw ImportRejected(problems: problems.sorted()) }
        if !dryRun {
            let now = timestamp
            let clientIDs = clients.mapValues(\.id)
            let autoApply = org.organisation.autoApplyCredit
            let today = today(for: org)
            try await database.transaction { [invoices] sql in
                try await InvoiceStore(sql, orgID: org.id).insert(invoices, clientIDs: clientIDs, now: now)
                if autoApply {
                    let affected = Set(invoices.compactMap { clientIDs[$0.client] })
                    for clientID in affected.sorted() {
                        _ = try await CreditApplication(sql: sql, organisation: org, now: now).apply(clientID: clientID, on: today)
                    }
                }
            }
        }
        return ImportSummary(file: file, kind: "invoices", rows: invoices.count, dryRun: dryRun)
    }

    private func parseInvoice(_ row: CSVTable.Row, table: CSVTable, clientTerms: PaymentTerms?,
                              problems: inout [FileProblem]) -> Invoice? {
        let before = problems.count
        var number: InvoiceNumber?
        do { number = try InvoiceNumber(row.value("number")) } catch {
            problems.append(table.problem(row, "number", error.description))
        }
        if clientTerms == nil {
            problems.append(table.problem(row, "client", "unknown client \"\(row.value("client"))\" (import it first with `settle import clients`)"))
        }
        let issueDate = parseDay(row, "issue_date", table: table, problems: &problems)
        let dueText = row.value("due_date")
        let givenDue = dueText.isEmpty ? nil : parseDay(row, "due_date", table: table, problems: &problems)
        var currency: Currency?
        do { currency = try Currency(code: row.value("currency")) } catch {
            problems.append(table.problem(row, "currency", error.description))
        }
        var total: Money?
        if let currency {
            do {
                let amount = try Money(parsing: row.value("amount"), currency: currency)
                if amount.isPositive { total = amount } else {
                    problems.append(table.problem(row, "amount", "amount \(row.value("amount")) must be more than zero"))
                }
            } catch {
                problems.append(table.problem(row, "amount", error.description))
            }
        }
        if let issueDate, let givenDue, givenDue < issueDate {
            problems.append(table.problem(row, "due_date", InvoiceError.dueBeforeIssue(due: givenDue, issue: issueDate).description))
        }
        guard problems.count == before, let number, let issueDate, let currency, let total, let clientTerms else { return nil }
        let termsDue = clientTerms.dueDate(issuedOn: issueDate)
        // The client's terms (and any early-payment discount) hold unless the invoice sets another due date.
        return Invoice(number: number, client: row.value("client"), issueDate: issueDate,
                       dueDate: givenDue ?? termsDue, currency: currency,
                       terms: givenDue == nil || givenDue == termsDue ? clientTerms : nil,
                       description: row.value("description"), total: total)
    }

    func parseDay(_ row: CSVTable.Row, _ column: String, table: CSVTable, problems: inout [FileProblem]) -> Day? {
        do {
            return try Day(parsing: row.value(column))
        } catch {
            problems.append(table.problem(row, column, error.description))
            return nil
        }
    }
}
