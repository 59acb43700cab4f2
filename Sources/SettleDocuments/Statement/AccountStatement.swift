import SettleCore

/// A statement of a client's account: the invoices open on a day with what is still owed on
/// each, totals per currency, and any payment not yet applied to an invoice.
public struct AccountStatement: Hashable, Sendable {
    public var letterhead: Letterhead
    public var recipient: Recipient
    public var date: Day
    public var items: [StatementItem]
    /// Money received from the client and not yet applied to an invoice, per currency (positive).
    public var unappliedCredit: [Money]

    public init(letterhead: Letterhead, recipient: Recipient, date: Day, items: [StatementItem],
                unappliedCredit: [Money] = []) {
        self.letterhead = letterhead
        self.recipient = recipient
        self.date = date
        self.items = items
        self.unappliedCredit = unappliedCredit
    }

    /// The statement as a PDF.
    public func pdf(pageSize: PageSize) throws(DocumentError) -> [UInt8] {
        try Document.statement(self).pdf(pageSize: pageSize)
    }
}

/// One open invoice on a statement.
public struct StatementItem: Hashable, Sendable {
    public var number: InvoiceNumber
    public var issueDate: Day
    public var dueDate: Day
    /// The amount invoiced.
    public var amount: Money
    /// What is still owed on it: principal, fees and posted interest.
    public var balance: Money
    public var reference: CreditorReference

    public init(number: InvoiceNumber, issueDate: Day, dueDate: Day, amount: Money, balance: Money) {
        self.number = number
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.amount = amount
        self.balance = balance
        reference = CreditorReference(invoiceNumber: number.value)
    }

    /// An invoice with the balance its ledger gives.
    public init(invoice: Invoice, summary: LedgerSummary) {
        self.init(number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
                  amount: invoice.total, balance: summary.balance.total)
    }
}

extension AccountStatement {
    func draw(on canvas: PageCanvas) throws(DocumentError) {
        let wording = recipient.language.wording
        let words = wording.statement
        let format = DocumentFormatter(language: recipient.language)
        canvas.letterhead(letterhead)
        var facts = [LabelledValue(label: wording.date, value: format.date(date))]
        if let clientCode = recipient.clientCode {
            facts.append(LabelledValue(label: wording.customerNumber, value: clientCode))
        }
        canvas.addressBlock(recipient, sender: letterhead, facts: facts, wording: wording)
        canvas.title(words.title)
        guard !items.isEmpty else {
            canvas.paragraph(words.nothingOpen)
            canvas.closing(wording.closing(recipient.attention != nil), letterhead: letterhead)
            return
        }
        canvas.paragraph(wording.salutation(recipient.attention))
        canvas.paragraph(words.intro(format.date(date)))

        let columns = [
            TableColumn(title: wording.invoiceColumn, width: .share(1)),
            TableColumn(title: wording.issuedColumn, width: .fit),
            TableColumn(title: wording.dueColumn, width: .fit),
            TableColumn(title: words.daysOverdue, width: .fit, alignment: .right),
            TableColumn(title: words.invoiced, width: .fit, alignment: .right),
            TableColumn(title: words.open, width: .fit, alignment: .right),
        ]
        let sorted = items.sorted { ($0.amount.currency, $0.dueDate, $0.number) < ($1.amount.currency, $1.dueDate, $1.number) }
        let rows = sorted.map { item in
            let overdue = date.days(since: item.dueDate)
            return TableRow(cells: [item.number.value + "\n" + item.reference.printed, format.shortDate(item.issueDate),
                                    format.shortDate(item.dueDate), overdue > 0 ? String(overdue) : "",
                                    format.amount(item.amount), format.amount(item.balance)])
        }
        canvas.table(columns, rows: rows)
        try drawTotals(on: canvas, items: sorted, words: words, format: format)

        canvas.paymentInstructions(letterhead, wording: wording, reference: nil, amount: nil, code: nil, formatter: format)
        if letterhead.bankDetails != nil { canvas.paragraph(words.quoteInvoiceNumbers) }
        canvas.paragraph(words.outro)
        canvas.closing(wording.closing(recipient.attention != nil), letterhead: letterhead)
    }

    private func drawTotals(on canvas: PageCanvas, items: [StatementItem], words: StatementWording,
                            format: DocumentFormatter) throws(DocumentError) {
        var rows: [LabelledValue] = []
        let currencies = Set(items.map(\.balance.currency) + unappliedCredit.map(\.currency)).sorted()
        for currency in currencies {
            let open = Money(minorUnits: items.filter { $0.balance.currency == currency }
                .reduce(0) { $0 + $1.balance.minorUnits }, currency: currency)
            let credit = Money(minorUnits: unappliedCredit.filter { $0.currency == currency }
                .reduce(0) { $0 + $1.minorUnits }, currency: currency)
            rows.append(LabelledValue(label: words.totalOpen(currency.code), value: format.amount(open), bold: credit.isZero))
            if !credit.isZero {
                let balance = try DocumentError.money { () throws(MoneyError) in try open - credit }
                rows.append(LabelledValue(label: words.unappliedCredit(currency.code), value: format.amount(-credit)))
                rows.append(LabelledValue(label: words.balance(currency.code), value: format.amount(balance), bold: true))
            }
        }
        let x = canvas.left + canvas.contentWidth * 0.4
        canvas.labelledValues(rows, x: x, width: canvas.contentWidth * 0.6, labelShare: 0.62, valueAlignment: .right)
        canvas.space(6)
    }
}
