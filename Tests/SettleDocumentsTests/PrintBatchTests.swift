import SettleCore
import SettleDocuments
import SettleTestSupport
import Testing

@Suite("Letters as one print-ready PDF")
struct PrintBatchTests {
    func letters() throws -> [Document] {
        [
            .demandLetter(try Fixtures.demandLetter(language: .german)),
            .invoice(try Fixtures.invoiceWithLines(language: .english, extraLines: 60)),
            .planAgreement(try Fixtures.planAgreement(language: .french)),
        ]
    }

    /// The first page of each letter in a batch, from the page numbers in the footers.
    func firstPages(of pdf: PDFFile) throws -> [Int] {
        try (1...pdf.pageCount()).filter { page in
            try pdf.text(page: page).split(whereSeparator: \.isNewline).contains { line in
                ["Page 1", "Seite 1"].contains { line.hasSuffix($0) }
            }
        }
    }

    @Test("each letter starts on a new page and every letter's text is there")
    func eachLetterOnItsOwnPages() throws {
        let pdf = try PDFFile(Document.printBatch(letters(), pageSize: .a4))
        let pages = try pdf.pageCount()
        #expect(pages >= 4)
        let starts = try firstPages(of: pdf)
        #expect(starts.count == 3)
        #expect(starts.first == 1)
        let titles = ["Letzte Mahnung", "Invoice 2024-017", "Accord d'échéancier de paiement"]
        for (start, title) in zip(starts, titles) {
            #expect(try pdf.text(page: start).contains(title), "page \(start) should start \(title)")
        }
        // The letters do not share pages: the invoice's page before the plan has no plan text.
        #expect(try !pdf.text(page: starts[2] - 1).contains("Accord d'échéancier"))
        let text = try pdf.text()
        for expected in ["9.407,55 €", "Zusatzleistung 60", "€1,951.50", "Lieu, date et signature"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test("for printing on both sides, every letter starts on an odd page")
    func duplex() throws {
        let pdf = try PDFFile(Document.printBatch(letters(), pageSize: .a4, duplex: true))
        #expect(try pdf.pageCount() % 2 == 0)
        for start in try firstPages(of: pdf) { #expect(start % 2 == 1) }
    }

    @Test("the batch keeps each letter's QR code on its page")
    func qrCodeInBatch() throws {
        let batch: [Document] = [.demandLetter(try Fixtures.demandLetter(language: .english)),
                                 .invoice(try Fixtures.workedExample8Invoice())]
        let pdf = try PDFFile(Document.printBatch(batch, pageSize: .usLetter))
        let start = try #require(try firstPages(of: pdf).last)
        #expect(try pdf.qrCode(page: start) == Fixtures.workedExample8Payload)
    }

    @Test("an empty batch is refused")
    func emptyBatch() {
        #expect(throws: DocumentError.nothingToPrint) { try Document.printBatch([], pageSize: .a4) }
    }
}
