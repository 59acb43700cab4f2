import Foundation

/// The RFC 4180 rules a byte at a time, so that `CSVReader` (bytes in memory) and
/// `CSVRecordStream` (a file read in chunks) read CSV alike: quoted fields with `""` escapes and
/// line breaks, CRLF or LF line ends, empty lines skipped.
struct CSVRecordParser {
    enum Encoding {
        /// UTF-8 checked beforehand.
        case utf8
        /// A field that is not valid UTF-8 is ISO-8859-1 (banks' exports often are).
        case utf8OrLatin1
    }

    static let quote = UInt8(ascii: "\""), carriageReturn = UInt8(ascii: "\r"), lineFeed = UInt8(ascii: "\n")

    let file: String
    let delimiter: UInt8
    let encoding: Encoding
    /// The line being read (1 = the first).
    private(set) var line = 1
    private var column = 1
    private var fields: [CSVField] = []
    private var field: [UInt8] = []
    private var fieldColumn = 1
    private var recordLine = 1
    private var inQuotes = false
    /// A quote inside a quoted field: the end of the field, or the first of `""`.
    private var quotePending = false
    private var afterQuote = false
    /// A carriage return outside quotes: a line end if a line feed follows.
    private var returnPending = false
    private var quoteLine = 0
    private var quoteColumn = 0

    init(file: String, delimiter: UInt8 = UInt8(ascii: ","), encoding: Encoding) {
        self.file = file
        self.delimiter = delimiter
        self.encoding = encoding
    }

    /// Takes the next byte; returns the record it completes, if any.
    mutating func take(_ byte: UInt8) throws(FileProblem) -> CSVRecord? {
        if quotePending {
            quotePending = false
            if byte == Self.quote {
                field.append(byte)
                column += 1
                return nil
            }
            inQuotes = false
            afterQuote = true
        }
        if inQuotes {
            if byte == Self.quote {
                quotePending = true
                column += 1
                return nil
            }
            field.append(byte)
            if byte == Self.lineFeed {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            return nil
        }
        if returnPending {
            returnPending = false
            if byte != Self.lineFeed { try append(Self.carriageReturn) }
        }
        switch byte {
        case delimiter:
            finishField()
            column += 1
            fieldColumn = column
        case Self.carriageReturn:
            returnPending = true
        case Self.lineFeed:
            finishField()
            let record = fields.count == 1 && fields[0].value.isEmpty
                ? nil : CSVRecord(line: recordLine, fields: fields, endColumn: column)
            fields.removeAll(keepingCapacity: true)
            line += 1
            column = 1
            fieldColumn = 1
            recordLine = line
            return record
        case Self.quote:
            guard field.isEmpty, !afterQuote else {
                throw FileProblem(file: file, line: line, column: column,
                                  message: "unexpected quote inside a field (quote the whole field and double the quote: \"\"\"\")")
            }
            inQuotes = true
            quoteLine = line
            quoteColumn = column
            column += 1
        default:
            try append(byte)
        }
        return nil
    }

    /// The end of the input: the last record when no line end follows it.
    mutating func finish() throws(FileProblem) -> CSVRecord? {
        if quotePending {
            quotePending = false
            inQuotes = false
            afterQuote = true
        }
        if returnPending {
            returnPending = false
            try append(Self.carriageReturn)
        }
        if inQuotes {
            throw FileProblem(file: file, line: quoteLine, column: quoteColumn,
                              message: "unterminated quoted field (the quote opened here is never closed)")
        }
        guard !field.isEmpty || !fields.isEmpty || afterQuote else { return nil }
        finishField()
        defer { fields.removeAll() }
        return CSVRecord(line: recordLine, fields: fields, endColumn: column)
    }

    private mutating func append(_ byte: UInt8) throws(FileProblem) {
        if afterQuote {
            throw FileProblem(file: file, line: line, column: column, message: "unexpected text after a closing quote")
        }
        field.append(byte)
        if byte & 0xC0 != 0x80 { column += 1 }
    }

    private mutating func finishField() {
        let value = switch encoding {
        case .utf8: String(decoding: field, as: UTF8.self)
        case .utf8OrLatin1: TextLines.decode(field)
        }
        fields.append(CSVField(value: value, column: fieldColumn))
        field.removeAll(keepingCapacity: true)
        afterQuote = false
    }
}

/// CSV records read one at a time from a stream (a file of any size), with `CSVReader`'s rules;
/// `delimiter` may be `,`, `;` or a tab. Fields that are not UTF-8 are read as ISO-8859-1.
struct CSVRecordStream {
    private var chunks: StreamChunks
    private var parser: CSVRecordParser
    private var chunk: ArraySlice<UInt8> = []
    private var started = false
    private var ended = false

    init(_ stream: InputStream, file: String, delimiter: UInt8) {
        chunks = StreamChunks(stream, file: file)
        parser = CSVRecordParser(file: file, delimiter: delimiter, encoding: .utf8OrLatin1)
    }

    /// The next record, or nil at the end of the file.
    mutating func next() throws(FileProblem) -> CSVRecord? {
        while true {
            while let byte = chunk.popFirst() {
                if let record = try parser.take(byte) { return record }
            }
            guard !ended else { return nil }
            chunk = []
            guard let more = try chunks.next(line: parser.line) else {
                ended = true
                return try parser.finish()
            }
            chunk = more
            if !started {
                started = true
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk = chunk.dropFirst(3) }
            }
        }
    }
}
