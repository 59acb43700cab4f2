import Hummingbird
import SettleApp
import SettleCore

/// The dashboard: what is owed per currency by age (with a bar chart drawn on the server) and
/// DSO and CEI of the last three months.
struct Dashboard {
    let user: WebApp.SignedIn

    func page(_ pages: WebPages, frame: [String: Any]) async throws -> Response {
        let settle = user.settle
        let today = settle.today(for: try await settle.organisation())
        let aging = try await settle.agingReport(asOf: today)
        let metrics = try await settle.collectionMetrics(from: today.adding(days: -89), to: today, convert: false)
        let rows: [[String: Any]] = aging.totals.map { amounts in
            ["currency": amounts.currency.code, "current": amounts[.current].decimalString, "d1": amounts[.days1To30].decimalString,
             "d31": amounts[.days31To60].decimalString, "d61": amounts[.days61To90].decimalString,
             "d90": amounts[.over90].decimalString, "total": amounts.total.decimalString]
        }
        let figures: [[String: Any]] = metrics.currencies.map { currency in
            ["currency": currency.currency.code, "dso": currency.period.standardDSO?.description ?? "n/a",
             "cei": currency.period.collectionEffectivenessIndex?.description ?? "n/a"]
        }
        return pages.render("dashboard", title: "Dashboard", values: [
            "today": today.description, "aging": rows, "metrics": figures, "chart": aging.totals.first.map(Self.chart) as Any,
        ], frame: frame)
    }

    /// A bar per aging bucket of one currency, as inline SVG with a text alternative.
    static func chart(_ amounts: AgingAmounts) -> String {
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
        return """
            <svg role="img" aria-label="Owed in \(amounts.currency.code) by days past due: \(description)" viewBox="0 0 320 135" \
            width="320" height="135" xmlns="http://www.w3.org/2000/svg">\(bars)</svg>
            """
    }
}
