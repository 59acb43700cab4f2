import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// `settle letters print`: the letters the cycle decided, as one PDF a person sends to the printer.
@Suite struct LettersTests {
    static let book = """
        id,name,kind,email,phone,country,time_zone,language,terms,address
        HALE,Hale & Sons Ltd,business,accounts@hale.example,,GB,Europe/London,en,net 30,12 Mill Lane|Leeds LS1 4AB|United Kingdom
        ØRST,Ørsted Bygg AS,business,post@orsted.example,,NO,Europe/Oslo,en,net 30,Storgata 5|0155 Oslo|Norway

        """

    @Test(arguments: TestEngine.available)
    func theDaysLettersArePrintedAndMarkedSent(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", Self.book)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                H-7,HALE,2024-01-01,2024-02-01,GBP,1200.00,Joinery
                O-3,ØRST,2024-01-01,2024-02-01,EUR,800.00,Survey

                """)
            _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(
                iban: "DE89 3704 0044 0532 0130 00", bic: "COBADEFFXXX", signature: "Anna Schmidt",
                senderEmail: "ar@acme.example", address: "Acme GmbH|Hauptstraße 1|10115 Berlin"))
            // 2024-03-02 is 30 days after the due date: the formal stage sends an email and a letter.
            let day = try reopened(settle, today: "2024-03-02")
            _ = try await day.collect(dryRun: false)
            _ = try await day.queueMessages()
            // Ørsted pays after the letters were queued, before they are printed.
            _ = try await day.importCSV("payments", paymentsHeader + "ØRST,2024-03-02,EUR,800.00,bank_transfer,,O-3\n")

            var written: [UInt8] = []
            let printed = try await day.printLetters(through: try Day(parsing: "2024-03-02")) { written = $0 }
            #expect(printed.letters.map(\.client) == ["HALE"])
            #expect(printed.cancelled.count == 1 && printed.cancelled.first?.reason == "O-3 was paid meanwhile")
            #expect(written == printed.pdf)

            let text = try PDFFile(written).text()
            for expected in ["Hale & Sons Ltd", "12 Mill Lane", "Leeds LS1 4AB", "Hauptstraße 1", "H-7", "1,200.00",
                             CreditorReference(invoiceNumber: "H-7").printed, "16 March 2024"] {
                #expect(text.contains(expected), "the letter shows \(expected):\n\(text)")
            }
            #expect(try PDFFile(written).info("Page size").contains("595"), "A4 for a German organisation")

            let letters = try await day.outbox().filter { $0.channel == .letter }
            let hale = try #require(letters.first { $0.recipient == "Hale & Sons Ltd" })
            #expect(hale.status == .sent)
            #expect(try PDFFile(try #require(hale.content)).text().contains("H-7"), "each letter's own PDF is kept")
            #expect(letters.first { $0.recipient == "Ørsted Bygg AS" }?.status == .cancelled)

            var again: [UInt8] = []
            let second = try await day.printLetters(through: try Day(parsing: "2024-03-02")) { again = $0 }
            #expect(second.letters.isEmpty && again.isEmpty, "a printed letter is not printed twice")
        }
    }

    @Test func invoiceStatementAndPlanAgreementPDFs() async throws {
        try await withSettle(.sqlite, today: "2024-03-10") { settle in
            _ = try await settle.importCSV("clients", Self.book)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                H-7,HALE,2024-01-01,2024-02-01,GBP,1200.00,Joinery
                H-8,HALE,2024-02-01,2024-03-02,GBP,300.00,Fittings

                """)
            _ = try await settle.importCSV("payments", paymentsHeader + "HALE,2024-03-05,GBP,200.00,bank_transfer,,H-7\n")
            let invoice = try PDFFile(try await settle.invoicePDF("H-7")).text()
            #expect(invoice.contains("H-7") && invoice.contains("1,200.00") && invoice.contains("1,000.00"), "\(invoice)")
            #expect(invoice.contains(CreditorReference(invoiceNumber: "H-7").printed))

            let statement = try PDFFile(try await settle.statementPDF(client: "HALE")).text()
            for expected in ["Hale & Sons Ltd", "12 Mill Lane", "H-7", "H-8", "1,000.00", "300.00", "1,300.00"] {
                #expect(statement.contains(expected), "the statement shows \(expected):\n\(statement)")
            }

            let plan = try await settle.createPlan(client: "HALE", invoices: ["H-7", "H-8"], instalments: 2, every: .month,
                                                   start: try Day(parsing: "2024-03-15"), down: nil, waiveFees: false)
            let agreement = try PDFFile(try await settle.planPDF(plan.plan.id)).text()
            for expected in ["H-7", "H-8", "650.00", "15 March 2024", "15 April 2024"] {
                #expect(agreement.contains(expected), "the agreement shows \(expected):\n\(agreement)")
            }
            await #expect(throws: InputError.self) { _ = try await settle.planPDF(999) }
        }
    }
}
