import SettleCore

/// The written agreement of a payment plan: the invoices it settles, the instalments with their
/// dates and amounts, the terms (what a late instalment means), and room for both signatures.
public struct PaymentPlanAgreement: Hashable, Sendable {
    public var letterhead: Letterhead
    public var recipient: Recipient
    public var date: Day
    public var plan: PaymentPlan
    /// Days an instalment may be late before the plan ends (the policy's grace days).
    public var graceDays: Int
    /// The reference to quote with every instalment; nil prints none.
    public var reference: CreditorReference?

    /// A plan agreement whose instalments are paid with the reference of the plan's first invoice
    /// (the invoice Settle records the plan's actions on).
    public init(letterhead: Letterhead, recipient: Recipient, date: Day, plan: PaymentPlan, graceDays: Int) {
        self.init(letterhead: letterhead, recipient: recipient, date: date, plan: plan, graceDays: graceDays,
                  reference: plan.invoices.first.map { CreditorReference(invoiceNumber: $0.value) })
    }

    public init(letterhead: Letterhead, recipient: Recipient, date: Day, plan: PaymentPlan, graceDays: Int,
                reference: CreditorReference?) {
        self.letterhead = letterhead
        self.recipient = recipient
        self.date = date
        self.plan = plan
        self.graceDays = graceDays
        self.reference = reference
    }

    /// The agreement as a PDF.
    public func pdf(pageSize: PageSize) throws(DocumentError) -> [UInt8] {
        try Document.planAgreement(self).pdf(pageSize: pageSize)
    }
}

extension PaymentPlanAgreement {
    func draw(on canvas: PageCanvas) throws(DocumentError) {
        guard !plan.instalments.isEmpty else { throw .nothingListed(document: "payment plan agreement") }
        let wording = recipient.language.wording
        let words = wording.plan
        let format = DocumentFormatter(language: recipient.language)
        let instalments = plan.instalments.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
        let total = try DocumentError.money { () throws(MoneyError) in
            var total = Money.zero(instalments[0].amount.currency)
            for instalment in instalments { total = try total + instalment.amount }
            return total
        }

        canvas.letterhead(letterhead)
        var facts = [LabelledValue(label: wording.date, value: format.date(date))]
        if let clientCode = recipient.clientCode {
            facts.append(LabelledValue(label: wording.customerNumber, value: clientCode))
        }
        if let reference { facts.append(LabelledValue(label: wording.reference, value: reference.printed)) }
        canvas.addressBlock(recipient, sender: letterhead, facts: facts, wording: wording)
        canvas.title(words.title)
        canvas.paragraph(words.intro(letterhead.name, recipient.name, format.amount(total), plan.invoices.map(\.value)))

        let columns = [
            TableColumn(title: words.instalment, width: .share(0.4)),
            TableColumn(title: wording.invoice.dueDate, width: .share(0.3)),
            TableColumn(title: wording.amount, width: .share(0.3), alignment: .right),
        ]
        var rows = instalments.map { instalment in
            TableRow(cells: [instalment.number == 0 ? words.downPayment : String(instalment.number),
                             format.date(instalment.dueDate), format.amount(instalment.amount)])
        }
        rows.append(TableRow(cells: [wording.total, "", format.amount(total)], bold: true))
        canvas.table(columns, rows: rows)

        canvas.heading(words.termsHeading)
        for (index, term) in words.terms(graceDays, reference?.printed).enumerated() {
            canvas.paragraph("\(index + 1). \(term)")
        }
        canvas.paymentInstructions(letterhead, wording: wording, reference: reference?.printed, amount: nil, code: nil,
                                   formatter: format)
        drawSignatures(on: canvas, words: words)
    }

    private func drawSignatures(on canvas: PageCanvas, words: PlanWording) {
        let gap = 12 * PageCanvas.millimetre
        let width = (canvas.contentWidth - gap) / 2
        let lineDrop = 18 * PageCanvas.millimetre
        canvas.ensureSpace(lineDrop + 40)
        canvas.space(10)
        for (column, party) in [letterhead.name, recipient.name].enumerated() {
            let x = canvas.left + Double(column) * (width + gap)
            canvas.text(words.signatureFor(party), x: x, y: canvas.y, width: width, style: .strong)
            canvas.line(from: (x, canvas.y + lineDrop), to: (x + width, canvas.y + lineDrop))
            canvas.text(words.placeDateSignature, x: x, y: canvas.y + lineDrop + 3, width: width, style: .small)
        }
        canvas.y += lineDrop + 20
    }
}
