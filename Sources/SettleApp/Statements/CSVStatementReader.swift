import Foundation
import SettleCore

/// Reads a bank's CSV export as statement entries, record by record from a stream, the way a saved
/// `StatementCSVMapping` says: after the preamble the header row, then one entry per row. The file
/// does not say whose account it is: the mapping's account is reported once, with the mapping's
/// fixed currency (none when each row names its own). Problems are `FileProblem`s naming the file,
/// the line and column, and the mapped column.
public enum CSVStatementReader {
    public static func read(_ stream: InputStream, file: String, mapping: StatementCSVMapping,
                            account: (StatementAccount) throws -> Void, entry: (StatementEntry) throws -> Void) throws {
        var records = CSVRecordStream(stream, file: file, delimiter: UInt8(ascii: mapping.delimiter.character.unicodeScalars.first!))
        var header: CSVRecord?
        while let record = try records.next() {
            if record.line > mapping.skipRows {
                header = record
                break
            }
        }
        guard let header else {
            throw FileProblem(file: file, line: mapping.skipRows + 1, column: 1,
                              message: "the file ends before its header row (the mapping '\(mapping.name)' skips \(mapping.skipRows) lines)")
        }
        let row = try CSVStatementRow(header: header, mapping: mapping, file: file)
        try placing(file, line: header.line) {
            try account(StatementAccount(id: mapping.account, currency: row.fixedCurrency, statementID: nil))
        }
        var position = 0
        while let record = try records.next() {
            position += 1
            let statementEntry = try row.entry(record, position: StatementPosition(entry: position))
            try placing(file, line: record.line) { try entry(statementEntry) }
        }
    }

    /// Reads bytes already in memory (tests, uploads).
    public static func read(_ data: Data, file: String, mapping: StatementCSVMapping,
                            account: (StatementAccount) throws -> Void, entry: (StatementEntry) throws -> Void) throws {
        try read(InputStream(data: data), file: file, mapping: mapping, account: account, entry: entry)
    }

    /// Runs a handler, placing what it throws (an unknown account, another currency) at `line`.
    private static func placing(_ file: String, line: Int, _ body: () throws -> Void) throws {
        do { try body() } catch let problem as FileProblem {
            throw FileProblem(file: file, line: line, column: 1, message: problem.message)
        } catch {
            throw FileProblem(file: file, line: line, column: 1, message: String(describing: error))
        }
    }
}
