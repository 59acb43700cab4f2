import SettleCore

extension InvoiceDocument {
    func draw(on canvas: PageCanvas) throws(DocumentError) {
        let wording = recipient.language.wording
        let words = wording.invoice
        let format = DocumentFormatter(language: recipient.language)
        let summary = try taxSummary()
        let code: QRMatrix? = try paymentCode().map { code throws(DocumentError) in try QRMatrix(encoding: code.bytes) }
        let reference = invoice.paymentReference.printed

        canvas.letterhead(letterhead)
        var facts = [
            LabelledValue(label: words.number, value: invoice.number.value, bold: true),
            LabelledValue(label: words.issueDate, value: format.date(invoice.issueDate)),
            LabelledValue(label: words.dueDate, value: format.date(invoice.dueDate)),
        ]
        if let clientCode = recipient.clientCode {
            facts.append(LabelledValue(label: wording.customerNumber, value: clientCode))
        }
        facts.append(LabelledValue(label: wording.reference, value: reference))
        canvas.addressBlock(recipient, sender: letterhead, facts: facts, wording: wording)
        canvas.title(words.title(invoice.number.value))
        // Without lines the description is the one line of the table.
        if !invoice.lines.isEmpty { canvas.paragraph(invoice.description) }

        try drawLines(on: canvas, words: words, format: format)
        try drawTotals(on: canvas, summary: summary, words: words, format: format)

        canvas.heading(words.termsHeading)
        canvas.paragraph(try termsText(words: words, format: format))
        canvas.paymentInstructions(letterhead, wording: wording, reference: reference, amount: amountToPay, code: code,
                                   formatter: format)
        if letterhead.bankDetails != nil { canvas.paragraph(words.quoteReference(reference)) }
        canvas.space(4)
        canvas.paragraph(words.thanks)
    }

    private func drawLines(on canvas: PageCanvas, words: InvoiceWording, format: DocumentFormatter) throws(DocumentError) {
        let columns = [
            TableColumn(title: words.description, width: .share(1)),
            TableColumn(title: words.quantity, width: .fit, alignment: .right),
            TableColumn(title: words.unitPrice, width: .fit, alignment: .right),
            TableColumn(title: words.taxRate, width: .fit, alignment: .right),
            TableColumn(title: words.netAmount, width: .fit, alignment: .right),
        ]
        guard !invoice.lines.isEmpty else {
            let description = invoice.description.isEmpty ? words.title(invoice.number.value) : invoice.description
            canvas.table(columns, rows: [TableRow(cells: [description, "", "", "", format.amount(invoice.total)])])
            return
        }
        var rows: [TableRow] = []
        for line in invoice.lines {
            let net = try DocumentError.money { () throws(MoneyError) in try line.netAmount() }
            rows.append(TableRow(cells: [line.description, format.quantity(line.quantity), format.amount(line.unitPrice),
                                         format.percentage(line.taxRate), format.amount(net)]))
        }
        canvas.table(columns, rows: rows)
    }

    private func drawTotals(on canvas: PageCanvas, summary: TaxSummary, words: InvoiceWording,
                            format: DocumentFormatter) throws(DocumentError) {
        var rows: [LabelledValue] = []
        if !invoice.lines.isEmpty {
            rows.append(LabelledValue(label: words.netTotal, value: format.amount(summary.net)))
            for rate in summary.rates {
                rows.append(LabelledValue(label: words.tax(format.percentage(rate.rate), format.amount(rate.base)),
                                          value: format.amount(rate.tax)))
            }
        }
        rows.append(LabelledValue(label: words.total, value: format.amount(invoice.total), bold: true))
        if let amountDue, amountDue != invoice.total {
            let paid = try DocumentError.money { () throws(MoneyError) in try invoice.total - amountDue }
            rows.append(LabelledValue(label: words.alreadyPaid, value: format.amount(paid)))
            rows.append(LabelledValue(label: words.amountDue, value: format.amount(amountDue), bold: true))
        }
        let x = canvas.left + canvas.contentWidth * 0.4
        canvas.labelledValues(rows, x: x, width: canvas.contentWidth * 0.6, labelShare: 0.62, valueAlignment: .right)
        canvas.space(6)
    }

    private func termsText(words: InvoiceWording, format: DocumentFormatter) throws(DocumentError) -> String {
        var sentences: [String] = []
        switch invoice.terms {
        case .dueOnReceipt: sentences.append(words.dueOnReceipt)
        case .net(let days): sentences.append(words.net(days))
        case .endOfMonth(let days): sentences.append(words.endOfMonth(days))
        case .earlyPaymentDiscount(let percent, _, let netDays):
            sentences.append(words.net(netDays))
            if let deadline = invoice.discountDeadline, let terms = invoice.terms {
                let discounted = try DocumentError.money { () throws(MoneyError) in
                    try amountToPay - terms.discount(on: invoice.total)
                }
                sentences.append(words.discount(format.percentage(percent), format.date(deadline), format.amount(discounted)))
            }
        case nil: break
        }
        sentences.append(words.payBy(format.amount(amountToPay), format.date(invoice.dueDate)))
        return sentences.joined(separator: " ")
    }
}
