import Foundation
import SettleCore
import SQLKit

/// An invoice as stored, with its row id, its client's code and a summary of its ledger.
public struct StoredInvoice: Sendable, Hashable {
    public let id: Int64
    public let clientID: Int64
    public let invoice: Invoice
    public let summary: LedgerSummary

    public var status: PaymentStatus { PaymentStatus(isVoid: invoice.isVoid, summary: summary) }
}

/// Which invoices to list.
public struct InvoiceFilter: Sendable {
    public var status: PaymentStatus?
    /// Only invoices past due and still owed as of this day.
    public var overdueAsOf: Day?
    public var clientID: Int64?
    /// Only invoices due on or after / on or before these days.
    public var dueFrom: Day?
    public var dueTo: Day?
    /// Only invoices after this one in the list's order (due date, then number): the next page.
    public var after: InvoicePosition?
    /// At most this many (a page).
    public var limit: Int?
    /// Only invoices changed at or after this instant (the stored timestamp text, UTC): created,
    /// voided, or with a ledger entry (payment, credit note, fee, interest, write-off) posted since.
    public var changedSince: String?

    public init(status: PaymentStatus? = nil, overdueAsOf: Day? = nil, clientID: Int64? = nil, dueFrom: Day? = nil,
                dueTo: Day? = nil, after: InvoicePosition? = nil, limit: Int? = nil, changedSince: String? = nil) {
        self.changedSince = changedSince
        self.status = status
        self.overdueAsOf = overdueAsOf
        self.clientID = clientID
        self.dueFrom = dueFrom
        self.dueTo = dueTo
        self.after = after
        self.limit = limit
    }
}

/// Where an invoice stands in the list's order: a page's cursor.
public struct InvoicePosition: Sendable, Hashable {
    public var dueDate: Day
    public var number: String

    public init(dueDate: Day, number: String) {
        self.dueDate = dueDate
        self.number = number
    }
}

