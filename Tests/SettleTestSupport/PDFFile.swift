import Foundation

/// Reads rendered PDFs back with the tools a person would use: poppler-utils' `pdftotext`,
/// `pdfinfo` and `pdftoppm`, and zbar-tools' `zbarimg` (`make test` installs them through
/// scripts/ensure-deps.sh). Each PDF is written to a temporary folder removed afterwards.
public final class PDFFile {
    public let folder: URL
    public var path: String { folder.appendingPathComponent("document.pdf").path }

    public init(_ bytes: [UInt8]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("settle-pdf-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The text of the whole document, or of one page, in reading order. No-break and narrow
    /// no-break spaces are turned into plain spaces, so tests can write `1 234,50 €`.
    public func text(page: Int? = nil) throws -> String {
        let pages = page.map { ["-f", String($0), "-l", String($0)] } ?? []
        let output = try run("pdftotext", ["-enc", "UTF-8"] + pages + [path, "-"])
        return String(decoding: output, as: UTF8.self)
            .replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ")
    }

    /// What `pdfinfo` says under `field` (`Pages`, `Page size`, `Title`).
    public func info(_ field: String) throws -> String {
        let output = String(decoding: try run("pdfinfo", [path]), as: UTF8.self)
        for line in output.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
        }
        throw ToolError(description: "pdfinfo printed no \(field): \(output)")
    }

    public func pageCount() throws -> Int {
        guard let count = Int(try info("Pages")) else { throw ToolError(description: "no page count") }
        return count
    }

    /// The exact bytes of the QR code zbarimg finds on a page rendered at 200 dpi, nil when it
    /// finds none. (-Sbinary: the bytes as encoded, without zbar's guess at a character set. A
    /// page with two codes would give both run together, which no test expects.)
    public func qrCode(page: Int = 1) throws -> [UInt8]? {
        let image = folder.appendingPathComponent("page").path
        _ = try run("pdftoppm", ["-png", "-r", "200", "-f", String(page), "-l", String(page), "-singlefile", path, image])
        let output = try run("zbarimg", ["-q", "--raw", "-Sbinary", image + ".png"], allowedExits: [0, 4])
        return output.isEmpty ? nil : Array(output)
    }

    private func run(_ tool: String, _ arguments: [String], allowedExits: Set<Int32> = [0]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let messages = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard allowedExits.contains(process.terminationStatus) else {
            throw ToolError(description: "\(tool) exited \(process.terminationStatus) (is it installed? run scripts/ensure-deps.sh): "
                            + String(decoding: messages, as: UTF8.self))
        }
        return data
    }
}

public struct ToolError: Error, CustomStringConvertible {
    public var description: String
}
