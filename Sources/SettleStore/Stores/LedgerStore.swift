import SettleCore
import SQLKit

/// Ledger entries of one organisation's invoices. Entries are only ever added:
/// balances are derived from them, never edited in place.
public struct LedgerStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Appends entries, each to the invoice with the given id.
    public func post(_ entries: [(invoiceID: Int64, entry: LedgerEntry)], now: String) async throws {
        let org = SQLCell.integer(orgID), now = SQLCell.text(now)
        try await sql.insertRows(
            into: "ledger_entries",
            columns: ["org_id", "invoice_id", "kind", "component", "amount_minor", "date", "payment_id", "note", "created_at"],
            rows: entries.map { invoiceID, entry in
                [org, .integer(invoiceID), .text(entry.kind.rawValue), .text(entry.component.rawValue),
                 .integer(entry.amount.minorUnits), .text(entry.date.description), SQLCell(entry.paymentID), .text(entry.note), now]
            })
    }

    /// The entries of one invoice in the order they were posted.
    public func entries(ofInvoice invoiceID: Int64, currency: Currency) async throws -> [LedgerEntry] {
        try await sql.select().columns("*").from("ledger_entries")
            .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .equal, SQLBind(invoiceID))
            .orderBy("id").all().map { try Self.decode($0, currency: currency) }
    }

    /// The entries a payment produced, with the number of the invoice each belongs to.
    /// The entries of several invoices at once (each in its own currency), by invoice id, oldest first.
    public func entries(ofInvoices currencies: [Int64: Currency]) async throws -> [Int64: [LedgerEntry]] {
        var result: [Int64: [LedgerEntry]] = [:]
        for batch in Array(currencies.keys).chunked(into: 500) where !batch.isEmpty {
            let rows = try await sql.select().columns("*").from("ledger_entries")
                .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .in, SQLBind.group(Array(batch))).orderBy("id").all()
            for row in rows {
                let invoiceID = try row.decode(column: "invoice_id", as: Int64.self)
                guard let currency = currencies[invoiceID] else { continue }
                result[invoiceID, default: []].append(try Self.decode(row, currency: currency))
            }
        }
        return result
    }

    public func entries(ofPayment paymentID: Int64, currency: Currency) async throws -> [(invoice: InvoiceNumber, entry: LedgerEntry)] {
        let rows = try await sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("e")))
            .column(SQLColumn("number", table: "i"))
            .from(SQLAlias(SQLIdentifier("ledger_entries"), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier("invoices"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
                  on: SQLRaw("i.id = e.invoice_id AND i.org_id = e.org_id"))
            .where(SQLColumn("org_id", table: "e"), .equal, SQLBind(orgID))
            .where(SQLColumn("payment_id", table: "e"), .equal, SQLBind(paymentID))
            .orderBy(SQLColumn("id", table: "e")).all()
        return try rows.map { row in
            (try InvoiceNumber(try row.decode(column: "number", as: String.self)), try Self.decode(row, currency: currency))
        }
    }

    static func decode(_ row: any SQLRow, currency: Currency) throws -> LedgerEntry {
        let kind = try row.decode(column: "kind", as: String.self)
        let component = try row.decode(column: "component", as: String.self)
        guard let kind = LedgerEntryKind(rawValue: kind), let component = LedgerComponent(rawValue: component) else {
            throw StoreError.corrupt("unknown ledger entry kind \(kind)/\(component)")
        }
        return LedgerEntry(kind: kind, component: component,
                           amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: currency),
                           date: try Day(parsing: try row.decode(column: "date", as: String.self)),
                           paymentID: try row.decode(column: "payment_id", as: Int64?.self),
                           note: try row.decode(column: "note", as: String.self))
    }
}
