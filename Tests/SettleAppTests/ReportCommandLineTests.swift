import Foundation
import Testing

/// `settle fx`, `settle report metrics|promises` and `settle export` as a user runs them.
@Suite(.serialized) struct ReportCommandLineTests {
    let cli = CommandLineTests()

    /// Worked example 4's book (EUR) with a USD invoice beside it.
    func book(in folder: URL) throws {
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        let files = [
            "clients.csv": "id,name,kind,country,terms\nACME,\"Acme, Inc\",business,US,net 30\n",
            "invoices.csv": MetricsReportTests.example4Invoices + "U-1,ACME,2024-03-05,2024-04-04,USD,2000.00,dollars\n",
            "payments.csv": MetricsReportTests.example4Payments,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        for kind in ["clients", "invoices", "payments"] {
            #expect(try cli.settle(["import", kind, "\(kind).csv"], in: folder).status == 0)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func metricsConvertedWithExchangeRates() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try book(in: folder)
        let quarter = ["report", "metrics", "--from", "2024-01-01", "--to", "2024-03-31"]

        let perCurrency = try cli.settle(quarter, in: folder)
        #expect(perCurrency.status == 0)
        #expect(perCurrency.output.contains("  CEI %                         55.93\n"))
        #expect(perCurrency.output.contains("\nUSD\n"))

        let missing = try cli.settle(quarter + ["--convert"], in: folder)
        #expect(missing.status == 1 && missing.output.isEmpty)
        #expect(missing.errors == "settle: no exchange rate for USD on or before 2024-03-31 (to convert into EUR); "
            + "add one with: settle fx add USD 2024-03-31 RATE (RATE = EUR for 1 USD)\n")

        let added = try cli.settle(["fx", "add", "usd", "2024-03-31", "0.92150"], in: folder)
        #expect(added.status == 0 && added.output == "1 USD = 0.9215 EUR from 2024-03-31\n")
        #expect(try cli.settle(["fx", "add", "USD", "2024-03-31", "0.9215"], in: folder).output
            == "1 USD = 0.9215 EUR from 2024-03-31 (replaced the rate of that day)\n")
        #expect(try cli.settle(["fx", "list", "--format", "csv"], in: folder).output == "currency,day,rate,into\nUSD,2024-03-31,0.9215,EUR\n")

        let converted = try cli.settle(quarter + ["--convert", "--format", "json"], in: folder)
        #expect(converted.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(converted.output.utf8)) as? [String: Any])
        #expect(json["converted_into"] as? String == "EUR")
        #expect(json["rates"] as? [[String: String]] == [["currency": "USD", "day": "2024-03-31", "rate": "0.9215"]])
        let currencies = try #require(json["currencies"] as? [[String: Any]])
        #expect(currencies.count == 1 && currencies.first?["currency"] as? String == "EUR")
        let period = try #require(currencies.first?["period"] as? [String: Any])
        // AR 6340 + 2000 * 0.9215 = 8183.00; sales 10890 + 1843 = 12733.00;
        // CEI (3 * 6200 + 12733 - 3 * 8183) / (3 * 6200 + 12733 - 3 * 5433) = 6784 / 15034 = 45.12.
        #expect(period["ending_ar"] as? String == "8183.00" && period["credit_sales"] as? String == "12733.00")
        #expect(period["cei"] as? String == "45.12" && period["days"] as? Int == 91 && period["months"] as? Int == 3)
        #expect((currencies.first?["trend"] as? [[String: Any]])?.count == 12)
        // Undefined figures are null: nothing was sold in April 2023.
        let april2023 = try #require((currencies.first?["trend"] as? [[String: Any]])?.first)
        #expect(april2023["dso"] is NSNull && april2023["countback_dso"] as? String == "0.00")

        let csv = try cli.settle(quarter + ["--format", "csv"], in: folder)
        let lines = csv.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "currency,scope,from,to,days,months,beginning_ar,ending_ar,ending_current_ar,credit_sales,collections,"
            + "write_offs,dso,countback_dso,best_possible_dso,average_days_delinquent,cei,collection_rate,invoices_paid,"
            + "average_days_to_pay,paid_on_time,rates")
        #expect(lines.count == 1 + 2 * 13)
        #expect(lines[1] == "EUR,period,2024-01-01,2024-03-31,91,3,6200.00,6340.00,3590.00,10890.00,10750.00,0.00,"
            + "52.98,52.65,30.00,22.98,55.93,62.90,2,38.00,50.00,")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func exportsAndPromises() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try book(in: folder)
        let invoices = try cli.settle(["export", "invoices", "--from", "2024-03-01", "--to", "2024-03-31"], in: folder)
        #expect(invoices.status == 0)
        #expect(invoices.output == """
            number,client,client_name,issue_date,due_date,currency,amount,balance,status
            U-1,ACME,"Acme, Inc",2024-03-05,2024-04-04,USD,2000.00,2000.00,open
            M-1,ACME,"Acme, Inc",2024-03-15,2024-04-14,EUR,3630.00,3590.00,partially_paid

            """)
        let payments = try cli.settle(["export", "payments", "--from", "2024-01-01", "--to", "2024-03-31", "--format", "json"], in: folder)
        #expect(payments.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(payments.output.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["date"] as? String } == ["2024-01-20", "2024-02-05", "2024-03-01", "2024-03-20"])
        #expect(rows.last?["allocations"] as? [[String: String]] == [["invoice": "M-1", "amount": "40.00"]])
        #expect(rows.last?["unapplied"] as? String == "0.00" && rows.last?["client_name"] as? String == "Acme, Inc")
        #expect(rows.last?["reversed_on"] is NSNull && rows.first?["invoice"] as? String == "O-1")
        let empty = try cli.settle(["export", "actions", "--from", "2024-01-01", "--to", "2024-03-31", "--format", "json"], in: folder)
        let nothing = try JSONSerialization.jsonObject(with: Data(empty.output.utf8)) as? [Any]
        #expect(empty.status == 0 && nothing?.isEmpty == true)
        #expect(try cli.settle(["export", "actions", "--from", "2024-01-01", "--to", "2024-03-31"], in: folder).output
            == "day,client,invoice,stage,kind,tone,status,reason\n")
        let timeline = try cli.settle(["export", "timeline", "--from", "2024-03-20", "--to", "2024-03-20"], in: folder)
        #expect(timeline.output == """
            client,day,kind,invoice,summary,detail
            ACME,2024-03-20,payment,M-1,"Payment of 40.00 EUR received (bank transfer, reference part)",payment 4
            ACME,2024-03-20,allocation,M-1,40.00 EUR of payment 4 applied to principal,

            """)

        let promises = try cli.settle(["report", "promises", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "csv"], in: folder)
        #expect(promises.status == 0)
        #expect(promises.output.hasPrefix("section,name,count,amounts,value\npromises,made,0,,\npromises,open,0,,\n"))
        #expect(promises.output.contains("disputes,open_at_end,0,,\n"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func badInputIsAUsageErrorOrAnInputError() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let run = try cli.settle(arguments, in: folder)
            return (run.status, run.errors)
        }
        let backwards = try run(["report", "metrics", "--from", "2024-03-31", "--to", "2024-03-01"])
        #expect(backwards.0 == 2 && backwards.1.contains("--from 2024-03-31 is after --to 2024-03-01"))
        let notADay = try run(["report", "promises", "--from", "2024-02-30", "--to", "2024-03-31"])
        #expect(notADay.0 == 2 && notADay.1.contains("--from: \"2024-02-30\" is not a date (expected YYYY-MM-DD, such as 2024-03-31)"))
        #expect(try run(["report", "metrics", "--from", "2024-03-01"]).0 == 2)
        #expect(try run(["export", "ledgers", "--from", "2024-03-01", "--to", "2024-03-31"]).0 == 2)
        #expect(try run(["export", "invoices", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "table"]).0 == 2)

        let zero = try run(["fx", "add", "USD", "2024-03-31", "0"])
        #expect(zero == (1, "settle: an exchange rate must be more than zero, not \"0\"\n"))
        let words = try run(["fx", "add", "USD", "2024-03-31", "0,92"])
        #expect(words == (1, "settle: \"0,92\" is not an exchange rate (expected a positive decimal number such as 0.9215)\n"))
        let unknown = try run(["fx", "add", "USX", "2024-03-31", "1.1"])
        #expect(unknown == (1, "settle: unknown currency \"USX\" (expected an ISO 4217 code such as EUR, USD, JPY)\n"))
        let own = try run(["fx", "add", "EUR", "2024-03-31", "1"])
        #expect(own == (1, "settle: EUR is the organisation's own currency: it needs no exchange rate\n"))
        let badDay = try run(["fx", "add", "USD", "31.03.2024", "1.1"])
        #expect(badDay == (1, "settle: \"31.03.2024\" is not a date (expected YYYY-MM-DD, such as 2024-03-31)\n"))
        #expect(try run(["fx", "add", "USD", "2024-03-31"]).0 == 2)
        #expect(try cli.settle(["fx", "list"], in: folder).output == "No exchange rates; add one with settle fx add CUR DAY RATE (EUR for 1 CUR).\n")
    }
}
