import SettleCore
import Testing

@Suite struct InvoiceTests {
    @Test("line totals: quantity x unit price and tax, each rounded half-up per line")
    func lineTotals() throws {
        let hours = InvoiceLine(description: "Consulting", quantity: try Quantity(parsing: "7.5"),
                                unitPrice: try eur("120.00"), taxRate: try Percentage(parsing: "19"))
        #expect(try hours.netAmount() == eur("900.00"))
        #expect(try hours.taxAmount() == eur("171.00"))
        // 0.335 kg x 3.00 = 1.005 -> 1.01 (half-up); 7 % of 1.01 = 0.0707 -> 0.07.
        let parts = InvoiceLine(description: "Saffron", quantity: try Quantity(parsing: "0.335"),
                                unitPrice: try eur("3.00"), taxRate: try Percentage(parsing: "7"))
        #expect(try parts.grossAmount() == eur("1.08"))
        #expect(try InvoiceLine.total(of: [hours, parts], currency: .EUR) == eur("1072.08"))
        #expect(throws: MoneyError.self) { try Quantity(parsing: "1.2345") }
    }

    @Test("invoice numbers: letters, digits and -_./ only, 1 to 64 characters")
    func invoiceNumbers() throws {
        for valid in ["INV-2024/001", "a.b_c", String(repeating: "9", count: 64)] {
            #expect(try InvoiceNumber(valid).value == valid)
        }
        for invalid in ["", "INV 1", "INV#1", "Rechnung-ä", String(repeating: "9", count: 65)] {
            #expect(throws: InvoiceError.invalidNumber(invalid)) { try InvoiceNumber(invalid) }
        }
    }

    @Test("days overdue and the discount deadline follow from the dates and terms")
    func overdueAndDiscount() throws {
        let invoice = Invoice(number: try invoiceNumber("D-1"), client: "C", issueDate: try day("2024-03-01"),
                              dueDate: try day("2024-03-31"), currency: .EUR,
                              terms: try PaymentTerms(parsing: "2/10 net 30"), total: try eur("10000.00"))
        #expect(invoice.daysPastDue(asOf: try day("2024-04-10")) == 10)
        #expect(invoice.daysPastDue(asOf: try day("2024-03-31")) == 0)
        #expect(invoice.discountDeadline == (try day("2024-03-11")))
        #expect(invoice.paymentReference.value == "RF56D1")
        #expect(try CreditorReference(validating: invoice.paymentReference.value) == invoice.paymentReference)
    }
}
