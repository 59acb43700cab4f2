import SettleCore
import SettleDocuments
import SettleTestSupport
import Testing

@Suite("Invoice PDF")
struct InvoicePDFTests {
    @Test("worked example 8: the invoice's QR code decodes to the EPC payload byte for byte")
    func workedExample8QRCode() throws {
        let document = try Fixtures.workedExample8Invoice()
        #expect(try document.paymentCode()?.bytes == Fixtures.workedExample8Payload)
        let pdf = try PDFFile(document.pdf(pageSize: .a4))
        #expect(try pdf.qrCode() == Fixtures.workedExample8Payload)
    }

    @Test("the text shows the number, dates, amount, reference, bank details and names")
    func textOfWorkedExample8() throws {
        let text = try PDFFile(Fixtures.workedExample8Invoice().pdf(pageSize: .a4)).text()
        for expected in ["Invoice 539007547034", "1 March 2024", "31 March 2024", "€123.45", "RF18 5390 0754 7034",
                         "DE33 1002 0500 0001 1947 00", "BFSWDE33BER", "Müller & Søn GmbH", "C-042",
                         "Please pay €123.45 by 31 March 2024.", "Net 30 days."] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test("German lines with two tax rates: net, tax per rate and total")
    func germanLinesAndTax() throws {
        let text = try PDFFile(Fixtures.invoiceWithLines().pdf(pageSize: .a4)).text()
        // 10 × 95.00 = 950.00 at 19 % = 180.50; 2.5 × 40.00 = 100.00 at 7 % = 7.00; total 1,237.50.
        for expected in ["Rechnung 2024-017", "Beratung Ärztekammer – Straße", "Fachbuch „Øresund“", "2,5", "95,00 €",
                         "950,00 €", "Nettobetrag", "1.050,00 €", "Umsatzsteuer 19 % auf 950,00 €", "180,50 €",
                         "Umsatzsteuer 7 % auf 100,00 €", "7,00 €", "Gesamtbetrag", "1.237,50 €",
                         "Zahlbar innerhalb von 30 Tagen ohne Abzug.", "1. März 2024", "Verwendungszweck"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test("the QR code of an invoice with lines asks for its total with its reference")
    func qrCodeOfInvoiceWithLines() throws {
        let document = try Fixtures.invoiceWithLines()
        let code = try PDFFile(document.pdf(pageSize: .a4)).qrCode()
        let payload = try #require(code).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(payload[7] == "EUR1237.50")
        #expect(payload[9] == CreditorReference(invoiceNumber: "2024-017").value)
    }

    @Test("a part-paid invoice shows what was paid and asks for the rest")
    func amountDue() throws {
        var document = try Fixtures.workedExample8Invoice()
        document.amountDue = try eur("23.45")
        let text = try PDFFile(document.pdf(pageSize: .a4)).text()
        #expect(text.contains("Already paid"))
        #expect(text.contains("€100.00"))
        #expect(text.contains("Please pay €23.45 by 31 March 2024."))
        #expect(try document.paymentCode()?.amount == eur("23.45"))
    }

    @Test("more lines than a page holds flow onto further pages, each numbered")
    func manyLinesOverflow() throws {
        let pdf = try PDFFile(Fixtures.invoiceWithLines(extraLines: 80).pdf(pageSize: .a4))
        let pages = try pdf.pageCount()
        #expect(pages >= 3)
        let last = try pdf.text(page: pages)
        #expect(last.contains("Seite \(pages)"))
        let all = try pdf.text()
        #expect(all.contains("Zusatzleistung 80"))
        #expect(all.contains("Gesamtbetrag"))
        // Every continued page repeats the column headings.
        #expect(try pdf.text(page: 2).contains("Einzelpreis"))
    }

    @Test("A4 and US Letter", arguments: [(PageSize.a4, "595.276 x 841.89 pts (A4)"), (.usLetter, "612 x 792 pts (letter)")])
    func pageSizes(size: PageSize, described: String) throws {
        let pdf = try PDFFile(Fixtures.workedExample8Invoice().pdf(pageSize: size))
        #expect(try pdf.info("Page size") == described)
        #expect(try pdf.qrCode() == Fixtures.workedExample8Payload)
    }

    @Test("Cyrillic, Greek and CJK names come out as text")
    func nonLatinNames() throws {
        var document = try Fixtures.workedExample8Invoice()
        for name in ["Анна Петрова ООО", "Ελληνική Εταιρεία Α.Ε.", "株式会社山田商事", "주식회사 한빛"] {
            document.recipient.name = name
            #expect(try PDFFile(document.pdf(pageSize: .a4)).text().contains(name), "missing \(name)")
        }
    }

    @Test("an invoice in pounds gets bank details but no QR code")
    func poundsHaveNoQRCode() throws {
        let lines = [InvoiceLine(description: "Consulting", quantity: try Quantity(parsing: "1"),
                                 unitPrice: try Money(parsing: "1234.50", currency: .GBP), taxRate: Percentage(millionths: 0))]
        let invoice = Invoice(number: try InvoiceNumber("UK-1"), client: "C-042", issueDate: try day("2024-03-01"),
                              dueDate: try day("2024-03-31"), currency: .GBP, lines: lines,
                              total: try Money(parsing: "1234.50", currency: .GBP))
        let document = InvoiceDocument(letterhead: try Fixtures.wikimedia(), recipient: Fixtures.recipient(), invoice: invoice)
        #expect(try document.paymentCode() == nil)
        let pdf = try PDFFile(document.pdf(pageSize: .a4))
        #expect(try pdf.text().contains("£1,234.50"))
        #expect(try pdf.qrCode() == nil)
    }

    @Test("lines that do not add up to the total are refused")
    func linesMustAddUp() throws {
        var document = try Fixtures.invoiceWithLines()
        document.invoice.total = try eur("1000.00")
        #expect(throws: DocumentError.linesDoNotAddUp(invoice: "2024-017", lines: try eur("1237.50"), total: try eur("1000.00"))) {
            try document.pdf(pageSize: .a4)
        }
    }

    @Test("bank details a QR code cannot carry are an error naming the field")
    func accountHolderTooLong() throws {
        var document = try Fixtures.workedExample8Invoice()
        document.letterhead.bankDetails?.accountHolder = String(repeating: "W", count: 71)
        #expect(throws: DocumentError.paymentCode(.tooLong(field: "beneficiary name", characters: 71, longest: 70))) {
            try document.pdf(pageSize: .a4)
        }
    }

    @Test("the same invoice gives the same bytes: the PDF is dated by the invoice, not the clock")
    func deterministic() throws {
        let document = try Fixtures.invoiceWithLines()
        let first = try document.pdf(pageSize: .a4)
        #expect(try document.pdf(pageSize: .a4) == first)
        #expect(try PDFFile(first).info("CreationDate").contains("2024"))
    }
}
