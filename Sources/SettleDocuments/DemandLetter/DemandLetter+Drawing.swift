import SettleCore

extension DemandLetter {
    func draw(on canvas: PageCanvas) throws(DocumentError) {
        guard !debts.isEmpty else { throw .nothingListed(document: "demand letter") }
        let wording = recipient.language.wording
        let words = wording.demand
        let format = DocumentFormatter(language: recipient.language)
        let totals = try totals()

        canvas.letterhead(letterhead)
        var facts = [LabelledValue(label: wording.date, value: format.date(date))]
        if let clientCode = recipient.clientCode {
            facts.append(LabelledValue(label: wording.customerNumber, value: clientCode))
        }
        facts.append(LabelledValue(label: words.deadline, value: format.date(deadline), bold: true))
        canvas.addressBlock(recipient, sender: letterhead, facts: facts, wording: wording)
        canvas.title(words.title)
        canvas.paragraph(wording.salutation(recipient.attention))
        canvas.paragraph(words.intro)

        try drawDebts(on: canvas, totals: totals, wording: wording, format: format)
        canvas.paragraph(interestText(words: words, format: format))
        canvas.paragraph(words.payBy(totals.map(format.amount).joined(separator: " + "), format.date(deadline)),
                         style: .strong)

        // One debt can be paid with its reference and a QR code; several need each their own reference.
        let single = debts.count == 1 ? debts[0] : nil
        var code: QRMatrix?
        if let single, let payment = try letterhead.bankDetails?.paymentCode(amount: totals[0], reference: single.reference) {
            code = try QRMatrix(encoding: payment.bytes)
        }
        canvas.paymentInstructions(letterhead, wording: wording, reference: single?.reference.printed,
                                   amount: totals.count == 1 ? totals[0] : nil, code: code, formatter: format)
        if single == nil && letterhead.bankDetails != nil { canvas.paragraph(words.quoteReferences) }

        canvas.heading(words.nextStepHeading)
        canvas.paragraph(words.nextStep(nextStep, format.date(deadline)))
        canvas.paragraph(words.alreadyPaid)
        canvas.closing(wording.closing(recipient.attention != nil), letterhead: letterhead)
    }

    private func drawDebts(on canvas: PageCanvas, totals: [Money], wording: DocumentWording,
                           format: DocumentFormatter) throws(DocumentError) {
        let words = wording.demand
        let columns = [
            TableColumn(title: wording.invoiceColumn, width: .share(1)),
            TableColumn(title: wording.dueColumn, width: .fit),
            TableColumn(title: words.principal, width: .fit, alignment: .right),
            TableColumn(title: words.fees, width: .fit, alignment: .right),
            TableColumn(title: words.interest, width: .fit, alignment: .right),
            TableColumn(title: wording.total, width: .fit, alignment: .right),
        ]
        var rows: [TableRow] = []
        for debt in debts.sorted(by: { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }) {
            rows.append(TableRow(cells: [
                "\(debt.number.value) · \(format.shortDate(debt.issueDate))\n\(debt.reference.printed)",
                format.shortDate(debt.dueDate), format.amount(debt.principal), format.amount(debt.fees),
                format.amount(debt.interest), format.amount(try debt.total()),
            ]))
        }
        canvas.table(columns, rows: rows)
        let claimed = totals.map { total in
            LabelledValue(label: words.totalClaimed(total.currency.code), value: format.amount(total), bold: true)
        }
        canvas.labelledValues(claimed, x: canvas.left + canvas.contentWidth * 0.4, width: canvas.contentWidth * 0.6,
                              labelShare: 0.62, valueAlignment: .right)
        canvas.space(8)
    }

    private func interestText(words: DemandWording, format: DocumentFormatter) -> String {
        let charged = debts.contains { !$0.fees.isZero || !$0.interest.isZero }
        let accruing = interestRate != nil || interestBasis != nil || debts.contains { !$0.interest.isZero }
        var sentences: [String] = []
        if charged { sentences.append(words.interestToDate(format.date(date))) }
        if accruing { sentences.append(words.interestContinues(interestRate.map(format.percentage), interestBasis)) }
        return sentences.joined(separator: " ")
    }
}
