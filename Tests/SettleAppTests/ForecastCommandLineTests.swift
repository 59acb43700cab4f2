import Foundation
import Testing

/// `settle report clients` and `settle report forecast` as a user runs them on the demo book.
@Suite struct ForecastCommandLineTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func clientsForecastAndBacktestOnTheDemoBook() throws {
        let cli = CommandLineTests()
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        #expect(try cli.settle(["--as-of", "2025-03-31", "demo", "--clients", "20", "--invoices", "300"], in: folder).status == 0)
        let asOf = ["SETTLE_TODAY": "2025-03-31"]

        let client = try cli.settle(["report", "clients", "--client", "C1001"], in: folder, environment: asOf)
        #expect(client.status == 0)
        #expect(client.output.hasPrefix("Client payment behaviour as of 2025-03-31"))
        #expect(client.output.contains("Risk score of C1001: "))
        for factor in ["days_late", "share_late", "broken_promises", "overdue_exposure", "trend", "disputes"] {
            #expect(client.output.contains("\n\(factor) "))
        }
        let all = try cli.settle(["report", "clients", "--format", "json"], in: folder, environment: asOf)
        let clients = try JSONSerialization.jsonObject(with: Data(all.output.utf8)) as? [String: Any]
        let rows = clients?["clients"] as? [[String: Any]]
        #expect(rows?.count == 20)
        #expect((rows?.first?["risk"] as? [String: Any])?["factors"] as? [[String: Any]] != nil)

        let forecast = try cli.settle(["report", "forecast", "--format", "json"], in: folder, environment: asOf)
        #expect(forecast.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(forecast.output.utf8)) as? [String: Any]
        let weeks = json?["weeks"] as? [[String: Any]]
        #expect(weeks?.count == 13)
        #expect(weeks?.first?["from"] as? String == "2025-04-01" && weeks?.first?["to"] as? String == "2025-04-07")
        let amounts = weeks?.first?["amounts"] as? [[String: String]]
        #expect(amounts?.map { $0["currency"] } == ["EUR", "GBP", "USD"])
        #expect(amounts?.allSatisfy { Set($0.keys) == ["currency", "low", "expected", "high"] } == true)

        let backtest = try cli.settle(["report", "forecast", "--backtest", "--from", "2024-12-01"], in: folder, environment: asOf)
        #expect(backtest.status == 0)
        #expect(backtest.output.hasPrefix("Backtest: the forecast as of 2024-12-01"))
        #expect(backtest.output.contains("forecast_wape") && backtest.output.contains("WAPE = sum over weeks |actual - forecast|"))

        let tooLate = try cli.settle(["report", "forecast", "--backtest", "--from", "2025-03-01"], in: folder, environment: asOf)
        #expect(tooLate.status == 1 && tooLate.errors.contains("the latest is 2024-12-30"))
        #expect(try cli.settle(["report", "forecast", "--from", "2024-12-01"], in: folder, environment: asOf).status == 2)
    }
}
