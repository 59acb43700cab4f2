import Foundation
import HTTPTypes
import HummingbirdTesting
import SettleApp
import SettleCore
import SettleTestSupport
import Testing

/// The report operations through the API, on the book every resource exists in; their figures
/// are checked against each other and against the invoices of the book.
@Suite struct ReportsAPITests {
    @Test(arguments: TestEngine.available)
    func reportsAnswerWithTheirFiguresAndNameBadParameters(engine: TestEngine) async throws {
        try await withServer(engine) { client, settle in
            _ = try await fillAPIBook(settle)
            let viewer = "KEY-default-viewer"
            // Aging per country: the only client is in DE; its rows add up to the total of the client grouping.
            var answer = try await call(client, .get, "/reports/aging?group_by=country", key: viewer)
            let countryRows = answer.body["rows"] as? [[String: Any]] ?? []
            #expect(answer.body["group_by"] as? String == "country" && countryRows.map { $0["key"] as? String } == ["DE"], "\(answer.body)")
            #expect(countryRows.first?["client"] == nil)
            let total = countryRows.first?["total"] as? String
            answer = try await call(client, .get, "/reports/aging", key: viewer)
            #expect((answer.body["rows"] as? [[String: Any]])?.map { $0["client"] as? String } == ["D-ACME"])
            #expect((answer.body["totals"] as? [[String: Any]])?.first?["total"] as? String == total)
            // The invoices behind the row: every open invoice of D-ACME, oldest due first, their balances adding up to the row.
            answer = try await call(client, .get, "/reports/aging/invoices?group_by=client&key=D-ACME", key: viewer)
            let invoices = answer.body["items"] as? [[String: Any]] ?? []
            #expect(invoices.map { $0["number"] as? String } == ["D-OLD1", "D-OLD2", "D-OLD3", "D-MID", "D-1", "D/2"], "\(answer.body)")
            let summed = try invoices.reduce(Money.zero(.EUR)) { try $0 + Money(parsing: $1["balance"] as? String ?? "", currency: .EUR) }
            #expect(summed.decimalString == total)
            #expect(invoices.first?["days_past_due"] as? Int == 81 && invoices.first?["bucket"] as? String == "61-90")
            answer = try await call(client, .get, "/reports/aging/invoices?key=D-ACME&limit=2", key: viewer)
            #expect((answer.body["items"] as? [[String: Any]])?.count == 2)
            answer = try await call(client, .get, "/reports/aging/invoices?as_of=31.03.2024", key: viewer)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["as_of"])

            // Metrics of the first quarter: sales are the three invoices issued in it (150.00 + 100.00 + 250.50);
            // AR at the end is what the aging report says is owed on the same day.
            answer = try await call(client, .get, "/reports/metrics?from=2024-01-01&to=2024-03-31", key: viewer)
            let euro = (answer.body["currencies"] as? [[String: Any]])?.first
            let period = euro?["period"] as? [String: Any]
            #expect(euro?["currency"] as? String == "EUR" && period?["credit_sales"] as? String == "500.50", "\(answer.body)")
            #expect(period?["ending_ar"] as? String == total && period?["days"] as? Int == 91 && period?["months"] as? Int == 3)
            #expect((euro?["trend"] as? [Any])?.count == 12)
            answer = try await call(client, .get, "/reports/metrics?from=2024-04-01&to=2024-03-31", key: viewer)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["from"])
            answer = try await call(client, .get, "/reports/metrics?from=2024-01-01&to=soon", key: viewer)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["to"])

            // A promise made through the API shows in the promise report as open.
            answer = try await call(client, .post, "/invoices/D-1/promises", key: "KEY-default-collector", #"{"date":"2024-04-10"}"#)
            #expect(answer.status == .created, "\(answer.body)")
            answer = try await call(client, .get, "/reports/promises?from=2024-03-01&to=2024-03-31", key: viewer)
            #expect((answer.body["made"] as? [String: Any])?["count"] as? Int == 1, "\(answer.body)")
            let open = (answer.body["by_standing"] as? [[String: Any]])?.first { $0["standing"] as? String == "open" }
            #expect(open?["count"] as? Int == 1)

            // How D-ACME pays, with its risk and the six factors behind it; the approvals and the worklist carry the same score.
            answer = try await call(client, .get, "/reports/clients?client=D-ACME", key: viewer)
            let behaviour = (answer.body["items"] as? [[String: Any]])?.first
            let risk = behaviour?["risk"] as? [String: Any]
            let factors = risk?["factors"] as? [[String: Any]] ?? []
            #expect(behaviour?["client"] as? String == "D-ACME" && factors.count == 6, "\(answer.body)")
            #expect(factors.reduce(0) { $0 + ($1["points"] as? Int ?? 0) } == risk?["score"] as? Int)
            let exposure = (behaviour?["exposure"] as? [[String: Any]])?.first
            #expect(exposure?["currency"] as? String == "EUR" && exposure?["open"] as? String == total)
            answer = try await call(client, .get, "/approvals", key: viewer)
            #expect((answer.body["items"] as? [[String: Any]])?.allSatisfy { ($0["risk"] as? [String: Any])?["score"] as? Int == risk?["score"] as? Int } == true)
            answer = try await call(client, .get, "/tasks", key: viewer)
            #expect((answer.body["items"] as? [[String: Any]])?.allSatisfy { $0["risk"] as? Int == risk?["score"] as? Int } == true, "\(answer.body)")
            answer = try await call(client, .get, "/reports/clients?client=NOBODY", key: viewer)
            #expect(answer.status == .notFound)

            // The forecast: 13 weeks from the day after today, each band ordered low <= expected <= high.
            answer = try await call(client, .get, "/reports/forecast", key: viewer)
            let weeks = answer.body["weeks"] as? [[String: Any]] ?? []
            #expect(weeks.count == 13 && weeks.first?["from"] as? String == "2024-04-01" && weeks.last?["to"] as? String == "2024-06-30", "\(answer.body)")
            for band in weeks.flatMap({ $0["amounts"] as? [[String: Any]] ?? [] }) {
                let values = try ["low", "expected", "high"].map { try Money(parsing: band[$0] as? String ?? "", currency: .EUR).minorUnits }
                #expect(values == values.sorted(), "\(band)")
            }
            answer = try await call(client, .get, "/reports/forecast/backtest?from=2024-03-30", key: viewer)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["from"], "\(answer.body)")
            answer = try await call(client, .get, "/reports/forecast/backtest?from=2023-12-01", key: viewer)
            #expect(answer.status == .ok && (answer.body["accuracy"] as? [Any]) != nil, "\(answer.body)")

            // Effectiveness: the cycle of 2024-03-31 acted on every overdue invoice; none was paid since.
            answer = try await call(client, .get, "/reports/effectiveness?from=2024-03-01&to=2024-03-31&by=channel", key: viewer)
            let rows = answer.body["rows"] as? [[String: Any]] ?? []
            #expect(answer.body["by"] as? String == "channel" && !rows.isEmpty, "\(answer.body)")
            #expect(rows.allSatisfy { ($0["reached"] as? Int ?? 0) > 0 && $0["paid_within_30_days"] as? Int == 0 })
            answer = try await call(client, .get, "/reports/effectiveness?from=2024-04-01&to=2024-03-01", key: viewer)
            #expect(answer.status == .unprocessableContent && problemFields(answer.body) == ["from"])
        }
    }
}
