import Foundation
import SettleCore

/// Follows the statements of an MT940 file field by field: `:20:` opens one, `:25:` names its
/// account, `:60F:`/`:60M:` its currency and opening balance, each `:61:` (with the `:86:` after it)
/// is an entry, and `:62F:`/`:62M:` closes it with a balance that must be the opening balance
/// plus the entries.
struct MT940Statements {
    let file: String
    private var started = false
    private var statement: Statement?
    private var pending: PendingEntry?
    private var entries = 0

    private struct Statement {
        var id: String
        var line: Int
        var account: String?
        var accountLine = 0
        /// From the opening balance on: the balance after the entries read so far.
        var balance: Money?
        var closed = false
    }

    private struct PendingEntry {
        var line: MT940StatementLine
        var lineNumber: Int
        var position: Int
        var details: [String] = []
    }

    init(file: String) {
        self.file = file
    }

    mutating func take(_ field: MT940Field, account: (StatementAccount) throws -> Void,
                       entry: (StatementEntry) throws -> Void) throws {
        if !started {
            started = true
            guard field.tag == "20" else {
                throw problem(field.line, "not an MT940 file: the first field is :\(field.tag): where a statement starts with :20:")
            }
        }
        switch field.tag {
        case "20":
            try emitPending(entry: entry)
            if let open = statement, !open.closed {
                throw problem(field.line, "a new statement (:20:) begins before the statement from line \(open.line) "
                              + "has its closing balance :62F:")
            }
            statement = Statement(id: field.value.trimmingCharacters(in: .whitespaces), line: field.line)
        case "25":
            var open = try openStatement(for: field)
            open.account = MT940Text.account(field.lines.joined())
            open.accountLine = field.line
            statement = open
        case "60F", "60M", "60":
            var open = try openStatement(for: field)
            guard let id = open.account else { throw problem(field.line, "the opening balance :\(field.tag): comes before any :25: account") }
            guard open.balance == nil else { throw problem(field.line, "a second opening balance :\(field.tag): in one statement") }
            let opening = try parse(field, named: "") { text throws(MT940FieldError) in
                try MT940Balance(parsing: text, what: "opening balance :\(field.tag):")
            }
            open.balance = opening.amount
            statement = open
            try reporting(at: open.accountLine) {
                try account(StatementAccount(id: id, currency: opening.amount.currency, statementID: open.id))
            }
        case "61":
            let open = try openStatement(for: field)
            guard open.account != nil else { throw problem(field.line, "a :61: before any :25: account") }
            guard let balance = open.balance else { throw problem(field.line, "a :61: before the opening balance :60F:") }
            try emitPending(entry: entry)
            let line = try parse(field, named: ":61: ") { _ throws(MT940FieldError) in
                try MT940StatementLine(parsing: field.lines, currency: balance.currency)
            }
            entries += 1
            pending = PendingEntry(line: line, lineNumber: field.line, position: entries)
        case "86":
            // After a :61: it describes that entry; elsewhere it is information about the statement.
            pending?.details.append(contentsOf: field.lines)
        case "62F", "62M", "62":
            try emitPending(entry: entry)
            var open = try openStatement(for: field)
            guard let balance = open.balance else { throw problem(field.line, "a closing balance :\(field.tag): without an opening balance :60F:") }
            let closing = try parse(field, named: "") { text throws(MT940FieldError) in
                try MT940Balance(parsing: text, what: "closing balance :\(field.tag):")
            }
            guard closing.amount.currency == balance.currency else {
                throw problem(field.line, "the closing balance :\(field.tag): is in \(closing.amount.currency.code), "
                              + "the opening balance in \(balance.currency.code)")
            }
            guard closing.amount == balance else {
                throw problem(field.line, "the closing balance :\(field.tag): is \(closing.amount) but the opening balance "
                              + "and the entries make \(balance): an entry is missing or misread")
            }
            open.closed = true
            statement = open
        default:
            // :21:, :28C:, :64:, :65:, :NS: ... carry nothing Settle needs.
            break
        }
    }

    /// A `-` or `-}` line: the statement before it must be complete.
    mutating func separator(line: Int, entry: (StatementEntry) throws -> Void) throws {
        try emitPending(entry: entry)
        if let open = statement, !open.closed {
            throw problem(line, "the statement from line \(open.line) ends at line \(line) without a closing balance :62F:")
        }
    }

    /// The end of the file.
    mutating func finish(line: Int, entry: (StatementEntry) throws -> Void) throws {
        guard started else { throw problem(max(line, 1), "not an MT940 file: it holds no field (a statement starts with :20:)") }
        try emitPending(entry: entry)
        if let open = statement, !open.closed {
            throw problem(line, "the file ended inside a statement without :62F: (the statement from line \(open.line))")
        }
    }

    private func openStatement(for field: MT940Field) throws -> Statement {
        guard let open = statement, !open.closed else {
            throw problem(field.line, "a :\(field.tag): after the closing balance :62F: of the statement from line "
                          + "\(statement?.line ?? 0); a new statement starts with :20:")
        }
        return open
    }

    private mutating func emitPending(entry: (StatementEntry) throws -> Void) throws {
        guard let pending, var open = statement, let balance = open.balance else { return }
        self.pending = nil
        let line = pending.line
        let details = MT940Details(lines: pending.details)
        let direction = line.mark.direction
        let statementEntry = StatementEntry(
            amount: line.amount, direction: direction, reversal: line.mark.isReversal || details.isReversal,
            bookingDate: line.bookingDate, valueDate: line.valueDate, bankReference: line.bankReference,
            endToEndReference: details.endToEndReference ?? line.customerReference, remittance: details.remittance,
            creditorReferences: details.creditorReferences, counterpartyName: details.counterpartyName ?? details.onBehalfOf,
            counterpartyAccount: details.counterpartyAccount, position: StatementPosition(entry: pending.position))
        do {
            open.balance = direction == .credit ? try balance + line.amount : try balance - line.amount
        } catch {
            throw problem(pending.lineNumber, ":61: the running balance cannot be computed: \(error)")
        }
        statement = open
        try reporting(at: pending.lineNumber) { try entry(statementEntry) }
    }

    /// Parses a field's text, placing a problem at its line and column; `named` starts the message.
    private func parse<T>(_ field: MT940Field, named: String, _ body: (String) throws(MT940FieldError) -> T) throws(FileProblem) -> T {
        do { return try body(field.value) } catch {
            throw FileProblem(file: file, line: field.line, column: field.textColumn + error.offset, message: named + error.message)
        }
    }

    /// Runs a handler, placing what it throws (an unknown account, another currency) at `line`.
    private func reporting(at line: Int, _ body: () throws -> Void) throws {
        do { try body() } catch let problem as FileProblem { throw self.problem(line, problem.message) } catch {
            throw problem(line, String(describing: error))
        }
    }

    private func problem(_ line: Int, _ message: String) -> FileProblem {
        FileProblem(file: file, line: line, column: 1, message: message)
    }
}
