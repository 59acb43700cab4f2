import CCairo
import SettleCore

/// A Cairo PDF surface that writes into memory: documents are stored with the message that
/// carries them (DESIGN: documents and files), so no file is ever written.
final class PDFSurface {
    /// Collects the bytes Cairo writes; Cairo calls back with a pointer to it.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let sink = Sink()
    let surface: OpaquePointer
    let context: OpaquePointer

    /// A surface whose first page has `pageSize`; `created` fixes the creation date so the same
    /// input always gives the same bytes (Cairo would otherwise read the clock).
    init(pageSize: PageSize, title: String, created: Day) throws(DocumentError) {
        let (width, height) = pageSize.points
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, closure, width, height)
        context = cairo_create(surface)
        try check(cairo_surface_status(surface))
        try check(cairo_status(context))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Settle")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "\(created)T00:00:00Z")
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The page size of the pages drawn from now on; only before anything is drawn on a page.
    func setPageSize(_ pageSize: PageSize) {
        let (width, height) = pageSize.points
        cairo_pdf_surface_set_size(surface, width, height)
    }

    /// Ends the current page.
    func showPage() {
        cairo_show_page(context)
    }

    /// Writes out the document and returns its bytes.
    func finish() throws(DocumentError) -> [UInt8] {
        try check(cairo_status(context))
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
        return sink.bytes
    }

    private func check(_ status: cairo_status_t) throws(DocumentError) {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .rendering(String(cString: cairo_status_to_string(status)))
        }
    }
}
