import SettleCore
import SQLKit

/// Where a statement entry stands in the reconciliation queue.
public enum StatementEntryStatus: String, Sendable, Hashable, CaseIterable {
    /// Nothing fits; a person decides.
    case unmatched
    /// Candidates found, none sure enough to apply without a person.
    case suggested
    /// Applied: a payment recorded (or, for a reversal, the payment it undid reversed).
    case applied
    /// Not a client's payment (money out, a returned outgoing payment), or set aside by a person.
    case ignored
}

/// What was decided about an entry.
public struct EntryDecision: Sendable, Hashable {
    public var status: StatementEntryStatus
    public var clientID: Int64?
    public var paymentID: Int64?
    public var reversesEntryID: Int64?
    public var confidence: Int?
    public var reason: String
    /// "auto" or "person"; nil while undecided.
    public var decidedBy: String?
    /// The invoices the payment went to.
    public var invoices: [String]

    public init(status: StatementEntryStatus, clientID: Int64? = nil, paymentID: Int64? = nil, reversesEntryID: Int64? = nil,
                confidence: Int? = nil, reason: String, decidedBy: String? = nil, invoices: [String] = []) {
        self.status = status
        self.clientID = clientID
        self.paymentID = paymentID
        self.reversesEntryID = reversesEntryID
        self.confidence = confidence
        self.reason = reason
        self.decidedBy = decidedBy
        self.invoices = invoices
    }
}

/// A statement entry as stored, with its decision.
public struct StoredStatementEntry: Sendable, Hashable {
    public var id: Int64
    public var bankAccountID: Int64
    public var entry: StatementEntry
    public var decision: EntryDecision
    /// The client's code, when a client was matched.
    public var client: String?
    public var file: String
    public var decidedAt: String?
}

/// Statement entries, their candidates and the accounts clients pay from. Every query is scoped to `orgID`.
public struct StatementEntryStore: Sendable {
    let sql: any SQLDatabase
    let orgID: Int64

    public init(_ sql: any SQLDatabase, orgID: Int64) {
        self.sql = sql
        self.orgID = orgID
    }

    static let columns = ["org_id", "bank_account_id", "fingerprint", "bank_reference", "direction", "reversal", "amount_minor",
                          "currency", "booking_date", "value_date", "end_to_end", "remittance", "creditor_references",
                          "counterparty_name", "counterparty_account", "file", "position", "created_at", "status", "client_id",
                          "payment_id", "reverses_entry_id", "confidence", "reason", "decided_by", "decided_at", "invoices"]

    /// Stores new entries with what was decided about each (the caller left out the fingerprints
    /// already there); returns their ids by fingerprint.
    @discardableResult
    public func insert(_ entries: [(fingerprint: String, entry: StatementEntry, decision: EntryDecision)], accountID: Int64,
                       file: String, now: String) async throws -> [String: Int64] {
        guard !entries.isEmpty else { return [:] }
        let org = SQLCell.integer(orgID), account = SQLCell.integer(accountID), file = SQLCell.text(file), now = SQLCell.text(now)
        try await sql.insertRows(into: "statement_entries", columns: Self.columns, rows: entries.map { fingerprint, entry, decision in
            [org, account, .text(fingerprint), SQLCell(entry.bankReference), .text(entry.direction.rawValue),
             .integer(entry.reversal ? 1 : 0), .integer(entry.amount.minorUnits), .text(entry.amount.currency.code),
             SQLCell(entry.bookingDate?.description), SQLCell(entry.valueDate?.description), SQLCell(entry.endToEndReference),
             .text(entry.remittance.joined(separator: "\n")), .text(entry.creditorReferences.joined(separator: "\n")),
             SQLCell(entry.counterpartyName), SQLCell(entry.counterpartyAccount), file, .text(entry.position.description), now,
             .text(decision.status.rawValue), SQLCell(decision.clientID), SQLCell(decision.paymentID),
             SQLCell(decision.reversesEntryID), SQLCell(decision.confidence.map(Int64.init)), .text(decision.reason),
             SQLCell(decision.decidedBy), decision.decidedBy == nil ? .null : now, .text(decision.invoices.joined(separator: "\n"))]
        })
        var ids: [String: Int64] = [:]
        for batch in entries.map(\.fingerprint).chunked(into: 500) {
            for row in try await sql.select().columns("id", "fingerprint").from("statement_entries")
                .where("org_id", .equal, SQLBind(orgID)).where("bank_account_id", .equal, SQLBind(accountID))
                .where("fingerprint", .in, SQLBind.group(Array(batch))).all() {
                ids[try row.decode(column: "fingerprint", as: String.self)] = try row.decode(column: "id", as: Int64.self)
            }
        }
        return ids
    }

