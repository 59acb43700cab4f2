import SettleCore
import SQLKit

/// A payment as stored, with what is left of it as unapplied credit.
public struct StoredPayment: Sendable, Hashable {
    public let id: Int64
    public let clientID: Int64
    public let payment: Payment
    public let reversedOn: Day?
    public let reversalReason: ReversalReason?
    /// The part of the payment no invoice has taken (zero once reversed).
    public let unapplied: Money
}

/// The payments of one organisation. Every query is scoped to `orgID`.
public struct PaymentStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Records a payment; returns its id.
    public func insert(_ payment: Payment, clientID: Int64, invoiceID: Int64?, now: String) async throws -> Int64 {
        let row = try await sql.insert(into: "payments")
            .columns("org_id", "client_id", "date", "currency", "amount_minor", "method", "reference", "invoice_id", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(payment.date.description), SQLBind(payment.amount.currency.code),
                    SQLBind(payment.amount.minorUnits), SQLBind(payment.method.rawValue), SQLBind(payment.reference),
                    SQLBind(invoiceID), SQLBind(now))
            .returning("id").first()
        guard let row else { throw StoreError.corrupt("no id returned for a payment") }
        return try row.decode(column: "id", as: Int64.self)
    }

    public func markReversed(_ id: Int64, on day: Day, reason: ReversalReason) async throws {
        try await sql.update("payments")
            .set("reversed_on", to: SQLBind(day.description)).set("reversal_reason", to: SQLBind(reason.rawValue))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).run()
    }

    public func find(_ id: Int64) async throws -> StoredPayment? {
        try await list(SQLBinaryExpression(SQLColumn("id", table: "p"), .equal, SQLBind(id))).first
    }

    /// Payments of a client, oldest first.
    public func list(clientID: Int64) async throws -> [StoredPayment] {
        try await list(SQLBinaryExpression(SQLColumn("client_id", table: "p"), .equal, SQLBind(clientID)))
    }

    /// Payments that applied money to an invoice, oldest first.
    public func list(invoiceID: Int64) async throws -> [StoredPayment] {
        try await list(SQLRaw("p.id IN (SELECT payment_id FROM ledger_entries WHERE org_id = \(orgID) AND invoice_id = \(invoiceID))"))
    }

    private func list(_ condition: any SQLExpression) async throws -> [StoredPayment] {
        let rows = try await sql.select()
            .columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("p")))
            .column(SQLColumn("code", table: "c"), as: "client_code")
            .column(SQLColumn("number", table: "i"), as: "invoice_number")
            .column(SQLRaw("""
                (SELECT CAST(COALESCE(SUM(e.amount_minor), 0) AS BIGINT) FROM ledger_entries e
                 WHERE e.org_id = p.org_id AND e.payment_id = p.id AND e.kind = 'allocation')
                """), as: "applied")
            .from(SQLAlias(SQLIdentifier("payments"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("clients"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLRaw("c.id = p.client_id AND c.org_id = p.org_id"))
            .join(SQLAlias(SQLIdentifier("invoices"), as: SQLIdentifier("i")), method: SQLJoinMethod.left,
                  on: SQLRaw("i.id = p.invoice_id AND i.org_id = p.org_id"))
            .where(SQLColumn("org_id", table: "p"), .equal, SQLBind(orgID))
            .where(condition)
            .orderBy(SQLColumn("date", table: "p")).orderBy(SQLColumn("id", table: "p")).all()
        return try rows.map { row in
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            let amount = Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: currency)
            let reversedOn = try row.decode(column: "reversed_on", as: String?.self).map { try Day(parsing: $0) }
            let applied = try row.decode(column: "applied", as: Int64.self)
            let payment = Payment(
                client: try row.decode(column: "client_code", as: String.self),
                date: try Day(parsing: try row.decode(column: "date", as: String.self)),
                amount: amount,
                method: PaymentMethod(rawValue: try row.decode(column: "method", as: String.self)) ?? .other,
                reference: try row.decode(column: "reference", as: String.self),
                invoice: try row.decode(column: "invoice_number", as: String?.self).map { try InvoiceNumber($0) })
            return StoredPayment(
                id: try row.decode(column: "id", as: Int64.self),
                clientID: try row.decode(column: "client_id", as: Int64.self),
                payment: payment, reversedOn: reversedOn,
                reversalReason: try row.decode(column: "reversal_reason", as: String?.self).flatMap(ReversalReason.init(rawValue:)),
                unapplied: Money(minorUnits: reversedOn == nil ? amount.minorUnits + applied : 0, currency: currency))
        }
    }
}

extension PaymentStore {
    /// Unapplied credit per client id and currency, in minor units (payments not reversed,
    /// less what their allocations took).
    /// With `clientID`, only that client's (the rest of the book is not read).
    public func unappliedCredit(clientID: Int64? = nil) async throws -> [Int64: [Currency: Int64]] {
        let onlyPayments: SQLQueryString = clientID.map {
            " AND payment_id IN (SELECT id FROM payments WHERE org_id = \(bind: orgID) AND client_id = \(bind: $0))"
        } ?? ""
        let onlyClient: SQLQueryString = clientID.map { " AND p.client_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT p.client_id, p.currency,
                   CAST(SUM(p.amount_minor + COALESCE(a.applied, 0)) AS BIGINT) AS unapplied
            FROM payments p
            LEFT JOIN (SELECT payment_id, SUM(amount_minor) AS applied FROM ledger_entries
                       WHERE org_id = \(bind: orgID) AND kind = 'allocation'\(onlyPayments) GROUP BY payment_id) a ON a.payment_id = p.id
            WHERE p.org_id = \(bind: orgID) AND p.reversed_on IS NULL\(onlyClient)
            GROUP BY p.client_id, p.currency
            """).all()
        var result: [Int64: [Currency: Int64]] = [:]
        for row in rows {
            let amount = try row.decode(column: "unapplied", as: Int64.self)
            guard amount > 0 else { continue }
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            result[try row.decode(column: "client_id", as: Int64.self), default: [:]][currency] = amount
        }
        return result
    }
}
