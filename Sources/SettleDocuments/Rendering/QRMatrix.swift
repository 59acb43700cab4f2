import CCairo
import CQREncode
import Foundation

/// The modules of a QR code made by libqrencode: byte mode, error correction level M (what the
/// EPC payment code asks for), the smallest version that holds the data.
struct QRMatrix {
    /// Modules per side, without the quiet zone.
    let width: Int
    /// Row by row, true for a dark module.
    let modules: [Bool]

    init(encoding bytes: [UInt8]) throws(DocumentError) {
        errno = 0
        let encoded = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M)
        }
        guard let code = encoded else {
            throw .qrCode(errno == ERANGE ? "\(bytes.count) bytes are more than a QR code holds"
                                          : "libqrencode failed (errno \(errno))")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        self.width = width
        // libqrencode's lowest bit of each module byte is 1 for dark; the other bits describe its role.
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    func isDark(row: Int, column: Int) -> Bool { modules[row * width + column] }

    /// The quiet zone the QR standard asks for around the code, in modules.
    static let quietZone = 4
}

extension PageCanvas {
    /// Draws `code` with its quiet zone as a `size`-point square whose top left corner is at `x`, `y`.
    /// Each run of dark modules in a row is one rectangle, so no seams show between modules.
    func qrCode(_ code: QRMatrix, x: Double, y: Double, size: Double) {
        let module = size / Double(code.width + 2 * QRMatrix.quietZone)
        let origin = (x: x + module * Double(QRMatrix.quietZone), y: y + module * Double(QRMatrix.quietZone))
        cairo_save(context)
        fill(x: x, y: y, width: size, height: size, gray: 1)
        cairo_set_source_rgb(context, 0, 0, 0)
        for row in 0..<code.width {
            var column = 0
            while column < code.width {
                guard code.isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < code.width && code.isDark(row: row, column: column) { column += 1 }
                cairo_rectangle(context, origin.x + Double(start) * module, origin.y + Double(row) * module,
                                Double(column - start) * module, module)
            }
        }
        cairo_fill(context)
        cairo_restore(context)
    }
}