    /// Stores the candidates of entries, best first.
    public func insertCandidates(_ rows: [(entryID: Int64, candidates: [(clientID: Int64, candidate: MatchCandidate)])]) async throws {
        let org = SQLCell.integer(orgID)
        try await sql.insertRows(
            into: "statement_candidates", columns: ["org_id", "entry_id", "rank", "client_id", "invoices", "confidence", "reason"],
            rows: rows.flatMap { entryID, list in
                list.enumerated().map { rank, item in
                    [org, .integer(entryID), .integer(Int64(rank + 1)), .integer(item.clientID),
                     .text(item.candidate.invoices.map(\.value).joined(separator: "\n")),
                     .integer(Int64(item.candidate.confidence)), .text(item.candidate.reason)]
                }
            })
    }

    /// Records a person's (or Settle's) decision about an entry.
    public func decide(_ id: Int64, _ decision: EntryDecision, now: String) async throws {
        try await sql.update("statement_entries")
            .set("status", to: SQLBind(decision.status.rawValue)).set("client_id", to: SQLBind(decision.clientID))
            .set("payment_id", to: SQLBind(decision.paymentID)).set("reverses_entry_id", to: SQLBind(decision.reversesEntryID))
            .set("confidence", to: SQLBind(decision.confidence)).set("reason", to: SQLBind(decision.reason))
            .set("decided_by", to: SQLBind(decision.decidedBy)).set("decided_at", to: SQLBind(decision.decidedBy == nil ? nil : now))
            .set("invoices", to: SQLBind(decision.invoices.joined(separator: "\n")))
            .where("org_id", .equal, SQLBind(orgID)).where("id", .equal, SQLBind(id)).run()
    }

    public func find(_ id: Int64) async throws -> StoredStatementEntry? {
        try await list(where: SQLBinaryExpression(SQLColumn("id", table: "s"), .equal, SQLBind(id)), limit: 1).first
    }

    /// Entries in a status (all when nil), oldest first.
    public func list(status: StatementEntryStatus?, after: Int64? = nil, limit: Int = 1000) async throws -> [StoredStatementEntry] {
        var conditions: [any SQLExpression] = []
        if let status { conditions.append(SQLBinaryExpression(SQLColumn("status", table: "s"), .equal, SQLBind(status.rawValue))) }
        if let after { conditions.append(SQLBinaryExpression(SQLColumn("id", table: "s"), .greaterThan, SQLBind(after))) }
        return try await list(where: conditions, newestFirst: false, limit: limit)
    }

    /// Entries matched to a client, for its timeline.
    public func list(clientID: Int64) async throws -> [StoredStatementEntry] {
        try await list(where: SQLBinaryExpression(SQLColumn("client_id", table: "s"), .equal, SQLBind(clientID)), limit: 100_000)
    }

