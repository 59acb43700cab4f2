import Foundation

/// Reads an `InputStream` a chunk at a time, so that a large statement file is never held whole.
/// Opens the stream on the first read and closes it at the end.
struct StreamChunks {
    static let chunkSize = 64 * 1024

    let stream: InputStream
    let file: String
    private var buffer = [UInt8](repeating: 0, count: StreamChunks.chunkSize)
    private var opened = false
    private var finished = false

    init(_ stream: InputStream, file: String) {
        self.stream = stream
        self.file = file
    }

    /// The next bytes, or nil at the end; `line` names the place in a read error.
    mutating func next(line: Int) throws(FileProblem) -> ArraySlice<UInt8>? {
        guard !finished else { return nil }
        if !opened {
            stream.open()
            opened = true
        }
        let stream = stream
        let count = buffer.withUnsafeMutableBufferPointer { stream.read($0.baseAddress!, maxLength: $0.count) }
        guard count > 0 else {
            finished = true
            stream.close()
            guard count == 0 else {
                let reason = stream.streamError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
                throw FileProblem(file: file, line: line, column: 1, message: "cannot read the file: \(reason)")
            }
            return nil
        }
        return buffer[..<count]
    }
}

/// The lines of a text file read as a stream: LF or CRLF line ends; each line is UTF-8 or,
/// when it is not valid UTF-8, ISO-8859-1 (what older bank software writes); a UTF-8
/// byte-order mark at the start is dropped.
struct TextLines {
    /// Longer than any line of a statement format: a file without line breaks is not one.
    static let maximumLength = 1 << 20

    private var chunks: StreamChunks
    private var chunk: ArraySlice<UInt8> = []
    private var pending: [UInt8] = []
    /// The number of the line `next()` returned last (1 = the first).
    private(set) var number = 0

    init(_ stream: InputStream, file: String) {
        chunks = StreamChunks(stream, file: file)
    }

    mutating func next() throws(FileProblem) -> String? {
        while true {
            if let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                pending.append(contentsOf: chunk[..<newline])
                chunk = chunk[(newline + 1)...]
                return finishLine()
            }
            pending.append(contentsOf: chunk)
            chunk = []
            guard pending.count <= Self.maximumLength else {
                throw FileProblem(file: chunks.file, line: number + 1, column: 1,
                                  message: "line \(number + 1) is longer than \(Self.maximumLength) bytes: not a statement file")
            }
            guard let more = try chunks.next(line: number + 1) else {
                return pending.isEmpty ? nil : finishLine()
            }
            chunk = more
        }
    }

    private mutating func finishLine() -> String {
        number += 1
        var start = 0, end = pending.count
        if number == 1, pending.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if end > start, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let text = Self.decode(pending[start..<end])
        pending.removeAll(keepingCapacity: true)
        return text
    }

    /// UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (each byte its own character).
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }
}
