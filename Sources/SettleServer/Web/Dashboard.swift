import Hummingbird
import SettleApp
import SettleCore
import SettleStore

/// The dashboard: what is owed and overdue per currency by age (a bar chart drawn on the server),
/// DSO and CEI of the last three months with their 12-month trend, the 13-week cash forecast
/// band, and what needs a person (promises due this week, open disputes, failed messages, bank
/// entries waiting). Admins run today's cycle from here.
struct Dashboard {
    let user: WebApp.SignedIn

    struct CycleForm: Decodable {
        var csrf: String?
    }

    func page(_ pages: WebPages, frame: [String: Any], notice: String? = nil) async throws -> Response {
        let settle = user.settle
        let today = settle.today(for: try await settle.organisation())
        let aging = try await settle.agingReport(asOf: today)
        let metrics = try await settle.collectionMetrics(from: today.adding(days: -89), to: today, convert: false)
        let forecast = try await settle.cashForecast(asOf: today)
        let attention = try await settle.attention()
        let rows: [[String: Any]] = aging.totals.map { amounts in
            let overdue = amounts.total.minorUnits - amounts[.current].minorUnits
            return ["currency": amounts.currency.code, "current": amounts[.current].decimalString, "d1": amounts[.days1To30].decimalString,
                    "d31": amounts[.days31To60].decimalString, "d61": amounts[.days61To90].decimalString,
                    "d90": amounts[.over90].decimalString, "total": amounts.total.decimalString,
                    "overdue": Money(minorUnits: overdue, currency: amounts.currency).decimalString]
        }
        let figures: [[String: Any]] = metrics.currencies.map { currency in
            ["currency": currency.currency.code, "dso": currency.period.standardDSO?.description ?? "n/a",
             "cei": currency.period.collectionEffectivenessIndex?.description ?? "n/a",
             "trend": currency.trend.map { month in
                 ["month": String(month.figures.to.description.prefix(7)), "dso": month.standardDSO?.description ?? "n/a",
                  "cei": month.collectionEffectivenessIndex?.description ?? "n/a"]
             },
             "chart": DashboardCharts.trend(currency.trend, currency: currency.currency.code)]
        }
        let currencies = forecast.totals.map(\.currency)
        let bands: [[String: Any]] = currencies.map { currency in
            ["currency": currency.code, "chart": DashboardCharts.band(forecast, currency: currency),
             "weeks": forecast.weeks.compactMap { week -> [String: Any]? in
                 guard let amounts = week.amounts.first(where: { $0.currency == currency }) else { return nil }
                 return ["from": week.from.description, "low": amounts.low.decimalString, "expected": amounts.expected.decimalString,
                         "high": amounts.high.decimalString]
             }]
        }
        return pages.render("dashboard", title: "Dashboard", values: [
            "today": today.description, "aging": rows, "metrics": figures, "chart": aging.totals.first.map(DashboardCharts.aging) as Any,
            "forecast": bands, "promises": attention.promisesDueThisWeek, "disputes": attention.openDisputes,
            "failed": attention.failedMessages, "unmatched": attention.unmatchedEntries, "suggested": attention.suggestedEntries,
            "mayRun": user.session.user.role.may(.manage), "csrf": user.session.csrfToken, "notice": notice as Any,
        ], frame: frame)
    }

    /// Runs today's cycle now (admins): the actions it decides, and the messages rendered into the
    /// outbox for delivery. A second run the same day decides nothing new.
    func runCycle(_ form: CycleForm, pages: WebPages, frame: [String: Any]) async throws -> Response {
        try WebForm.requireToken(form.csrf, user)
        guard user.session.user.role.may(.manage) else { throw HTTPError(.forbidden, message: "your role may not run the cycle") }
        let result = try await user.settle.collect(dryRun: false, listSkipped: false)
        let queued = try await user.settle.queueMessages()
        return try await page(pages, frame: frame, notice: "The cycle of \(result.asOf) ran: \(result.actions.count) actions, "
                              + "\(queued.queued) messages ready to go, \(result.tasks.count) tasks.")
    }
}
