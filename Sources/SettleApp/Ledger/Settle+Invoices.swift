import Foundation
import SettleCore
import SettleStore

/// Why the business decided not to collect an invoice.
public enum WriteOffReason: String, Sendable, CaseIterable {
    case badDebt = "bad_debt"
    case goodwill
    case smallBalance = "small_balance"
}

/// An invoice with everything `settle invoices show` prints.
public struct InvoiceDetail: Sendable {
    public var stored: StoredInvoice
    public var lines: [InvoiceLine]
    public var entries: [LedgerEntry]
    public var payments: [StoredPayment]
    public var asOf: Day
}

extension Settle {
    public func invoices(_ filter: InvoiceFilter, client code: String? = nil) async throws -> [StoredInvoice] {
        let org = try await organisation()
        var filter = filter
        if let code { filter.clientID = try await ClientStore(database.sql, orgID: org.id).require(code).id }
        return try await InvoiceStore(database.sql, orgID: org.id).list(filter)
    }

    /// Days overdue and status are reported as of the organisation's today.
    /// The first invoices still owed that are due on or after a day (by due date, then number).
    public func openInvoiceNumbers(dueFrom: Day, limit: Int) async throws -> [String] {
        let org = try await organisation()
        return try await InvoiceStore(database.sql, orgID: org.id).openNumbers(dueFrom: dueFrom, limit: limit)
    }

    public func invoiceDetail(_ number: String) async throws -> InvoiceDetail {
        let org = try await organisation()
        let store = InvoiceStore(database.sql, orgID: org.id)
        let stored = try await store.require(number)
        return InvoiceDetail(
            stored: stored, lines: try await store.lines(of: stored),
            entries: try await LedgerStore(database.sql, orgID: org.id).entries(ofInvoice: stored.id, currency: stored.invoice.currency),
            payments: try await PaymentStore(database.sql, orgID: org.id).list(invoiceID: stored.id),
            asOf: today(for: org))
    }

    /// Posts a credit note reducing the invoice's open principal.
    public func addCreditNote(invoice number: String, amount text: String, reason: String) async throws -> LedgerEntry {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError("give a reason for the credit note") }
        return try await database.transaction { sql in
            let stored = try await InvoiceStore(sql, orgID: org.id).require(number)
            let amount = try Money(parsing: text, currency: stored.invoice.currency)
            guard amount.isPositive else { throw InputError("the credit note amount must be more than zero") }
            guard stored.status.isOutstanding else {
                throw InputError("invoice \(number) is \(stored.status.rawValue); a credit note needs an open balance")
            }
            guard try !stored.summary.balance.principal.isLess(than: amount) else {
                throw InputError("credit note \(amount) is more than invoice \(number)'s open principal \(stored.summary.balance.principal)")
            }
            let entry = LedgerEntry(kind: .creditNote, component: .principal, amount: -amount, date: today, note: reason)
            try await LedgerStore(sql, orgID: org.id).post([(stored.id, entry)], now: now)
            return entry
        }
    }

    /// Writes off what an invoice still owes (every component), as of today.
    public func writeOff(invoice number: String, reason: WriteOffReason) async throws -> [LedgerEntry] {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        return try await database.transaction { sql in
            let stored = try await InvoiceStore(sql, orgID: org.id).require(number)
            guard stored.status.isOutstanding else {
                throw InputError("invoice \(number) is \(stored.status.rawValue); only an open balance can be written off")
            }
            let balance = stored.summary.balance
            let entries = LedgerComponent.allCases.filter { balance[$0].isPositive }.map { component in
                LedgerEntry(kind: .writeOff, component: component, amount: -balance[component], date: today, note: reason.rawValue)
            }
            try await LedgerStore(sql, orgID: org.id).post(entries.map { (stored.id, $0) }, now: now)
            return entries
        }
    }
}
