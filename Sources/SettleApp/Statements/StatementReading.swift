import Foundation
import SettleCore

/// The statement file formats Settle reads.
public enum StatementFormat: String, Sendable, Hashable, CaseIterable {
    /// ISO 20022 bank-to-customer statement.
    case camt053
    /// ISO 20022 bank-to-customer debit/credit notification.
    case camt054
    /// SWIFT MT940 customer statement.
    case mt940
    /// A bank's CSV export, read through a saved column mapping.
    case csv

    /// As people write it: `camt.053`, `MT940`, `CSV`.
    public var title: String {
        switch self {
        case .camt053: "camt.053"
        case .camt054: "camt.054"
        case .mt940: "MT940"
        case .csv: "CSV"
        }
    }
}

/// Reads a statement file in any format Settle knows with the reader for it, handing over each
/// account header and entry as it is read.
public enum StatementReading {
    /// How many bytes are looked at to tell the format.
    static let sniffLength = 64

    /// Reads `stream` in `format` or, when none is given, in the format its first bytes show: `<`
    /// is camt (.053 or .054, as the document says), `:20:` or `{1:` MT940. A CSV file needs its
    /// mapping, and a mapping means CSV. camt053 or camt054 given must be what the file holds.
    /// Returns the format read.
    @discardableResult
    public static func read(_ stream: InputStream, file: String, format: StatementFormat?, mapping: StatementCSVMapping?,
                            account: (StatementAccount) throws -> Void, entry: (StatementEntry) throws -> Void) throws -> StatementFormat {
        switch (format, mapping) {
        case (.csv, nil):
            throw InputError("a CSV statement is read through a saved mapping: give --mapping NAME (see `settle bank mapping list`)")
        case (.csv, let mapping?), (nil, let mapping?):
            try CSVStatementReader.read(stream, file: file, mapping: mapping, account: account, entry: entry)
            return .csv
        case (let format?, _?):
            throw InputError("a mapping is for CSV files, not for \(format.title)")
        case (.mt940, nil):
            try MT940Reader.read(stream, file: file, account: account, entry: entry)
            return .mt940
        case (.camt053, nil), (.camt054, nil):
            return try readCamt(stream, file: file, expecting: format == .camt053 ? .statement : .notification,
                                account: account, entry: entry)
        case (nil, nil):
            let (start, whole) = try beginning(of: stream, file: file)
            if try isCamt(start, file: file) {
                return try readCamt(whole, file: file, expecting: nil, account: account, entry: entry)
            }
            try MT940Reader.read(whole, file: file, account: account, entry: entry)
            return .mt940
        }
    }

    /// Reads bytes already in memory (tests, uploads).
    @discardableResult
    public static func read(_ data: Data, file: String, format: StatementFormat?, mapping: StatementCSVMapping?,
                            account: (StatementAccount) throws -> Void, entry: (StatementEntry) throws -> Void) throws -> StatementFormat {
        try read(InputStream(data: data), file: file, format: format, mapping: mapping, account: account, entry: entry)
    }

    private static func readCamt(_ stream: InputStream, file: String, expecting: CamtMessage?,
                                 account: (StatementAccount) throws -> Void, entry: (StatementEntry) throws -> Void) throws -> StatementFormat {
        try CamtReader.read(stream, file: file, expecting: expecting, account: account, entry: entry) == .statement ? .camt053 : .camt054
    }

    /// Whether the first bytes show camt (XML) or MT940; anything else is refused.
    static func isCamt(_ start: [UInt8], file: String) throws -> Bool {
        var bytes = start[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop { [0x20, 0x09, 0x0D, 0x0A].contains($0) }
        if bytes.first == UInt8(ascii: "<") { return true }
        if bytes.starts(with: Array(":20:".utf8)) || bytes.starts(with: Array("{1:".utf8)) { return false }
        let shown = String(decoding: bytes.prefix(20), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        throw FileProblem(file: file, line: 1, column: 1,
                          message: "the file starts with '\(shown)', neither camt (XML) nor MT940 (:20:); "
                            + "for a CSV file give --mapping NAME, or give --format")
    }

    /// The first bytes of the stream, and a stream that still gives the whole file.
    private static func beginning(of stream: InputStream, file: String) throws -> ([UInt8], InputStream) {
        var chunks = StreamChunks(stream, file: file)
        var start: [UInt8] = []
        while start.count < sniffLength, let chunk = try chunks.next(line: 1) { start += chunk }
        return (start, ReplayedInputStream(start, then: stream))
    }
}

/// Gives bytes already read from a stream, then the rest of that stream (which is open).
private final class ReplayedInputStream: InputStream {
    private let replayed: [UInt8]
    private var offset = 0
    private let rest: InputStream
    private var status = Stream.Status.notOpen

    init(_ replayed: [UInt8], then rest: InputStream) {
        self.replayed = replayed
        self.rest = rest
        super.init(data: Data())
    }

    override func open() { status = .open }
    override func close() {
        if rest.streamStatus != .closed { rest.close() }
        status = .closed
    }
    override var streamStatus: Stream.Status { status }
    override var streamError: (any Error)? { rest.streamError }
    override var hasBytesAvailable: Bool { offset < replayed.count || rest.hasBytesAvailable }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard offset < replayed.count else { return rest.streamStatus == .closed ? 0 : rest.read(buffer, maxLength: length) }
        let count = min(length, replayed.count - offset)
        replayed.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + offset, count: count) }
        offset += count
        return count
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
                            length: UnsafeMutablePointer<Int>) -> Bool { false }
}
