import Foundation
import SettleCore

/// Reads SWIFT MT940 customer statements line by line from a stream: a large file is never held
/// whole. Lines end in LF or CRLF and are UTF-8, or ISO-8859-1 where they are not valid UTF-8.
/// SWIFT block wrappers (`{1:...}{2:...}{4:` ... `-}`) and `-` separators between statements are
/// allowed. A file may hold several statements (`:20:` ... `:62F:`), each reported through
/// `account` before its entries; each `:61:` line becomes one `StatementEntry`, with what its
/// `:86:` says (see `MT940Details`). Problems are `FileProblem`s naming the file, the line and
/// column, and the field.
public enum MT940Reader {
    /// Reads `stream` (a file) and hands each statement's account and each entry over as it is read.
    public static func read(_ stream: InputStream, file: String, account: (StatementAccount) throws -> Void,
                            entry: (StatementEntry) throws -> Void) throws {
        var lines = TextLines(stream, file: file)
        var statements = MT940Statements(file: file)
        var field: MT940Field?
        func finishField() throws {
            guard let finished = field else { return }
            field = nil
            try statements.take(finished, account: account, entry: entry)
        }
        while let read = try lines.next() {
            var text = Substring(read)
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            if text.isEmpty { continue }
            if text.hasPrefix("{") {
                // A SWIFT header ({1:...}{2:...}{4:) or trailer ({5:...}): fields follow `{4:`.
                try finishField()
                guard let body = text.range(of: "{4:") else { continue }
                text = text[body.upperBound...]
                if text.isEmpty { continue }
            }
            if text == "-" || text.hasPrefix("-}") {
                try finishField()
                try statements.separator(line: lines.number, entry: entry)
            } else if let start = MT940Field.start(of: String(text)) {
                try finishField()
                field = MT940Field(tag: start.tag, line: lines.number, lines: [start.rest])
            } else if field != nil {
                field?.lines.append(String(text))
            } else {
                throw FileProblem(file: file, line: lines.number, column: 1,
                                  message: "not an MT940 file: line \(lines.number) is '\(text.prefix(40))' "
                                    + "where a statement starts with :20:")
            }
        }
        try finishField()
        try statements.finish(line: lines.number, entry: entry)
    }

    /// Reads bytes already in memory (tests, uploads).
    public static func read(_ data: Data, file: String, account: (StatementAccount) throws -> Void,
                            entry: (StatementEntry) throws -> Void) throws {
        try read(InputStream(data: data), file: file, account: account, entry: entry)
    }
}
