import SettleCore

/// Any document Settle prints, so that several can go into one PDF (the day's letters).
public enum Document: Hashable, Sendable {
    case invoice(InvoiceDocument)
    case statement(AccountStatement)
    case demandLetter(DemandLetter)
    case planAgreement(PaymentPlanAgreement)

    /// The document as a PDF.
    public func pdf(pageSize: PageSize) throws(DocumentError) -> [UInt8] {
        try Document.printBatch([self], pageSize: pageSize)
    }

    /// Several documents as one print-ready PDF, each starting on a new page. With `duplex`, a
    /// blank page follows each document that ends on a front side, so that every document
    /// starts on a sheet of its own when printed on both sides.
    public static func printBatch(_ documents: [Document], pageSize: PageSize,
                                  duplex: Bool = false) throws(DocumentError) -> [UInt8] {
        guard let first = documents.first else { throw .nothingToPrint }
        let title = documents.count == 1 ? first.title : "\(first.title) (+\(documents.count - 1))"
        let created = documents.map(\.date).max() ?? first.date
        let canvas = try PageCanvas(pageSize: pageSize, title: title, created: created)
        for document in documents {
            let wording = document.language.wording
            canvas.beginDocument(pageSize: pageSize, footer: "\(document.letterhead.name) · \(document.title)",
                                 pageWord: wording.page)
            try document.draw(on: canvas)
            canvas.endDocument(duplex: duplex)
        }
        return try canvas.surface.finish()
    }

    /// The language the document is written in: its recipient's.
    public var language: DocumentLanguage { recipient.language }

    /// The title printed on the document (`Invoice 2024-017`, `Letzte Mahnung`).
    public var title: String {
        let wording = language.wording
        switch self {
        case .invoice(let document): return wording.invoice.title(document.invoice.number.value)
        case .statement: return wording.statement.title
        case .demandLetter: return wording.demand.title
        case .planAgreement: return wording.plan.title
        }
    }

    /// The day the document is dated.
    public var date: Day {
        switch self {
        case .invoice(let document): return document.invoice.issueDate
        case .statement(let document): return document.date
        case .demandLetter(let document): return document.date
        case .planAgreement(let document): return document.date
        }
    }

    var letterhead: Letterhead {
        switch self {
        case .invoice(let document): return document.letterhead
        case .statement(let document): return document.letterhead
        case .demandLetter(let document): return document.letterhead
        case .planAgreement(let document): return document.letterhead
        }
    }

    var recipient: Recipient {
        switch self {
        case .invoice(let document): return document.recipient
        case .statement(let document): return document.recipient
        case .demandLetter(let document): return document.recipient
        case .planAgreement(let document): return document.recipient
        }
    }

    private func draw(on canvas: PageCanvas) throws(DocumentError) {
        switch self {
        case .invoice(let document): try document.draw(on: canvas)
        case .statement(let document): try document.draw(on: canvas)
        case .demandLetter(let document): try document.draw(on: canvas)
        case .planAgreement(let document): try document.draw(on: canvas)
        }
    }
}
