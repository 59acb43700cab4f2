import SettleCore

/// An invoice as the client receives it: the business's letterhead, the client's address, the
/// lines with tax and totals, the terms and how to pay, with an EPC payment QR code for euro
/// invoices when the business has given its bank details.
public struct InvoiceDocument: Hashable, Sendable {
    public var letterhead: Letterhead
    public var recipient: Recipient
    public var invoice: Invoice
    /// What is still to pay, when less than the total (an invoice printed again after a part
    /// payment); nil means the total.
    public var amountDue: Money?

    public init(letterhead: Letterhead, recipient: Recipient, invoice: Invoice, amountDue: Money? = nil) {
        self.letterhead = letterhead
        self.recipient = recipient
        self.invoice = invoice
        self.amountDue = amountDue
    }

    /// The invoice as a PDF.
    public func pdf(pageSize: PageSize) throws(DocumentError) -> [UInt8] {
        try Document.invoice(self).pdf(pageSize: pageSize)
    }

    /// The amount the payment instructions and the QR code ask for.
    public var amountToPay: Money { amountDue ?? invoice.total }

    /// The EPC payment QR code printed on the invoice: for euro invoices with bank details and an
    /// amount to pay between 0.01 and 999,999,999.99 EUR (outside that range no code can carry
    /// it, and the bank details alone are printed); nil otherwise.
    public func paymentCode() throws(DocumentError) -> EPCPaymentCode? {
        try letterhead.bankDetails?.paymentCode(amount: amountToPay, reference: invoice.paymentReference)
    }

    /// Net amounts and tax per rate (tax rounded per line, as `InvoiceLine` does), checked
    /// against the invoice's total.
    func taxSummary() throws(DocumentError) -> TaxSummary {
        var summary = TaxSummary(net: .zero(invoice.currency), rates: [])
        try DocumentError.money { () throws(MoneyError) in
            for line in invoice.lines {
                let (net, tax) = (try line.netAmount(), try line.taxAmount())
                summary.net = try summary.net + net
                if let index = summary.rates.firstIndex(where: { $0.rate == line.taxRate }) {
                    summary.rates[index].base = try summary.rates[index].base + net
                    summary.rates[index].tax = try summary.rates[index].tax + tax
                } else {
                    summary.rates.append(TaxSummary.Rate(rate: line.taxRate, base: net, tax: tax))
                }
            }
        }
        let lines = try DocumentError.money { () throws(MoneyError) in
            try InvoiceLine.total(of: invoice.lines, currency: invoice.currency)
        }
        guard invoice.lines.isEmpty || lines == invoice.total else {
            throw .linesDoNotAddUp(invoice: invoice.number.value, lines: lines, total: invoice.total)
        }
        summary.rates.sort { $0.rate > $1.rate }
        return summary
    }
}

/// The net total of an invoice's lines and the tax at each rate.
struct TaxSummary {
    struct Rate {
        var rate: Percentage
        var base: Money
        var tax: Money
    }

    var net: Money
    var rates: [Rate]
}
