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
        var parser = CSVRecordParser(file: file, encoding: .utf8)
        var records: [CSVRecord] = []
        for byte in bytes[start...] {
            if let record = try parser.take(byte) { records.append(record) }
        }
        if let record = try parser.finish() { records.append(record) }
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
