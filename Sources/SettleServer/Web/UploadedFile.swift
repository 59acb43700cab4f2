import Foundation
import MultipartKit

/// A file field of a `multipart/form-data` form: the file's name as the browser sent it (the last
/// path component only, at most 100 characters) and its bytes. A form without the file, or a URL-encoded
/// form, gives nil for it.
struct UploadedFile: Decodable, MultipartPartConvertible {
    var filename: String
    var bytes: [UInt8]

    init?(multipart part: MultipartPart) {
        filename = Self.filename(in: part.headers.first(name: "Content-Disposition") ?? "")
        bytes = Array(part.body.readableBytesView)
    }

    /// Only for the form's other fields; a file never arrives this way.
    init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a file is sent in a multipart form"))
    }

    var multipart: MultipartPart? { MultipartPart(body: bytes) }

    /// The `filename` parameter of a `Content-Disposition` header, without any folders a browser added.
    static func filename(in disposition: String) -> String {
        guard let range = disposition.range(of: "filename=") else { return "" }
        var value = disposition[range.upperBound...]
        if value.first == "\"" {
            value = value.dropFirst().prefix { $0 != "\"" }
        } else {
            value = value.prefix { $0 != ";" }
        }
        let name = value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(name.trimmingCharacters(in: .whitespacesAndNewlines).filter { !$0.isNewline }.prefix(100))
    }

    /// The file's name, or `fallback` when the browser gave none.
    func name(or fallback: String) -> String { filename.isEmpty ? fallback : filename }
}
