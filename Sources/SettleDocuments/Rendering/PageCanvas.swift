import CCairo
import SettleCore

/// Where documents are drawn: one PDF surface holding one or more documents, each starting on
/// a page of its own, with a cursor that moves down the page and breaks to a new page when the
/// next block does not fit. Lengths are PDF points (1/72 inch).
final class PageCanvas {
    let surface: PDFSurface
    var context: OpaquePointer { surface.context }
    let pango: OpaquePointer
    var fonts: [TextStyle.FontKey: OpaquePointer] = [:]

    private(set) var pageSize: PageSize
    /// The top of the next block.
    var y: Double = 0
    private(set) var pageInDocument = 0
    /// Footer of the current document: its title on the left, the page number on the right.
    private var footer = ""
    private var pageWord = ""
    /// Draws what a continued page repeats (a table's header), set while a table is drawn.
    var onNewPage: (() -> Void)?

    static let millimetre = 72 / 25.4
    let left = 25 * millimetre
    let right = 20 * millimetre
    let top = 15 * millimetre
    let bottom = 22 * millimetre

    var pageWidth: Double { pageSize.points.width }
    var pageHeight: Double { pageSize.points.height }
    var contentWidth: Double { pageWidth - left - right }
    /// The lowest point blocks may reach; the footer goes below it.
    var contentBottom: Double { pageHeight - bottom }

    init(pageSize: PageSize, title: String, created: Day) throws(DocumentError) {
        surface = try PDFSurface(pageSize: pageSize, title: title, created: created)
        self.pageSize = pageSize
        pango = pango_cairo_create_context(surface.context)
        // Unhinted metrics: text is laid out for print, not for screen pixels.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(pango, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(pango))
    }

    /// Starts a document on a fresh page of `pageSize`.
    func beginDocument(pageSize: PageSize, footer: String, pageWord: String) {
        self.pageSize = pageSize
        surface.setPageSize(pageSize)
        self.footer = footer
        self.pageWord = pageWord
        pageInDocument = 1
        y = top
    }

    /// Ends the current document's last page; with `duplex`, adds a blank page after an odd
    /// number of pages so the next document starts on the front of a sheet.
    func endDocument(duplex: Bool) {
        drawFooter()
        surface.showPage()
        if duplex && pageInDocument % 2 == 1 {
            surface.showPage()
        }
        onNewPage = nil
    }

    /// Breaks to a new page unless `height` more points fit on this one.
    func ensureSpace(_ height: Double) {
        if y + height > contentBottom { newPage() }
    }

    func newPage() {
        drawFooter()
        surface.showPage()
        pageInDocument += 1
        y = top
        onNewPage?()
    }

    /// A thin horizontal line across the content width at the cursor.
    func rule() {
        line(from: (left, y), to: (left + contentWidth, y))
    }

    /// A thin straight line.
    func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), gray: Double = 0.6) {
        cairo_save(context)
        cairo_set_source_rgb(context, gray, gray, gray)
        cairo_set_line_width(context, 0.5)
        cairo_move_to(context, start.x, start.y)
        cairo_line_to(context, end.x, end.y)
        cairo_stroke(context)
        cairo_restore(context)
    }

    /// A filled rectangle (table header backgrounds, QR modules).
    func fill(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        cairo_set_source_rgb(context, gray, gray, gray)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    private func drawFooter() {
        let baseline = pageHeight - bottom + 8 * Self.millimetre
        text(footer, x: left, y: baseline, width: contentWidth * 0.75, style: .footer)
        text("\(pageWord) \(pageInDocument)", x: left, y: baseline, width: contentWidth, style: .footer.aligned(.right))
    }
}