/// The invoices of one organisation and their ledgers. Every query is scoped to `orgID`.
public struct InvoiceStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    /// Inserts invoices with their lines and principal entries; `clientIDs` maps client codes to ids.
    public func insert(_ invoices: [Invoice], clientIDs: [String: Int64], now: String) async throws {
        if let copier = sql as? any BulkCopying, invoices.count >= 1000 {
            return try await copy(invoices, clientIDs: clientIDs, now: now, with: copier)
        }
        for batch in invoices.chunked(into: 1000) {
            var insert = sql.insert(into: "invoices").columns(
                "org_id", "client_id", "number", "issue_date", "due_date", "currency", "terms", "description",
                "total_minor", "reference", "created_at")
            for invoice in batch {
                guard let clientID = clientIDs[invoice.client] else { throw StoreError.unknownClient(invoice.client) }
                insert = insert.values(
                    SQLBind(orgID), SQLBind(clientID), SQLBind(invoice.number.value), SQLBind(invoice.issueDate.description),
                    SQLBind(invoice.dueDate.description), SQLBind(invoice.currency.code), SQLBind(invoice.terms?.description),
                    SQLBind(invoice.description), SQLBind(invoice.total.minorUnits), SQLBind(invoice.paymentReference.value),
                    SQLBind(now))
            }
            var ids: [String: Int64] = [:]
            for row in try await insert.returning("id", "number").all() {
                ids[try row.decode(column: "number", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
            var lines: [(Int64, Int, InvoiceLine)] = []
            for invoice in batch {
                guard let id = ids[invoice.number.value] else { throw StoreError.corrupt("invoice \(invoice.number) was not inserted") }
                lines += invoice.lines.enumerated().map { (id, $0.offset + 1, $0.element) }
            }
            // The principal entry of each new invoice, written from the rows just inserted (one statement, few binds).
            try await sql.raw("""
                INSERT INTO ledger_entries (org_id, invoice_id, kind, component, amount_minor, date, note, created_at)
                SELECT org_id, id, 'principal', 'principal', total_minor, issue_date, 'issued', created_at
                FROM invoices WHERE org_id = \(bind: orgID) AND id IN \(SQLBind.group(Array(ids.values)))
                """).run()
            try await insertLines(lines)
        }
    }

    /// Large imports on PostgreSQL: COPY into a staging table, then one INSERT ... SELECT for the
    /// invoices and one for their principal entries — the same work `psql \copy` would do.
    private func copy(_ invoices: [Invoice], clientIDs: [String: Int64], now: String, with copier: any BulkCopying) async throws {
        try await sql.raw("""
            CREATE TEMP TABLE invoice_import (position BIGINT, client_id BIGINT, number TEXT, issue_date TEXT, due_date TEXT,
                currency TEXT, terms TEXT, description TEXT, total_minor BIGINT, reference TEXT) ON COMMIT DROP
            """).run()
        var rows: [[String?]] = []
        rows.reserveCapacity(invoices.count)
        for (position, invoice) in invoices.enumerated() {
            guard let clientID = clientIDs[invoice.client] else { throw StoreError.unknownClient(invoice.client) }
            rows.append([String(position), String(clientID), invoice.number.value, invoice.issueDate.description,
                         invoice.dueDate.description, invoice.currency.code, invoice.terms?.description, invoice.description,
                         String(invoice.total.minorUnits), invoice.paymentReference.value])
        }
        try await copier.copy(into: "invoice_import", columns: ["position", "client_id", "number", "issue_date", "due_date",
                                                                "currency", "terms", "description", "total_minor", "reference"], rows: rows)
        try await sql.raw("""
            INSERT INTO invoices (org_id, client_id, number, issue_date, due_date, currency, terms, description, total_minor,
                reference, created_at)
            SELECT \(bind: orgID), client_id, number, issue_date, due_date, currency, terms, description, total_minor, reference,
                \(bind: now)
            FROM invoice_import ORDER BY position
            """).run()
        try await sql.raw("""
            INSERT INTO ledger_entries (org_id, invoice_id, kind, component, amount_minor, date, note, created_at)
            SELECT i.org_id, i.id, 'principal', 'principal', i.total_minor, i.issue_date, 'issued', i.created_at
            FROM invoice_import s JOIN invoices i ON i.org_id = \(bind: orgID) AND i.number = s.number
            """).run()
        guard invoices.contains(where: { !$0.lines.isEmpty }) else { return }
        var ids: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT i.id, i.number FROM invoice_import s JOIN invoices i ON i.org_id = \(bind: orgID) AND i.number = s.number
            """).all() {
            ids[try row.decode(column: "number", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        try await insertLines(invoices.flatMap { invoice in
            invoice.lines.enumerated().compactMap { line in ids[invoice.number.value].map { ($0, line.offset + 1, line.element) } }
        })
    }

    private func insertLines(_ lines: [(Int64, Int, InvoiceLine)]) async throws {
        for batch in lines.chunked(into: 1000) {
            var insert = sql.insert(into: "invoice_lines").columns(
                "org_id", "invoice_id", "position", "description", "quantity_thousandths", "unit_price_minor", "tax_rate_millionths")
            for (invoiceID, position, line) in batch {
                insert = insert.values(SQLBind(orgID), SQLBind(invoiceID), SQLBind(position), SQLBind(line.description),
                                       SQLBind(line.quantity.thousandths), SQLBind(line.unitPrice.minorUnits),
                                       SQLBind(line.taxRate.millionths))
            }
            try await insert.run()
        }
    }

    /// Which of these invoice numbers are already taken in the organisation.
    public func existingNumbers(among numbers: some Collection<String>) async throws -> Set<String> {
        var found: Set<String> = []
        for batch in Array(Set(numbers)).chunked(into: 5000) {
            let rows = try await sql.select().column("number").from("invoices")
                .where("org_id", .equal, SQLBind(orgID)).where("number", .in, SQLBind.group(Array(batch))).all()
            for row in rows { found.insert(try row.decode(column: "number", as: String.self)) }
        }
        return found
    }

    public func find(_ number: String, asOf: Day? = nil) async throws -> StoredInvoice? {
        try await list(matching: { SQLBinaryExpression(SQLColumn("number", table: $0), .equal, SQLBind(number)) }, asOf: asOf).first
    }

    /// The invoice, or an error naming the number.
    public func require(_ number: String, asOf: Day? = nil) async throws -> StoredInvoice {
        guard let found = try await find(number, asOf: asOf) else { throw StoreError.unknownInvoice(number) }
        return found
    }

    /// Invoices with their ledger summaries as of a day, filtered, ordered by due date and number.
    /// The numbers of the first `limit` invoices still owed (by due date, then number) due on or
    /// after `dueFrom`: each invoice's ledger is summed only until the page is full.
    public func openNumbers(dueFrom: Day, limit: Int) async throws -> [String] {
        try await sql.raw("""
            SELECT i.number FROM invoices i
            WHERE i.org_id = \(bind: orgID) AND i.voided_at IS NULL AND i.due_date >= \(bind: dueFrom.description)
              AND (SELECT SUM(e.amount_minor) FROM ledger_entries e WHERE e.org_id = i.org_id AND e.invoice_id = i.id) > 0
            ORDER BY i.due_date, i.number LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "number", as: String.self) }
    }

    public func list(_ filter: InvoiceFilter, asOf: Day? = nil) async throws -> [StoredInvoice] {
        guard let limit = filter.limit, filter.status != nil || filter.overdueAsOf != nil else {
            return try await listFiltered(filter, asOf: asOf)
        }
        // A status is known only with the ledger: read a few pages' worth at a time until this page is full.
        var page: [StoredInvoice] = []
        var batch = filter
        batch.limit = max(limit * 2, 50)
        while page.count < limit {
            var read = batch
            read.status = nil
            let rows = try await listFiltered(read, asOf: asOf)
            page += rows.filter { invoice in
                (filter.status.map { invoice.status == $0 } ?? true) && (filter.overdueAsOf == nil || invoice.status.isOutstanding)
            }
            guard rows.count == batch.limit, let last = rows.last else { break }
            batch.after = InvoicePosition(dueDate: last.invoice.dueDate, number: last.invoice.number.value)
        }
        return Array(page.prefix(limit))
    }

    private func listFiltered(_ filter: InvoiceFilter, asOf: Day?) async throws -> [StoredInvoice] {
        let clientID = filter.clientID
        let overdue = filter.overdueAsOf
        let dueFrom = filter.dueFrom, dueTo = filter.dueTo, after = filter.after, since = filter.changedSince
        @Sendable func condition(_ table: String) -> any SQLExpression {
            var parts: [any SQLExpression] = [SQLRaw("1 = 1")]
            if let clientID { parts.append(SQLBinaryExpression(SQLColumn("client_id", table: table), .equal, SQLBind(clientID))) }
            if let overdue {
                parts.append(SQLBinaryExpression(SQLColumn("due_date", table: table), .lessThan, SQLBind(overdue.description)))
            }
            if let dueFrom {
                parts.append(SQLBinaryExpression(SQLColumn("due_date", table: table), .greaterThanOrEqual, SQLBind(dueFrom.description)))
            }
            if let dueTo {
                parts.append(SQLBinaryExpression(SQLColumn("due_date", table: table), .lessThanOrEqual, SQLBind(dueTo.description)))
            }
            if let after {
                parts.append(SQLRaw("(\(table).due_date > \(after.dueDate.description.sqlQuoted) OR (\(table).due_date = "
                                    + "\(after.dueDate.description.sqlQuoted) AND \(table).number > \(after.number.sqlQuoted)))"))
            }
            if let since {
                parts.append(SQLRaw("(\(table).created_at >= \(since.sqlQuoted) OR \(table).voided_at >= \(since.sqlQuoted) OR EXISTS "
                                    + "(SELECT 1 FROM ledger_entries changed WHERE changed.org_id = \(table).org_id "
                                    + "AND changed.invoice_id = \(table).id AND changed.created_at >= \(since.sqlQuoted)))"))
            }
            return SQLList(parts, separator: SQLRaw(" AND "))
        }
        let scoped = clientID != nil || overdue != nil || dueFrom != nil || dueTo != nil || after != nil || since != nil
        var invoices = try await list(matching: scoped ? condition : nil, asOf: asOf ?? filter.overdueAsOf, limit: filter.limit)
        if let status = filter.status { invoices = invoices.filter { $0.status == status } }
        if filter.overdueAsOf != nil { invoices = invoices.filter { $0.status.isOutstanding } }
        return invoices
    }

    /// Outstanding invoices of a client in a currency, as the allocator needs them.
    public func openItems(clientID: Int64, currency: Currency) async throws -> [(id: Int64, item: OpenItem)] {
        try await list(InvoiceFilter(clientID: clientID)).compactMap { try Self.openItem($0, currency: currency) }
            .map { ($0.id, $0.item) }
    }

    /// Every outstanding invoice of the organisation in a currency, with its client's code (what
    /// the statement matcher indexes).
    public func openItems(currency: Currency) async throws -> [(id: Int64, client: String, item: OpenItem)] {
        try await list(InvoiceFilter()).compactMap { try Self.openItem($0, currency: currency) }
    }

    /// One invoice as an open item, nil when it is settled or in another currency.
    public static func openItem(_ stored: StoredInvoice, currency: Currency) throws -> (id: Int64, client: String, item: OpenItem)? {
        guard stored.status.isOutstanding, stored.invoice.currency == currency else { return nil }
        let invoice = stored.invoice
        var offer: DiscountOffer? = nil
        if let terms = invoice.terms, let deadline = invoice.discountDeadline {
            offer = DiscountOffer(amount: try terms.discount(on: invoice.total), deadline: deadline)
        }
        return (stored.id, invoice.client, OpenItem(invoice: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
                                                    balance: stored.summary.balance, originalPrincipal: invoice.total, discount: offer))
    }

    /// Invoices matching `condition` (built for a table alias) with their ledger summaries. The ledger
    /// is aggregated only for the matching invoices, so looking up one client stays cheap in a large book.
    private func list(matching condition: (@Sendable (String) -> any SQLExpression)?, asOf: Day?,
                      limit: Int? = nil) async throws -> [StoredInvoice] {
        let dateLimit = asOf.map { " AND e.date <= \($0.description.sqlQuoted)" } ?? ""
        // A page aggregates the ledger of its own invoices only.
        let page = limit.map { " ORDER BY x.due_date, x.number LIMIT \($0)" } ?? ""
        let condition = condition ?? (limit == nil ? nil : { _ in SQLRaw("1 = 1") })
        let scope: any SQLExpression = condition.map { condition in
            SQLList([SQLRaw(" AND e.invoice_id IN (SELECT x.id FROM invoices x WHERE x.org_id = \(orgID) AND "),
                     condition("x"), SQLRaw(page + ")")], separator: SQLRaw(""))
        } ?? SQLRaw("")
        var query = sql.select()
            .columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("i")))
            .column(SQLRaw("COALESCE(s.principal, 0)"), as: "s_principal")
            .column(SQLRaw("COALESCE(s.costs, 0)"), as: "s_costs")
            .column(SQLRaw("COALESCE(s.interest, 0)"), as: "s_interest")
            .column(SQLRaw("COALESCE(s.received, 0)"), as: "s_received")
            .column(SQLRaw("COALESCE(s.write_offs, 0)"), as: "s_write_offs")
            .column(SQLRaw("COALESCE(s.entries, 0)"), as: "s_entries")
            .column(SQLColumn("code", table: "c"), as: "client_code")
            .from(SQLAlias(SQLIdentifier("invoices"), as: SQLIdentifier("i")))
            .join(SQLAlias(SQLIdentifier("clients"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLRaw("c.id = i.client_id AND c.org_id = i.org_id"))
            .join(SQLList([SQLRaw("""
                (SELECT e.invoice_id,
                    CAST(SUM(CASE WHEN e.component = 'principal' THEN e.amount_minor ELSE 0 END) AS BIGINT) AS principal,
                    CAST(SUM(CASE WHEN e.component = 'costs' THEN e.amount_minor ELSE 0 END) AS BIGINT) AS costs,
                    CAST(SUM(CASE WHEN e.component = 'interest' THEN e.amount_minor ELSE 0 END) AS BIGINT) AS interest,
                    CAST(SUM(CASE WHEN e.kind IN ('allocation', 'reversal')
                        THEN e.amount_minor ELSE 0 END) AS BIGINT) AS received,
                    CAST(SUM(CASE WHEN e.kind = 'write_off' THEN 1 ELSE 0 END) AS BIGINT) AS write_offs,
                    CAST(COUNT(*) AS BIGINT) AS entries
                 FROM ledger_entries e WHERE e.org_id = \(orgID)\(dateLimit)
                """), scope, SQLRaw(" GROUP BY e.invoice_id) s")], separator: SQLRaw("")),
                  method: SQLJoinMethod.left, on: SQLRaw("s.invoice_id = i.id"))
            .where(SQLColumn("org_id", table: "i"), .equal, SQLBind(orgID))
        if let condition { query = query.where(condition("i")) }
        query = query.orderBy(SQLColumn("due_date", table: "i")).orderBy(SQLColumn("number", table: "i"))
        if let limit { query = query.limit(limit) }
        let rows = try await query.all()
        // A book has a handful of distinct terms: each is parsed once per list.
        var terms: [String: PaymentTerms] = [:]
        return try rows.map { try decode($0, terms: &terms) }
    }

    private func decode(_ row: any SQLRow, terms parsed: inout [String: PaymentTerms]) throws -> StoredInvoice {
        let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
        func money(_ column: String) throws -> Money {
            Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
        }
        let terms = try row.decode(column: "terms", as: String?.self)
        let invoice = Invoice(
            number: try InvoiceNumber(try row.decode(column: "number", as: String.self)),
            client: try row.decode(column: "client_code", as: String.self),
            issueDate: try Day(parsing: try row.decode(column: "issue_date", as: String.self)),
            dueDate: try Day(parsing: try row.decode(column: "due_date", as: String.self)),
            currency: currency,
            terms: try terms.map { text in
                if let known = parsed[text] { return known }
                let terms = try PaymentTerms(parsing: text)
                parsed[text] = terms
                return terms
            },
            description: try row.decode(column: "description", as: String.self),
            total: try money("total_minor"),
            isVoid: try row.decode(column: "voided_at", as: String?.self) != nil)
        let summary = LedgerSummary(
            balance: InvoiceBalance(principal: try money("s_principal"), costs: try money("s_costs"),
                                    interest: try money("s_interest")),
            received: try money("s_received"),
            hasWriteOff: try row.decode(column: "s_write_offs", as: Int64.self) > 0,
            hasEntries: try row.decode(column: "s_entries", as: Int64.self) > 0)
        return StoredInvoice(id: try row.decode(column: "id", as: Int64.self),
                             clientID: try row.decode(column: "client_id", as: Int64.self),
                             invoice: invoice, summary: summary)
    }

    /// The lines of an invoice, in order.
    public func lines(of invoice: StoredInvoice) async throws -> [InvoiceLine] {
        let rows = try await sql.select().columns("*").from("invoice_lines")
            .where("org_id", .equal, SQLBind(orgID)).where("invoice_id", .equal, SQLBind(invoice.id))
            .orderBy("position").all()
        let currency = invoice.invoice.currency
        return try rows.map { row in
            InvoiceLine(description: try row.decode(column: "description", as: String.self),
                        quantity: Quantity(thousandths: try row.decode(column: "quantity_thousandths", as: Int64.self)),
                        unitPrice: Money(minorUnits: try row.decode(column: "unit_price_minor", as: Int64.self), currency: currency),
                        taxRate: Percentage(millionths: try row.decode(column: "tax_rate_millionths", as: Int.self)))
        }
    }
}

extension String {
    /// A single-quoted SQL string literal. Used only for values Settle formats itself (days).
    var sqlQuoted: String { "'" + replacingOccurrences(of: "'", with: "''") + "'" }
}
