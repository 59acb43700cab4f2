import Foundation

/// How the blocks of a default message become plain-text and HTML mustache source.
extension DefaultLanguage {
    func textSource(_ block: DefaultBlock) -> String {
        let w = wording
        switch block {
        case .greeting(let named, let unnamed):
            return "{{#contact.name}}\(named){{/contact.name}}{{^contact.name}}\(unnamed){{/contact.name}}\n"
        case .paragraph(let text):
            return text + "\n"
        case .onlyIf(let field, let blocks):
            return "{{#\(field)}}\n" + blocks.map(textSource).joined(separator: "\n") + "{{/\(field)}}\n"
        case .statement(let charges):
            var lines = [
                "{{#invoices}}",
                "- \(w.invoiceLine){{#overdue_by}} (\(w.overdueNote)){{/overdue_by}}"
                    + "{{#several_invoices}}, \(w.referenceWord) {{reference}}{{/several_invoices}}",
                "{{/invoices}}",
            ]
            if charges {
                lines += ["{{#fees}}", "\(w.feesLabel)\(w.colon) {{fees}}", "{{/fees}}",
                          "{{#interest}}", "\(w.interestLabel)\(w.colon) {{interest}}", "{{/interest}}"]
            }
            lines.append("\(w.totalLabel)\(w.colon) {{total_due}}")
            return lines.joined(separator: "\n") + "\n"
        case .payment:
            return [
                w.paymentHeading,
                "{{#payment.iban}}",
                "\(w.accountHolderLabel)\(w.colon) {{business.name}}",
                "{{#payment.bank_name}}", "\(w.bankLabel)\(w.colon) {{payment.bank_name}}", "{{/payment.bank_name}}",
                "IBAN\(w.colon) {{payment.iban}}",
                "{{#payment.bic}}", "BIC\(w.colon) {{payment.bic}}", "{{/payment.bic}}",
                "\(w.referenceLabel)\(w.colon) " + oneOrSeveral("{{payment.reference}}", w.referencesOfEach),
                "{{/payment.iban}}",
                "{{#payment.portal_url}}", "\(w.portalLabel)\(w.colon) {{payment.portal_url}}", "{{/payment.portal_url}}",
            ].joined(separator: "\n") + "\n"
        case .closing(let line):
            return [line, "{{#business.signature}}", "{{business.signature}}", "{{/business.signature}}",
                    "{{business.name}}"].joined(separator: "\n") + "\n"
        }
    }

    func htmlSource(_ block: DefaultBlock) -> String {
        let w = wording
        let cell = "style=\"padding: 4px 16px 4px 0; border-bottom: 1px solid #ddd; text-align: left;\""
        let amountCell = "style=\"padding: 4px 0 4px 16px; border-bottom: 1px solid #ddd; text-align: right;\""
        switch block {
        case .greeting(let named, let unnamed):
            return "<p>{{#contact.name}}\(escaped(named)){{/contact.name}}{{^contact.name}}\(escaped(unnamed)){{/contact.name}}</p>\n"
        case .paragraph(let text):
            return "<p>\(escaped(text))</p>\n"
        case .onlyIf(let field, let blocks):
            return "{{#\(field)}}\n" + blocks.map(htmlSource).joined() + "{{/\(field)}}\n"
        case .statement(let charges):
            let reference = "{{#several_invoices}}<th \(cell)>\(escaped(w.referenceHeading))</th>{{/several_invoices}}"
            var rows = [
                "<table style=\"border-collapse: collapse; margin: 0 0 16px 0;\">",
                "<tr><th \(cell)>\(escaped(w.invoiceHeading))</th><th \(cell)>\(escaped(w.issuedHeading))</th>"
                    + "<th \(cell)>\(escaped(w.dueHeading))</th><th \(amountCell)>\(escaped(w.openHeading))</th>\(reference)</tr>",
                "{{#invoices}}",
                "<tr><td \(cell)>{{number}}</td><td \(cell)>{{issue_date}}</td><td \(cell)>{{due_date}}"
                    + "{{#overdue_by}}<br><small>\(escaped(w.overdueNote))</small>{{/overdue_by}}</td>"
                    + "<td \(amountCell)>{{balance}}</td>{{#several_invoices}}<td \(cell)>{{reference}}</td>{{/several_invoices}}</tr>",
                "{{/invoices}}",
            ]
            if charges {
                rows += ["{{#fees}}", totalRow(w.feesLabel, "{{fees}}", bold: false), "{{/fees}}",
                         "{{#interest}}", totalRow(w.interestLabel, "{{interest}}", bold: false), "{{/interest}}"]
            }
            rows += [totalRow(w.totalLabel, "{{total_due}}", bold: true), "</table>"]
            return rows.joined(separator: "\n") + "\n"
        case .payment:
            return [
                "<p><strong>\(escaped(w.paymentHeading))</strong><br>",
                "{{#payment.iban}}",
                "\(escaped(w.accountHolderLabel))\(w.colon) {{business.name}}<br>",
                "{{#payment.bank_name}}", "\(escaped(w.bankLabel))\(w.colon) {{payment.bank_name}}<br>", "{{/payment.bank_name}}",
                "IBAN\(w.colon) {{payment.iban}}<br>",
                "{{#payment.bic}}", "BIC\(w.colon) {{payment.bic}}<br>", "{{/payment.bic}}",
                "\(escaped(w.referenceLabel))\(w.colon) " + oneOrSeveral("{{payment.reference}}", escaped(w.referencesOfEach)) + "<br>",
                "{{/payment.iban}}",
                "{{#payment.portal_url}}",
                "\(escaped(w.portalLabel))\(w.colon) <a href=\"{{payment.portal_url}}\">{{payment.portal_url}}</a>",
                "{{/payment.portal_url}}",
                "</p>",
            ].joined(separator: "\n") + "\n"
        case .closing(let line):
            return "<p>\(escaped(line))<br>\n{{#business.signature}}\n"
                + "<span style=\"white-space: pre-line;\">{{business.signature}}</span><br>\n{{/business.signature}}\n"
                + "{{business.name}}</p>\n"
        }
    }

    private func totalRow(_ label: String, _ value: String, bold: Bool) -> String {
        let (open, close) = bold ? ("<strong>", "</strong>") : ("", "")
        return "<tr><td colspan=\"3\" style=\"padding: 4px 16px 4px 0;\">\(open)\(escaped(label))\(close)</td>"
            + "<td style=\"padding: 4px 0 4px 16px; text-align: right;\">\(open)\(value)\(close)</td>"
            + "{{#several_invoices}}<td></td>{{/several_invoices}}</tr>"
    }

    /// The written words of a default are HTML-escaped once here; mustache tags hold none of `&<>`.
    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func htmlPage(lang: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang)">
        <head><meta charset="utf-8"></head>
        <body style="font-family: Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328;">
        \(body)</body>
        </html>

        """
    }
}
