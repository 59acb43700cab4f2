import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// Large imports take the bulk path (COPY on PostgreSQL): the stored rows must be exactly
/// what a row-by-row insert stores, awkward characters included.
@Suite struct BulkImportTests {
    @Test(arguments: TestEngine.available)
    func twelveHundredInvoicesWithAwkwardText(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            var csv = invoicesHeader
            for index in 1...1200 {
                let description = index == 7 ? "\"tab\there, back\\slash, \"\"quoted\"\"\nand a new line\"" : "Work \(index)"
                csv += "B-\(index),ACME,2024-01-\(String(format: "%02d", index % 28 + 1)),,USD,\(index).25,\(description)\n"
            }
            let summary = try await settle.importCSV("invoices", csv)
            #expect(summary.rows == 1200)
            #expect(try await count("invoices", in: settle) == 1200)
            #expect(try await count("ledger_entries", in: settle) == 1200)
            let awkward = try await settle.invoiceDetail("B-7")
            #expect(awkward.stored.invoice.description == "tab\there, back\\slash, \"quoted\"\nand a new line")
            #expect(awkward.stored.summary.balance.total.decimalString == "7.25")
            #expect(awkward.stored.invoice.dueDate.description == "2024-02-07")
            #expect(awkward.stored.invoice.paymentReference.value == CreditorReference(invoiceNumber: "B-7").value)
            let total = try await settle.agingReport(asOf: try Day(parsing: "2024-12-31")).totals.first?.total
            // 1.25 + 2.25 + ... + 1200.25 = 720,600 + 300.00
            #expect(total?.decimalString == "720900.00")
            let again = await #expect(throws: ImportRejected.self) { _ = try await settle.importCSV("invoices", csv) }
            #expect(again?.problems.count == 1200)
        }
    }
}
