import SettleCore

extension MessageContext {
    /// The merge fields as mustache reads them: nested dictionaries and lists of strings and flags.
    ///
    /// A field that does not apply (no contact, no fees, not overdue) is left out rather than
    /// set to an empty string: the mustache library treats an empty string as present, so
    /// only an absent field makes `{{#fees}}…{{/fees}}` disappear.
    public func mergeValues() throws -> [String: Any] {
        let totals = try totals()
        let format = MessageFormatter(language)
        let items = self.items.sorted { ($0.invoice.dueDate, $0.invoice.number) < ($1.invoice.dueDate, $1.invoice.number) }
        let invoices = items.map { invoiceValues($0, format: format) }
        let largestOverdue = items.map { $0.invoice.daysPastDue(asOf: day) }.max() ?? 0

        var values: [String: Any] = [
            "client": ["name": client.name, "code": client.code],
            "invoices": invoices,
            "invoice_count": String(items.count),
            "several_invoices": items.count > 1,
            "balance": format.amount(totals.principal),
            "total_due": format.amount(totals.total),
            "currency": totals.currency.code,
            "date": format.date(day),
            "pay_by": format.date(payBy),
            "charges_added": totals.costs.isPositive || totals.interest.isPositive,
        ]
        values["invoice"] = invoices.first
        values["contact"] = present(["name": contactName])
        if largestOverdue > 0 {
            values["days_overdue"] = String(largestOverdue)
            values["overdue_by"] = format.days(largestOverdue)
        }
        if totals.costs.isPositive { values["fees"] = format.amount(totals.costs) }
        if totals.interest.isPositive { values["interest"] = format.amount(totals.interest) }
        values["payment"] = present([
            "bank_name": settings.bankName,
            "iban": IBAN.grouped(settings.iban),
            "bic": settings.bic,
            "reference": items.first?.invoice.paymentReference.printed,
            "portal_url": portalURL,
        ])
        values["business"] = present(["name": businessName, "signature": settings.signature])
        values["promise"] = promise.map { ["date": format.date($0.date), "amount": format.amount($0.amount)] }
        values["plan"] = instalment.map {
            ["instalment_date": format.date($0.date), "instalment_amount": format.amount($0.amount)]
        }
        return values
    }

    private func invoiceValues(_ item: Item, format: MessageFormatter) -> [String: Any] {
        let invoice = item.invoice
        let overdue = invoice.daysPastDue(asOf: day)
        var values: [String: Any] = [
            "number": invoice.number.value,
            "issue_date": format.date(invoice.issueDate),
            "due_date": format.date(invoice.dueDate),
            "amount": format.amount(invoice.total),
            "balance": format.amount(item.balance.principal),
            "currency": invoice.currency.code,
            "reference": invoice.paymentReference.printed,
        ]
        if overdue > 0 {
            values["days_overdue"] = String(overdue)
            values["overdue_by"] = format.days(overdue)
        }
        return values
    }

    /// The non-empty entries only (see `mergeValues`); nil when none is left.
    private func present(_ entries: [String: String?]) -> [String: Any]? {
        let kept = entries.compactMapValues { value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return value
        }
        return kept.isEmpty ? nil : kept
    }
}
