import Foundation
import SettleApp
import SettleCore
import SettleStore
import SQLKit
import SettleTestSupport
import Testing

@Suite struct DemoTests {
    /// The demo's statement pays open invoices every way the matcher knows, and one entry nobody can place.
    @Test func demoStatementShowsCashApplication() async throws {
        try await withSettle(.sqlite, today: "2025-03-31") { settle in
            _ = try await settle.loadDemo(clients: 40, invoices: 400, seed: 7)
            let xml = try await settle.demoStatement()
            let read = try await settle.importStatement(InputStream(data: Data(xml.utf8)), file: "demo-statement.xml", dryRun: false)
            #expect(read.entries == 8 && read.account == "Demo current account")
            #expect(read.summary.applied == 4 && read.summary.suggested == 2 && read.summary.unmatched == 1 && read.summary.ignored == 1)
            let suggested = try await settle.reconciliation(status: .suggested)
            #expect(suggested.allSatisfy { $0.candidates.first?.reason.contains("the client's name") == true })
            // Asked again (a second `make demo` step), the account is not added twice.
            _ = try await settle.demoStatement()
            #expect(try await settle.bankAccounts().count == 1)
        }
    }

    /// The demo is a believable year of business, and the same seed always gives the same book.
    @Test(arguments: TestEngine.available)
    func demoIsDeterministicAndVaried(engine: TestEngine) async throws {
        let first = try await withSettle(engine, today: "2025-03-31") { settle in
            let summary = try await settle.loadDemo(clients: 40, invoices: 400, seed: 7)
            #expect(summary.hasPrefix("loaded 40 clients, 400 invoices"))
            let clients = try await settle.clients()
            #expect(Set(clients.map(\.client.country)) == ["GB", "DE", "FR", "NL", "US"])
            #expect(Set(clients.map(\.client.kind)) == [.business, .consumer])
            let invoices = try await settle.invoices(InvoiceFilter())
            let byStatus = Dictionary(grouping: invoices, by: \.status).mapValues(\.count)
            #expect((byStatus[.paid] ?? 0) > 200)
            #expect((byStatus[.partiallyPaid] ?? 0) > 10)
            #expect((byStatus[.open] ?? 0) > 30)
            #expect(Set(invoices.map(\.invoice.currency.code)) == ["EUR", "GBP", "USD"])
            let today = try Day(parsing: "2025-03-31")
            let overdue = try await settle.invoices(InvoiceFilter(overdueAsOf: today))
            #expect(overdue.contains { $0.invoice.daysPastDue(asOf: today) > 90 })
            let kinds = try await settle.database.sql.raw("SELECT DISTINCT kind FROM ledger_entries").all()
                .map { try $0.decode(column: "kind", as: String.self) }
            #expect(Set(kinds).isSuperset(of: ["principal", "allocation", "credit_note", "reversal"]))
            let credit = try await clients.asyncFlatMap { try await settle.payments(client: $0.client.code) }
            #expect(credit.contains { $0.unapplied.isPositive })
            return try await settle.agingReport(asOf: nil)
        }
        let again = try await withSettle(engine, today: "2025-03-31") { settle in
            _ = try await settle.loadDemo(clients: 40, invoices: 400, seed: 7)
            return try await settle.agingReport(asOf: nil)
        }
        #expect(first == again)
        #expect(first.totals.map(\.total.isPositive) == [true, true, true])
    }

    /// The demo book's client report, forecast and backtest run; the backtest's figures are printed. (The demo's
    /// clients pay at random invoice by invoice, a sixth of the invoices never: there is little habit to learn.)
    @Test(arguments: TestEngine.available)
    func forecastAndBacktestOnTheDemoBook(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2025-03-31") { settle in
            _ = try await settle.loadDemo(clients: 40, invoices: 400, seed: 7)
            let backtest = try await settle.forecastBacktest()
            print(ForecastTests.figures(backtest, title: "Demo book (\(engine), 40 clients, 400 invoices)"))
            #expect(backtest.accuracy.map(\.currency.code) == ["EUR", "GBP", "USD"])
            #expect(backtest.weeks.count == 3 * 13)
            #expect(backtest.accuracy.allSatisfy { $0.forecastError != nil && $0.naiveError != nil && $0.bandWidth != nil })
            let forecast = try await settle.cashForecast()
            #expect(forecast.weeks.count == 13 && forecast.weeks.allSatisfy { $0.amounts.count == 3 })
            #expect(forecast.totals.allSatisfy { $0.open.isPositive })
            let clients = try await settle.clientBehaviour()
            #expect(clients.clients.count == 40 && clients.clients.contains { $0.risk.score > 0 })
        }
    }

    @Test(arguments: TestEngine.available)
    func invoiceLinesAreStoredWithTheInvoice(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            let org = try await settle.organisation()
            let lines = [
                InvoiceLine(description: "Consulting", quantity: try Quantity(parsing: "7.5"),
                            unitPrice: try Money(parsing: "120.00", currencyCode: "USD"), taxRate: try Percentage(parsing: "8.875")),
                InvoiceLine(description: "Travel", quantity: try Quantity(parsing: "1"),
                            unitPrice: try Money(parsing: "45.10", currencyCode: "USD"), taxRate: Percentage(basisPoints: 0)),
            ]
            let total = try InvoiceLine.total(of: lines, currency: .USD)
            let invoice = Invoice(number: try InvoiceNumber("L-1"), client: "ACME", issueDate: try Day(parsing: "2024-03-01"),
                                  dueDate: try Day(parsing: "2024-03-31"), currency: .USD, lines: lines, total: total)
            let ids = try await ClientStore(settle.database.sql, orgID: org.id).lookup(["ACME"]).mapValues(\.id)
            try await InvoiceStore(settle.database.sql, orgID: org.id).insert([invoice], clientIDs: ids, now: settle.timestamp)
            let detail = try await settle.invoiceDetail("L-1")
            #expect(detail.lines == lines)
            #expect(detail.stored.summary.balance.total.decimalString == "1024.98") // 900.00 + 79.88 tax (79.875 half-up) + 45.10
        }
    }
}

extension Sequence {
    func asyncFlatMap<T>(_ transform: (Element) async throws -> [T]) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result += try await transform(element) }
        return result
    }
}
