import SettleCore
import SQLKit

/// A payment plan as stored, with the ids the cycle needs.
public struct StoredPlan: Sendable, Hashable {
    public var plan: PaymentPlan
    public var clientID: Int64
    public var invoiceIDs: [Int64]
    public var createdOn: Day
    public var frequency: InstalmentFrequency
    public var waiveFees: Bool
    /// The day the plan was completed, defaulted or cancelled.
    public var closedOn: Day?
}

/// Payment plans of one organisation.
public struct PlanStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    public func create(clientID: Int64, invoiceIDs: [Int64], instalments: [Instalment], frequency: InstalmentFrequency,
                       waiveFees: Bool, on day: Day, now: String) async throws -> Int64 {
        guard let currency = instalments.first?.amount.currency else { throw StoreError.corrupt("a plan without instalments") }
        let row = try await sql.insert(into: "payment_plans")
            .columns("org_id", "client_id", "currency", "created_on", "frequency", "waive_fees", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(currency.code), SQLBind(day.description), SQLBind(frequency.rawValue),
                    SQLBind(waiveFees), SQLBind(now))
            .returning("id").first()
        guard let row else { throw StoreError.corrupt("no id returned for a plan") }
        let id = try row.decode(column: "id", as: Int64.self)
        var invoices = sql.insert(into: "plan_invoices").columns("org_id", "plan_id", "invoice_id", "position")
        for (position, invoiceID) in invoiceIDs.enumerated() {
            invoices = invoices.values(SQLBind(orgID), SQLBind(id), SQLBind(invoiceID), SQLBind(position))
        }
        try await invoices.run()
        var rows = sql.insert(into: "plan_instalments").columns("org_id", "plan_id", "number", "due_day", "amount_minor")
        for instalment in instalments {
            rows = rows.values(SQLBind(orgID), SQLBind(id), SQLBind(instalment.number), SQLBind(instalment.dueDate.description),
                               SQLBind(instalment.amount.minorUnits))
        }
        try await rows.run()
        return id
    }

    public func close(_ id: Int64, status: PaymentPlan.Status, on day: Day) async throws -> Bool {
        !(try await sql.update("payment_plans").set("status", to: SQLBind(status.rawValue)).set("closed_on", to: SQLBind(day.description))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).where("status", .equal, SQLBind("active"))
            .returning("id").all().isEmpty)
    }

    /// Plans, newest last; only active ones when asked.
    public func list(activeOnly: Bool) async throws -> [StoredPlan] {
        var query = sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("p")))
            .column(SQLColumn("code", table: "c"), as: "client_code")
            .from(SQLAlias(SQLIdentifier("payment_plans"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("clients"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLRaw("c.id = p.client_id AND c.org_id = p.org_id"))
            .where(SQLColumn("org_id", table: "p"), .equal, SQLBind(orgID))
        if activeOnly { query = query.where(SQLColumn("status", table: "p"), .equal, SQLBind("active")) }
        let plans = try await query.orderBy(SQLColumn("id", table: "p")).all()
        var invoices: [Int64: [(Int64, String)]] = [:]
        for row in try await sql.raw("""
            SELECT pi.plan_id, pi.invoice_id, i.number FROM plan_invoices pi
            JOIN invoices i ON i.id = pi.invoice_id AND i.org_id = pi.org_id
            WHERE pi.org_id = \(bind: orgID) ORDER BY pi.plan_id, pi.position
            """).all() {
            invoices[try row.decode(column: "plan_id", as: Int64.self), default: []].append(
                (try row.decode(column: "invoice_id", as: Int64.self), try row.decode(column: "number", as: String.self)))
        }
        var instalments: [Int64: [(Int, Day, Int64)]] = [:]
        for row in try await sql.select().columns("plan_id", "number", "due_day", "amount_minor").from("plan_instalments")
            .where("org_id", .equal, SQLBind(orgID)).orderBy("plan_id").orderBy("number").all() {
            instalments[try row.decode(column: "plan_id", as: Int64.self), default: []].append(
                (try row.decode(column: "number", as: Int.self), try Day(parsing: try row.decode(column: "due_day", as: String.self)),
                 try row.decode(column: "amount_minor", as: Int64.self)))
        }
        return try plans.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            let plan = PaymentPlan(
                id: id, client: try row.decode(column: "client_code", as: String.self),
                invoices: try (invoices[id] ?? []).map { try InvoiceNumber($0.1) },
                instalments: (instalments[id] ?? []).map { Instalment(number: $0.0, dueDate: $0.1, amount: Money(minorUnits: $0.2, currency: currency)) },
                status: PaymentPlan.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .active)
            return StoredPlan(plan: plan, clientID: try row.decode(column: "client_id", as: Int64.self),
                              invoiceIDs: (invoices[id] ?? []).map(\.0),
                              createdOn: try Day(parsing: try row.decode(column: "created_on", as: String.self)),
                              frequency: InstalmentFrequency(rawValue: try row.decode(column: "frequency", as: String.self)) ?? .month,
                              waiveFees: try row.decode(column: "waive_fees", as: Bool.self),
                              closedOn: try row.decode(column: "closed_on", as: String?.self).map { try Day(parsing: $0) })
        }
    }
}
