import PropertyBased
import SettleCore
import Testing

@Suite("Payment terms")
struct PaymentTermsTests {
    private static func discount(_ basisPoints: Int, _ discountDays: Int, net netDays: Int) -> PaymentTerms {
        .earlyPaymentDiscount(percent: Percentage(basisPoints: basisPoints), discountDays: discountDays, netDays: netDays)
    }

    @Test("every written form parses", arguments: [
        ("due on receipt", PaymentTerms.dueOnReceipt),
        ("Due On Receipt", .dueOnReceipt),
        ("on receipt", .dueOnReceipt),
        ("receipt", .dueOnReceipt),
        ("COD", .dueOnReceipt),
        ("net 30", .net(days: 30)),
        ("Net30", .net(days: 30)),
        ("n30", .net(days: 30)),
        ("  net \t 45 ", .net(days: 45)),
        ("net 0", .net(days: 0)),
        ("net 3650", .net(days: 3650)),
        ("eom 15", .endOfMonth(days: 15)),
        ("EOM", .endOfMonth(days: 0)),
        ("2/10 net 30", discount(200, 10, net: 30)),
        ("2/10 n30", discount(200, 10, net: 30)),
        ("2.5/10, net 45", discount(250, 10, net: 45)),
        ("1%/10 NET 30", discount(100, 10, net: 30)),
        ("2/30 net 30", discount(200, 30, net: 30)),
    ])
    func parses(text: String, expected: PaymentTerms) throws {
        #expect(try PaymentTerms(parsing: text) == expected)
    }

    @Test("garbage is refused", arguments: [
        "", "net", "net thirty", "net -5", "net 3651", "net 30 days", "30", "eom fifteen", "2/10", "2/10 net",
        "2/x net 30", "2/10/5 net 30", "2.55555/10 net 30", "2/10 net 30 net 30", "due on",
    ])
    func rejectsGarbage(text: String) {
        #expect(throws: TermsError.invalid(text)) { try PaymentTerms(parsing: text) }
    }

    @Test("the discount must be more than 0 % and less than 100 %",
          arguments: ["100/10 net 30", "150/10 net 30", "0/10 net 30", "-2/10 net 30"])
    func discountOutOfRange(text: String) {
        #expect(throws: TermsError.discountOutOfRange(text)) { try PaymentTerms(parsing: text) }
    }

    @Test("the discount period cannot outlast the net period", arguments: ["2/31 net 30", "2/10 net 5"])
    func discountLongerThanNet(text: String) {
        #expect(throws: TermsError.discountLongerThanNet(text)) { try PaymentTerms(parsing: text) }
    }

    @Test("due date and discount deadline from the issue date", arguments: [
        ("due on receipt", "2024-03-01", "2024-03-01", nil),
        ("net 30", "2024-03-01", "2024-03-31", nil),
        ("net 30", "2024-01-31", "2024-03-01", nil),
        ("eom 15", "2024-01-15", "2024-02-15", nil),
        ("eom", "2024-02-10", "2024-02-29", nil),
        ("eom", "2023-02-10", "2023-02-28", nil),
        ("eom 30", "2024-12-05", "2025-01-30", nil),
        ("2/10 net 30", "2024-03-01", "2024-03-31", "2024-03-11"), // worked example 7
    ] as [(String, String, String, String?)])
    func dates(terms text: String, issued: String, due: String, deadline: String?) throws {
        let terms = try PaymentTerms(parsing: text)
        #expect(try terms.dueDate(issuedOn: day(issued)) == day(due))
        #expect(try terms.discountDeadline(issuedOn: day(issued)) == deadline.map(day))
    }

    @Test("worked example 7: 2/10 net 30 on 10,000.00 settles with 9,800.00")
    func workedExample7Amounts() throws {
        let terms = try PaymentTerms(parsing: "2/10 net 30")
        #expect(terms.discountPercent == Percentage(basisPoints: 200))
        #expect(try terms.discount(on: eur("10000.00")) == eur("200.00"))
        #expect(try terms.discountedAmount(of: eur("10000.00")) == eur("9800.00"))
    }

    @Test("the discount rounds half-up; terms without a discount take nothing off")
    func discountRounding() throws {
        let terms = try PaymentTerms(parsing: "2.5/10 net 45")
        #expect(try terms.discount(on: eur("1.00")) == eur("0.03")) // 0.025 -> 0.03
        #expect(try terms.discountedAmount(of: eur("1.00")) == eur("0.97"))
        #expect(try terms.discount(on: eur("0.99")) == eur("0.02")) // 0.02475 -> 0.02
        let net = PaymentTerms.net(days: 30)
        #expect(net.discountPercent == nil)
        #expect(try net.discount(on: eur("10000.00")) == .zero(.EUR))
        #expect(try net.discountedAmount(of: eur("10000.00")) == eur("10000.00"))
    }

    @Test("the canonical description", arguments: [
        ("Due On Receipt", "due on receipt"),
        ("Net30", "net 30"),
        ("eom", "eom 0"),
        ("2.5/10, net 45", "2.5/10 net 45"),
        ("2%/10 n30", "2/10 net 30"),
    ])
    func canonicalDescription(text: String, canonical: String) throws {
        #expect(try PaymentTerms(parsing: text).description == canonical)
    }

    @Test("every valid term's description parses back to the same term")
    func descriptionRoundTrip() async {
        let days = Gen.int(in: 0 ... PaymentTerms.maximumDays)
        let terms = zip(Gen.int(in: 0 ... 3), days, days, Gen.int(in: 1 ... 9999)).map { form, first, second, basisPoints in
            switch form {
            case 0: PaymentTerms.dueOnReceipt
            case 1: PaymentTerms.net(days: first)
            case 2: PaymentTerms.endOfMonth(days: first)
            default: PaymentTermsTests.discount(basisPoints, min(first, second), net: max(first, second))
            }
        }
        await propertyCheck(input: terms) { terms throws in
            #expect(try PaymentTerms(parsing: terms.description) == terms)
        }
    }
}