    /// How many entries are in each status.
    public func counts() async throws -> [StatementEntryStatus: Int] {
        var counts: [StatementEntryStatus: Int] = [:]
        for row in try await sql.raw("""
            SELECT status, CAST(COUNT(*) AS BIGINT) AS n FROM statement_entries WHERE org_id = \(bind: orgID) GROUP BY status
            """).all() {
            if let status = StatementEntryStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    private func list(where condition: (any SQLExpression)?, limit: Int) async throws -> [StoredStatementEntry] {
        try await list(where: condition.map { [$0] } ?? [], newestFirst: false, limit: limit)
    }

    /// Entries of the organisation (with their client's code) meeting every condition, by id.
    private func list(where conditions: [any SQLExpression], newestFirst: Bool, limit: Int) async throws -> [StoredStatementEntry] {
        var query = sql.select().columns(SQLColumn(SQLLiteral.all, table: SQLIdentifier("s")))
            .column(SQLColumn("code", table: "c"), as: "client_code")
            .from(SQLAlias(SQLIdentifier("statement_entries"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("clients"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
                  on: SQLRaw("c.id = s.client_id AND c.org_id = s.org_id"))
            .where(SQLColumn("org_id", table: "s"), .equal, SQLBind(orgID))
        for condition in conditions { query = query.where(condition) }
        return try await query.orderBy(SQLColumn("id", table: "s"), newestFirst ? SQLDirection.descending : SQLDirection.ascending)
            .limit(limit).all().map(Self.decode)
    }

    /// The candidates of an entry, best first.
    public func candidates(of entryID: Int64) async throws -> [MatchCandidateRow] {
        try await sql.select().columns("rank", "invoices", "confidence", "reason").from("statement_candidates")
            .where("org_id", .equal, SQLBind(orgID)).where("entry_id", .equal, SQLBind(entryID)).orderBy("rank").all()
            .map { row in
                MatchCandidateRow(rank: try row.decode(column: "rank", as: Int.self),
                                  invoices: try row.decode(column: "invoices", as: String.self).split(separator: "\n").map(String.init),
                                  confidence: try row.decode(column: "confidence", as: Int.self),
                                  reason: try row.decode(column: "reason", as: String.self))
            }
    }

    /// The applied, not yet reversed, entry a reversal undoes: the same end-to-end reference if it
    /// has one, else the same amount from the same account (or name), the latest first.
    public func original(of reversal: StatementEntry, accountID: Int64) async throws -> StoredStatementEntry? {
        var conditions: [any SQLExpression] = [
            SQLRaw("s.bank_account_id = \(accountID)"), SQLRaw("s.status = 'applied'"), SQLRaw("s.direction = 'credit'"),
            SQLRaw("s.reversal = 0"), SQLRaw("s.payment_id IS NOT NULL"),
            SQLRaw("NOT EXISTS (SELECT 1 FROM statement_entries r WHERE r.org_id = s.org_id AND r.reverses_entry_id = s.id)"),
            SQLBinaryExpression(SQLColumn("amount_minor", table: "s"), .equal, SQLBind(reversal.amount.minorUnits)),
        ]
        if let endToEnd = reversal.endToEndReference {
            conditions.append(SQLBinaryExpression(SQLColumn("end_to_end", table: "s"), .equal, SQLBind(endToEnd)))
        } else if let account = reversal.counterpartyAccount {
            conditions.append(SQLBinaryExpression(SQLColumn("counterparty_account", table: "s"), .equal, SQLBind(account)))
        } else if let name = reversal.counterpartyName {
            conditions.append(SQLBinaryExpression(SQLColumn("counterparty_name", table: "s"), .equal, SQLBind(name)))
        } else {
            return nil
        }
        return try await list(where: conditions, newestFirst: true, limit: 1).first
    }

    // MARK: Debtor accounts

    /// Every account a client was seen paying from, with the client's code.
    public func clientAccounts() async throws -> [(client: String, account: String)] {
        try await sql.raw("""
            SELECT c.code, a.account FROM client_accounts a JOIN clients c ON c.id = a.client_id AND c.org_id = a.org_id
            WHERE a.org_id = \(bind: orgID)
            """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "account", as: String.self)) }
    }

    /// Remembers that a client pays from an account (once).
    public func remember(account: String, clientID: Int64, now: String) async throws {
        try await sql.insert(into: "client_accounts").columns("org_id", "client_id", "account", "created_at")
            .values(SQLBind(orgID), SQLBind(clientID), SQLBind(account), SQLBind(now))
            .ignoringConflicts().run()
    }

    static func decode(_ row: any SQLRow) throws -> StoredStatementEntry {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        func lines(_ column: String) throws -> [String] { try text(column).split(separator: "\n").map(String.init) }
        let currency = try Currency(code: try text("currency"))
        let position = try text("position")
        let entry = StatementEntry(
            amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: currency),
            direction: StatementEntry.Direction(rawValue: try text("direction")) ?? .credit,
            reversal: try row.decode(column: "reversal", as: Int.self) == 1,
            bookingDate: try optional("booking_date").map { try Day(parsing: $0) },
            valueDate: try optional("value_date").map { try Day(parsing: $0) },
            bankReference: try optional("bank_reference"), endToEndReference: try optional("end_to_end"),
            remittance: try lines("remittance"), creditorReferences: try lines("creditor_references"),
            counterpartyName: try optional("counterparty_name"), counterpartyAccount: try optional("counterparty_account"),
            position: StatementPosition(parsing: position))
        let decision = EntryDecision(
            status: StatementEntryStatus(rawValue: try text("status")) ?? .unmatched,
            clientID: try row.decode(column: "client_id", as: Int64?.self), paymentID: try row.decode(column: "payment_id", as: Int64?.self),
            reversesEntryID: try row.decode(column: "reverses_entry_id", as: Int64?.self),
            confidence: try row.decode(column: "confidence", as: Int?.self), reason: try text("reason"),
            decidedBy: try optional("decided_by"), invoices: try lines("invoices"))
        return StoredStatementEntry(id: try row.decode(column: "id", as: Int64.self),
                                    bankAccountID: try row.decode(column: "bank_account_id", as: Int64.self),
                                    entry: entry, decision: decision, client: try optional("client_code"), file: try text("file"),
                                    decidedAt: try optional("decided_at"))
    }
}

/// A candidate as stored: invoice numbers as text, since the invoices may have changed since.
public struct MatchCandidateRow: Sendable, Hashable {
    public var rank: Int
    public var invoices: [String]
    public var confidence: Int
    public var reason: String
}
