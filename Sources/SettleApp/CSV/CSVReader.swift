import Foundation

/// A field of a CSV record and where it starts (1-based character column).
public struct CSVField: Sendable, Equatable {
    public var value: String
    public var column: Int
}

/// A record of a CSV file: the line it starts on and its fields.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [CSVField]
    /// The column just past the record's last character, for "missing field" messages.
    public var endColumn: Int
}

/// A problem found in a file, located like a compiler error: `FILE:LINE:COLUMN: message`.
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }

    public static func < (lhs: FileProblem, rhs: FileProblem) -> Bool {
        (lhs.line, lhs.column, lhs.message) < (rhs.line, rhs.column, rhs.message)
    }
}

/// Reads RFC 4180 CSV from bytes: quoted fields with `""` escapes and line breaks,
/// CRLF or LF line ends, an optional UTF-8 byte-order mark. The bytes must be UTF-8.
public enum CSVReader {
    public static func records(_ bytes: [UInt8], file: String) throws(FileProblem) -> [CSVRecord] {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        try checkUTF8(bytes, from: start, file: file)

        var records: [CSVRecord] = []
        var fields: [CSVField] = []
        var field: [UInt8] = []
        var line = 1
        var column = 1
        var fieldColumn = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 0
        var quoteColumn = 0
        var afterQuote = false
        var index = start

        func finishField() {
            fields.append(CSVField(value: String(decoding: field, as: UTF8.self), column: fieldColumn))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                        column += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    field.append(byte)
                }
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                finishField()
                column += 1
                fieldColumn = column
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                finishField()
                if !(fields.count == 1 && fields[0].value.isEmpty) {
                    records.append(CSVRecord(line: recordLine, fields: fields, endColumn: column))
                }
                fields.removeAll(keepingCapacity: true)
                line += 1
                column = 1
                fieldColumn = 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty, !afterQuote else {
                    throw FileProblem(file: file, line: line, column: column,
                                      message: "unexpected quote inside a field (quote the whole field and double the quote: \"\"\"\")")
                }
                inQuotes = true
                quoteLine = line
                quoteColumn = column
                column += 1
            default:
                if afterQuote {
                    throw FileProblem(file: file, line: line, column: column,
                                      message: "unexpected text after a closing quote")
                }
                field.append(byte)
                if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        if inQuotes {
            throw FileProblem(file: file, line: quoteLine, column: quoteColumn,
                              message: "unterminated quoted field (the quote opened here is never closed)")
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote {
            finishField()
            records.append(CSVRecord(line: recordLine, fields: fields, endColumn: column))
        }
        return records
    }

    /// Fails at the first byte that is not valid UTF-8, with its line and column.
    static func checkUTF8(_ bytes: [UInt8], from start: Int, file: String) throws(FileProblem) {
        var line = 1
        var column = 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid, length > 1 {
                valid = bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 }
                    && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            }
            guard valid else {
                throw FileProblem(file: file, line: line, column: column,
                                  message: String(format: "the file is not UTF-8 (byte 0x%02X); save it as UTF-8 and try again", byte))
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
    }
}
