import SettleCore
import SQLKit

/// A stored promise to pay.
public struct StoredPromise: Sendable, Hashable {
    public var id: Int64
    public var invoiceID: Int64
    public var madeOn: Day
    public var promisedDate: Day
    public var amountMinor: Int64?
    public var note: String
    public var status: String
}

/// Promises to pay, per invoice.
public struct PromiseStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Records a promise; an earlier open promise on the same invoice is replaced (cancelled).
    public func add(invoiceID: Int64, madeOn: Day, promisedDate: Day, amountMinor: Int64?, note: String,
                    now: String) async throws -> Int64 {
        try await sql.update("promises").set("status", to: SQLBind("cancelled")).set("closed_on", to: SQLBind(madeOn.description))
            .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .equal, SQLBind(invoiceID))
            .where("status", .equal, SQLBind("open")).run()
        let row = try await sql.insert(into: "promises")
            .columns("org_id", "invoice_id", "made_on", "promised_date", "amount_minor", "note", "created_at")
            .values(SQLBind(orgID), SQLBind(invoiceID), SQLBind(madeOn.description), SQLBind(promisedDate.description),
                    SQLBind(amountMinor), SQLBind(note), SQLBind(now))
            .returning("id").first()
        guard let row else { throw StoreError.corrupt("no id returned for a promise") }
        return try row.decode(column: "id", as: Int64.self)
    }

    public func close(_ id: Int64, status: PromiseOutcome, on day: Day) async throws {
        try await sql.update("promises").set("status", to: SQLBind(status.rawValue)).set("closed_on", to: SQLBind(day.description))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).run()
    }

    /// Open promises by invoice id.
    public func open() async throws -> [Int64: StoredPromise] {
        var result: [Int64: StoredPromise] = [:]
        for promise in try await list(status: "open") { result[promise.invoiceID] = promise }
        return result
    }

    public func list(invoiceID: Int64) async throws -> [StoredPromise] {
        try await sql.select().columns("*").from("promises").where("org_id", .equal, SQLBind(orgID))
            .where("invoice_id", .equal, SQLBind(invoiceID)).orderBy("id").all().map(Self.decode)
    }

    private func list(status: String) async throws -> [StoredPromise] {
        try await sql.select().columns("*").from("promises").where("org_id", .equal, SQLBind(orgID))
            .where("status", .equal, SQLBind(status)).orderBy("id").all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> StoredPromise {
        StoredPromise(id: try row.decode(column: "id", as: Int64.self),
                      invoiceID: try row.decode(column: "invoice_id", as: Int64.self),
                      madeOn: try Day(parsing: try row.decode(column: "made_on", as: String.self)),
                      promisedDate: try Day(parsing: try row.decode(column: "promised_date", as: String.self)),
                      amountMinor: try row.decode(column: "amount_minor", as: Int64?.self),
                      note: try row.decode(column: "note", as: String.self),
                      status: try row.decode(column: "status", as: String.self))
    }
}

/// Why a client disputes an invoice.
public enum DisputeReason: String, Sendable, CaseIterable {
    case pricing, quality
    case notReceived = "not_received"
    case duplicate, other
}

/// How a dispute ended.
public enum DisputeOutcome: String, Sendable, CaseIterable {
    /// The client was right: the invoice is credited (in full unless an amount is given).
    case upheld
    /// The invoice stands: chasing resumes.
    case rejected
    /// Part of the invoice is credited; chasing resumes on the rest.
    case partial
}

/// Disputes, per invoice. An open dispute stops chasing of that invoice only.
public struct DisputeStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Opens a dispute; returns its id.
    @discardableResult
    public func open(invoiceID: Int64, on day: Day, reason: DisputeReason, note: String, now: String) async throws -> Int64 {
        guard let row = try await sql.insert(into: "disputes").columns("org_id", "invoice_id", "opened_on", "reason", "note", "created_at")
            .values(SQLBind(orgID), SQLBind(invoiceID), SQLBind(day.description), SQLBind(reason.rawValue), SQLBind(note), SQLBind(now))
            .returning("id").first() else { throw StoreError.corrupt("the dispute of invoice \(invoiceID) was not stored") }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Resolves the open dispute of an invoice; returns its id, nil when there is none.
    public func resolve(invoiceID: Int64, on day: Day, outcome: DisputeOutcome, creditMinor: Int64?) async throws -> Int64? {
        let rows = try await sql.update("disputes").set("status", to: SQLBind("resolved")).set("outcome", to: SQLBind(outcome.rawValue))
            .set("resolved_on", to: SQLBind(day.description)).set("credit_minor", to: SQLBind(creditMinor))
            .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .equal, SQLBind(invoiceID))
            .where("status", .equal, SQLBind("open")).returning("id").all()
        return try rows.first?.decode(column: "id", as: Int64.self)
    }

    /// Ids of invoices with an open dispute.
    public func openInvoiceIDs() async throws -> Set<Int64> {
        Set(try await sql.select().column("invoice_id").from("disputes").where("org_id", .equal, SQLBind(orgID))
            .where("status", .equal, SQLBind("open")).all().map { try $0.decode(column: "invoice_id", as: Int64.self) })
    }
}
