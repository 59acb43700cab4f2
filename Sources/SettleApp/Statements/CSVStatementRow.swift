import Foundation
import SettleCore

/// A mapping bound to a file's header row: where each mapped column is, and how a row becomes an entry.
struct CSVStatementRow {
    let mapping: StatementCSVMapping
    let file: String
    private let currency: RowCurrency
    private var fieldIndex: [String: Int] = [:]

    private enum RowCurrency {
        case fixed(Currency)
        case column(String)
    }

    /// The currency of every row, unless rows name their own.
    var fixedCurrency: Currency? {
        if case .fixed(let currency) = currency { currency } else { nil }
    }

    /// Finds the mapped columns in the header (names compared without case or surrounding spaces).
    init(header: CSVRecord, mapping: StatementCSVMapping, file: String) throws(FileProblem) {
        self.mapping = mapping
        self.file = file
        let names = header.fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
        for (role, column) in mapping.columns {
            let found = names.indices.filter { names[$0].caseInsensitiveCompare(column) == .orderedSame }
            guard let first = found.first else {
                throw FileProblem(file: file, line: header.line, column: 1,
                                  message: "the mapping '\(mapping.name)' expects a column '\(column)' (\(role)), "
                                    + "the header has: \(names.joined(separator: ", "))")
            }
            guard found.count == 1 else {
                throw FileProblem(file: file, line: header.line, column: header.fields[found[1]].column,
                                  message: "the header has the column '\(column)' \(found.count) times: which one is the \(role)?")
            }
            fieldIndex[column] = first
        }
        switch mapping.currency {
        case .column(let column): currency = .column(column)
        case .fixed(let code):
            do { currency = .fixed(try Currency(code: code)) } catch {
                throw FileProblem(file: file, line: header.line, column: 1, message: "the mapping '\(mapping.name)': \(error)")
            }
        }
    }

    /// The entry a data row says.
    func entry(_ record: CSVRecord, position: StatementPosition) throws(FileProblem) -> StatementEntry {
        let cells = Cells(record: record, file: file, fieldIndex: fieldIndex)
        let bookingDate = try date(cells.value(of: mapping.bookingDate), column: mapping.bookingDate, what: "booking date", cells: cells)
        guard let bookingDate else { throw cells.problem(at: mapping.bookingDate, "the booking date (column '\(mapping.bookingDate)') is empty") }
        let valueDate = try mapping.valueDate.flatMap { column throws(FileProblem) in
            try date(cells.value(of: column), column: column, what: "value date", cells: cells)
        }
        let currency: Currency
        switch self.currency {
        case .fixed(let fixed): currency = fixed
        case .column(let column):
            let code = try cells.value(of: column)
            do { currency = try Currency(code: code.uppercased()) } catch {
                throw cells.problem(at: column, "currency '\(code)' (column '\(column)') is unknown (an ISO 4217 code such as EUR)")
            }
        }
        let (amount, direction) = try movement(cells, currency: currency)
        let text = try mapping.text.map { column throws(FileProblem) in try cells.value(of: column) }.filter { !$0.isEmpty }
            .joined(separator: " ")
        return StatementEntry(
            amount: amount, direction: direction, bookingDate: bookingDate, valueDate: valueDate,
            bankReference: try mapping.bankReference.map { column throws(FileProblem) in try cells.value(of: column) }.nonEmpty,
            remittance: text.isEmpty ? [] : [text], creditorReferences: CreditorReference.references(in: text).map(\.value),
            counterpartyName: try mapping.counterpartyName.map { column throws(FileProblem) in try cells.value(of: column) }.nonEmpty,
            counterpartyAccount: try mapping.counterpartyAccount.map { column throws(FileProblem) in
                try cells.value(of: column).filter { $0 != " " }
            }.nonEmpty,
            position: position)
    }

