import CCairo

/// A column of a table: its heading, how wide it is and how its cells align.
struct TableColumn {
    enum Width {
        /// As wide as its widest cell (and the longest word of its heading).
        case fit
        /// A share of what the fitted columns leave.
        case share(Double)
    }

    var title: String
    var width: Width
    var alignment = TextStyle.Alignment.left
}

/// One row of a table.
struct TableRow {
    var cells: [String]
    var bold = false
}

/// A label and its value, as in "Invoice number: 2024-017" or "Total: €1,190.00".
struct LabelledValue {
    var label: String
    var value: String
    var bold = false
}

extension PageCanvas {
    private static let cellPadding = 3.0

    /// A table across the content width at the cursor. Rows that do not fit go to the next
    /// page, which repeats the column headings.
    func table(_ columns: [TableColumn], rows: [TableRow]) {
        let widths = columnWidths(columns, rows: rows)
        var edges: [Double] = [left]
        for width in widths { edges.append(edges.last! + width) }
        func cellBox(_ index: Int) -> (x: Double, width: Double) {
            (edges[index] + Self.cellPadding, edges[index + 1] - edges[index] - 2 * Self.cellPadding)
        }
        func rowHeight(_ cells: [String], style: TextStyle) -> Double {
            var height = 0.0
            for (index, cell) in cells.enumerated() {
                let width = cellBox(index).width
                height = max(height, self.height(of: cell, width: width, style: style.aligned(columns[index].alignment)))
            }
            return height
        }
        func drawHeader() {
            let style = TextStyle(size: 8.5, bold: true)
            let height = rowHeight(columns.map(\.title), style: style)
            fill(x: left, y: y, width: contentWidth, height: height + 2 * Self.cellPadding, gray: 0.9)
            for (index, column) in columns.enumerated() {
                let (x, width) = cellBox(index)
                text(column.title, x: x, y: y + Self.cellPadding, width: width, style: style.aligned(column.alignment))
            }
            y += height + 3 * Self.cellPadding
        }
        ensureSpace(60)
        drawHeader()
        onNewPage = drawHeader
        for row in rows {
            let style = row.bold ? TextStyle.strong : TextStyle.body
            let height = rowHeight(row.cells, style: style)
            ensureSpace(height + Self.cellPadding)
            for (index, cell) in row.cells.enumerated() {
                let (x, width) = cellBox(index)
                text(cell, x: x, y: y, width: width, style: style.aligned(columns[index].alignment))
            }
            y += height + Self.cellPadding
        }
        onNewPage = nil
        rule()
        y += 2 * Self.cellPadding
    }

    /// Fitted columns take what their cells need; the others share the rest. When fitted columns
    /// would leave the others less than a fifth of the width, or there are no others, the fitted
    /// columns are scaled so the table spans the content width.
    private func columnWidths(_ columns: [TableColumn], rows: [TableRow]) -> [Double] {
        let header = TextStyle(size: 8.5, bold: true)
        var widths = columns.enumerated().map { index, column -> Double in
            guard case .fit = column.width else { return 0 }
            let words = column.title.split(separator: " ").map { naturalWidth(of: String($0), style: header) }
            let cells = rows.map { naturalWidth(of: $0.cells[index], style: $0.bold ? .strong : .body) }
            // Room to breathe beside the next column, and against rounding wrapping the widest cell.
            return (words + cells).max()! + 2 * Self.cellPadding + 4
        }
        let fitted = widths.reduce(0, +)
        let shares = columns.map { column -> Double in
            if case .share(let share) = column.width { return share }
            return 0
        }
        let totalShare = shares.reduce(0, +)
        let rest = totalShare > 0 ? max(contentWidth - fitted, contentWidth / 5) : 0
        let scale = (contentWidth - rest) / max(fitted, 1)
        for index in widths.indices {
            widths[index] = totalShare > 0 && shares[index] > 0 ? rest * shares[index] / totalShare : widths[index] * scale
        }
        return widths
    }

    /// Labels and values in two columns (the labels as wide as the widest needs, unless
    /// `labelShare` says what share of the width they get), in a box at `x` that is `width` wide, drawn from the
    /// cursor down (breaking to a new page when needed) when `y` is nil, else at that height
    /// without moving the cursor. Returns the height drawn.
    @discardableResult
    func labelledValues(_ rows: [LabelledValue], x: Double, width: Double, labelShare: Double? = nil,
                        valueAlignment: TextStyle.Alignment = .left, at fixedY: Double? = nil) -> Double {
        let labelColumn = labelShare.map { width * $0 } ?? min(width * 0.65, 2 * Self.cellPadding
            + (rows.map { naturalWidth(of: $0.label, style: $0.bold ? .strong : .body) }.max() ?? 0))
        let labelWidth = labelColumn - Self.cellPadding
        let valueWidth = width - labelColumn
        var top = fixedY ?? y
        let start = top
        for row in rows {
            let style = row.bold ? TextStyle.strong : TextStyle.body
            let valueStyle = style.aligned(valueAlignment)
            let height = max(self.height(of: row.label, width: labelWidth, style: style),
                             self.height(of: row.value, width: valueWidth, style: valueStyle))
            if fixedY == nil {
                ensureSpace(height)
                top = y
            }
            text(row.label, x: x, y: top, width: labelWidth, style: style)
            text(row.value, x: x + labelColumn, y: top, width: valueWidth, style: valueStyle)
            top += height + 2
            if fixedY == nil { y = top }
        }
        return top - start
    }
}
