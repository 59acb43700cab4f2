import SettleCore

/// The dashboard's charts, drawn on the server as inline SVG, each with a text alternative.
enum DashboardCharts {
    /// A bar per aging bucket of one currency.
    static func aging(_ amounts: AgingAmounts) -> String {
        let largest = max(AgingBucket.allCases.map { amounts[$0].minorUnits }.max() ?? 0, 1)
        let bars = AgingBucket.allCases.enumerated().map { index, bucket -> String in
            let height = Int(amounts[bucket].minorUnits * 100 / largest)
            let x = 10 + index * 60
            return """
                <rect x="\(x)" y="\(110 - height)" width="40" height="\(height)" fill="#1d3557"></rect>\
                <text x="\(x + 20)" y="128" text-anchor="middle" font-size="11">\(bucket.rawValue)</text>
                """
        }.joined()
        let description = AgingBucket.allCases.map { "\($0.rawValue): \(amounts[$0].decimalString)" }.joined(separator: ", ")
        return svg(label: "Owed in \(amounts.currency.code) by days past due: \(description)", width: 320, height: 135, bars)
    }

    /// DSO month by month (oldest first), as a line.
    static func trend(_ months: [CollectionMetrics], currency: String) -> String {
        let ordered = months.sorted { $0.figures.to < $1.figures.to }
        let values = ordered.map { $0.standardDSO?.hundredths }
        let largest = max(values.compactMap { $0 }.max() ?? 0, 1)
        let points = values.enumerated().compactMap { index, value -> String? in
            guard let value else { return nil }
            return "\(10 + index * 25),\(110 - Int(value * 100 / largest))"
        }.joined(separator: " ")
        let labels = ordered.enumerated().map { index, month in
            "<text x=\"\(10 + index * 25)\" y=\"128\" text-anchor=\"middle\" font-size=\"9\">\(month.figures.to.month)</text>"
        }.joined()
        let description = ordered.map { "\($0.figures.to.description.prefix(7)): \($0.standardDSO?.description ?? "n/a")" }.joined(separator: ", ")
        return svg(label: "DSO in days, \(currency), month by month: \(description)", width: 300, height: 135,
                   "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#1d3557\" stroke-width=\"2\"></polyline>\(labels)")
    }

    /// The 13 weeks' band from low to high with the expected line, for one currency.
    static func band(_ forecast: CashForecast, currency: Currency) -> String {
        let weeks = forecast.weeks.compactMap { week in week.amounts.first { $0.currency == currency }.map { (week, $0) } }
        let largest = max(weeks.map(\.1.high.minorUnits).max() ?? 0, 1)
        func y(_ money: Money) -> Int { 110 - Int(money.minorUnits * 100 / largest) }
        func x(_ index: Int) -> Int { 10 + index * 22 }
        let upper = weeks.enumerated().map { "\(x($0.offset)),\(y($0.element.1.high))" }
        let lower = weeks.enumerated().reversed().map { "\(x($0.offset)),\(y($0.element.1.low))" }
        let expected = weeks.enumerated().map { "\(x($0.offset)),\(y($0.element.1.expected))" }.joined(separator: " ")
        let description = weeks.map { "week of \($0.0.from): \($0.1.low.decimalString) to \($0.1.high.decimalString), expected \($0.1.expected.decimalString)" }
            .joined(separator: "; ")
        return svg(label: "Cash expected in \(currency.code) over 13 weeks: \(description)", width: 300, height: 120,
                   "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#a8c5e6\"></polygon>"
                   + "<polyline points=\"\(expected)\" fill=\"none\" stroke=\"#1d3557\" stroke-width=\"2\"></polyline>")
    }

    static func svg(label: String, width: Int, height: Int, _ content: String) -> String {
        "<svg role=\"img\" aria-label=\"\(WebErrorPage.escape(label))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">\(content)</svg>"
    }
}
