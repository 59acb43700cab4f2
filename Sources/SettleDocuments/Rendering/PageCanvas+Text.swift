import CCairo

/// How a piece of text looks: size in points, weight, alignment within its box, grey level.
struct TextStyle: Hashable {
    enum Alignment: Hashable { case left, right, center }

    struct FontKey: Hashable {
        var size: Double
        var bold: Bool
    }

    var size: Double = 9.5
    var bold = false
    var alignment = Alignment.left
    /// 0 is black, 1 white.
    var gray = 0.0

    static let body = TextStyle()
    static let small = TextStyle(size: 8, gray: 0.25)
    static let footer = TextStyle(size: 7.5, gray: 0.4)
    static let senderLine = TextStyle(size: 7, gray: 0.35)
    static let heading = TextStyle(size: 11, bold: true)
    static let title = TextStyle(size: 15, bold: true)
    static let organisation = TextStyle(size: 16, bold: true)
    static let strong = TextStyle(bold: true)

    func aligned(_ alignment: Alignment) -> TextStyle {
        var style = self
        style.alignment = alignment
        return style
    }

    var fontKey: FontKey { FontKey(size: size, bold: bold) }
}

extension PageCanvas {
    /// DejaVu covers Latin, Greek and Cyrillic; WenQuanYi Micro Hei covers Chinese, Japanese and
    /// Korean. Fontconfig falls back further for anything else.
    static let fontFamilies = "DejaVu Sans,WenQuanYi Micro Hei"

    /// Draws `text` wrapped into a box `width` wide with its top at `y`; returns its height.
    @discardableResult
    func text(_ text: String, x: Double, y: Double, width: Double, style: TextStyle) -> Double {
        withLayout(text, width: width, style: style) { layout, height in
            cairo_set_source_rgb(context, style.gray, style.gray, style.gray)
            cairo_move_to(context, x, y)
            pango_cairo_show_layout(context, layout)
            return height
        }
    }

    /// The height `text` takes wrapped into `width`.
    func height(of text: String, width: Double, style: TextStyle) -> Double {
        withLayout(text, width: width, style: style) { _, height in height }
    }

    /// The width `text` takes on one line.
    func naturalWidth(of text: String, style: TextStyle) -> Double {
        withLayout(text, width: nil, style: style) { layout, _ in
            var width: Int32 = 0
            var height: Int32 = 0
            pango_layout_get_size(layout, &width, &height)
            return Double(width) / Double(PANGO_SCALE)
        }
    }

    /// A block of text across the content width at the cursor, moved whole to the next page
    /// when it does not fit; the cursor moves below it.
    func paragraph(_ text: String, style: TextStyle = .body, indent: Double = 0, spaceAfter: Double = 7) {
        guard !text.isEmpty else { return }
        let width = contentWidth - indent
        let height = height(of: text, width: width, style: style)
        ensureSpace(height)
        self.text(text, x: left + indent, y: y, width: width, style: style)
        y += height + spaceAfter
    }

    /// Empty space, unless at the top of a page.
    func space(_ height: Double) {
        if y > top { y += height }
    }

    private func withLayout<Result>(_ text: String, width: Double?, style: TextStyle,
                                    _ body: (OpaquePointer, Double) -> Result) -> Result {
        let layout = pango_layout_new(pango)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_font_description(layout, font(for: style))
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        }
        pango_layout_set_text(layout, text, -1)
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return body(layout, Double(height) / Double(PANGO_SCALE))
    }

    private func font(for style: TextStyle) -> OpaquePointer {
        if let font = fonts[style.fontKey] { return font }
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, Self.fontFamilies)
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        fonts[style.fontKey] = font
        return font
    }
}