    private func date(_ text: String, column: String, what: String, cells: Cells) throws(FileProblem) -> Day? {
        guard !text.isEmpty else { return nil }
        guard let day = mapping.dateFormat.day(text) else {
            throw cells.problem(at: column, "\(what) '\(text)' (column '\(column)') is not a date in the format \(mapping.dateFormat.rawValue)")
        }
        return day
    }

    /// The amount and its direction: from a signed column (negative is money out), or from a
    /// credit and a debit column of which exactly one holds an amount other than zero.
    private func movement(_ cells: Cells, currency: Currency) throws(FileProblem) -> (Money, StatementEntry.Direction) {
        switch mapping.amount {
        case .signed(let column):
            guard let amount = try money(cells, column: column, what: "amount", currency: currency) else {
                throw cells.problem(at: column, "the amount (column '\(column)') is empty")
            }
            return amount.isNegative ? (-amount, .debit) : (amount, .credit)
        case .split(let creditColumn, let debitColumn):
            let credit = try money(cells, column: creditColumn, what: "credit", currency: currency).flatMap { $0.isZero ? nil : $0 }
            let debit = try money(cells, column: debitColumn, what: "debit", currency: currency).flatMap { $0.isZero ? nil : $0 }
            switch (credit, debit) {
            case (let credit?, nil):
                guard !credit.isNegative else {
                    throw cells.problem(at: creditColumn, "the credit \(credit) (column '\(creditColumn)') is negative; "
                                        + "money out belongs in the debit column '\(debitColumn)'")
                }
                return (credit, .credit)
            case (nil, let debit?):
                return (debit.isNegative ? -debit : debit, .debit)
            case (nil, nil):
                throw cells.problem(at: creditColumn, "the row has no amount: the credit column '\(creditColumn)' "
                                    + "and the debit column '\(debitColumn)' are both empty")
            case (_?, _?):
                throw cells.problem(at: debitColumn, "both the credit column '\(creditColumn)' and the debit column "
                                    + "'\(debitColumn)' are filled: a row is one movement")
            }
        }
    }

    /// The amount in a column, nil when it is empty.
    private func money(_ cells: Cells, column: String, what: String, currency: Currency) throws(FileProblem) -> Money? {
        let text = try cells.value(of: column)
        guard !text.isEmpty else { return nil }
        guard let normalized = mapping.decimalSeparator.normalized(text) else {
            throw cells.problem(at: column, "\(what) '\(text)' (column '\(column)') is not a number with \(mapping.decimalSeparator.title)")
        }
        do { return try Money(parsing: normalized, currency: currency) } catch {
            if case .tooManyDecimals = error {
                throw cells.problem(at: column, "\(what) '\(text)' (column '\(column)') has more decimals than "
                                    + "\(currency.code) allows (\(currency.exponent))")
            }
            throw cells.problem(at: column, "\(what) '\(text)' (column '\(column)'): \(error)")
        }
    }
}

/// The fields of one data row, by mapped column, each placed at its line and column for problems.
private struct Cells {
    let record: CSVRecord
    let file: String
    let fieldIndex: [String: Int]

    /// The column's text without surrounding spaces.
    func value(of column: String) throws(FileProblem) -> String {
        let index = fieldIndex[column] ?? 0
        guard index < record.fields.count else {
            throw FileProblem(file: file, line: record.line, column: record.endColumn,
                              message: "the row has \(record.fields.count) fields and ends before the column '\(column)' "
                                + "(field \(index + 1) of the header)")
        }
        return record.fields[index].value.trimmingCharacters(in: .whitespaces)
    }

    func problem(at column: String, _ message: String) -> FileProblem {
        let index = fieldIndex[column] ?? 0
        let place = index < record.fields.count ? record.fields[index].column : record.endColumn
        return FileProblem(file: file, line: record.line, column: place, message: message)
    }
}

private extension Optional where Wrapped == String {
    /// Nil for an empty text.
    var nonEmpty: String? { flatMap { $0.isEmpty ? nil : $0 } }
}
