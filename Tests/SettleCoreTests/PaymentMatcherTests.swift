import SettleCore
import Testing

/// The matcher's rules one by one, on a small book.
@Suite("Payment matcher") struct PaymentMatcherTests {
    static func invoice(_ id: Int64, _ number: String, _ client: String, _ amount: String, due: String = "2024-04-30",
                        discount: (String, String)? = nil) throws -> MatchableInvoice {
        let total = try eur(amount)
        return MatchableInvoice(id: id, client: client, item: OpenItem(
            invoice: try invoiceNumber(number), issueDate: try day("2024-04-01"), dueDate: try day(due),
            balance: InvoiceBalance(principal: total, costs: .zero(.EUR), interest: .zero(.EUR)), originalPrincipal: total,
            discount: try discount.map { DiscountOffer(amount: try eur($0.0), deadline: try day($0.1)) }))
    }

    static func book() throws -> PaymentMatcher {
        PaymentMatcher(currency: .EUR, invoices: [
            try invoice(1, "INV-1002", "KLEE", "100.00", due: "2024-04-10"),
            try invoice(2, "INV-1003", "KLEE", "250.00", due: "2024-04-20"),
            try invoice(3, "B-2001", "MOSS", "80.00"),
            try invoice(4, "B-2002", "MOSS", "80.00", due: "2024-05-30"),
            try invoice(5, "2026-0042", "ROOK", "1000.00", discount: ("20.00", "2024-04-11")),
            try invoice(6, "777", "ROOK", "55.55"),
        ], clients: [
            MatchableClient(code: "KLEE", name: "Klee & Söhne GmbH", accounts: ["DE02 1203 0000 0000 2020 51"]),
            MatchableClient(code: "MOSS", name: "Moss Ltd"),
            MatchableClient(code: "ROOK", name: "Rook SARL"),
        ], instalments: [
            DueInstalment(client: "MOSS", invoices: [try invoiceNumber("B-2001"), try invoiceNumber("B-2002")],
                          amount: try eur("40.00"), dueDate: try day("2024-04-15")),
        ])
    }

    static func credit(_ amount: String, text: [String] = [], references: [String] = [], name: String? = nil,
                       account: String? = nil, on valueDate: String = "2024-04-05") throws -> StatementEntry {
        StatementEntry(amount: try eur(amount), direction: .credit, valueDate: try day(valueDate), remittance: text,
                       creditorReferences: references, counterpartyName: name, counterpartyAccount: account,
                       position: StatementPosition(entry: 1))
    }

    func best(_ entry: StatementEntry, in matcher: PaymentMatcher? = nil) throws -> MatchCandidate? {
        try (matcher ?? Self.book()).candidates(for: entry).first
    }

    @Test func invoiceNumbersWrittenLooselyAreFound() throws {
        let cases: [(text: String, numbers: [String])] = [
            ("INV 1002", ["INV-1002"]), ("inv#1002/1003", ["INV-1002", "INV-1003"]), ("Rechnung B-2001", ["B-2001"]),
            ("rechnung b2001 vom 03.04.", ["B-2001"]), ("Inv - 1003 thanks", ["INV-1003"]), ("RE 2026-0042", ["2026-0042"]),
            ("Order 4711", []), ("B 2003", []),
        ]
        let matcher = try Self.book()
        for (text, numbers) in cases {
            #expect(matcher.numbers(in: text).filter(\.strong).map(\.invoice.number.value) == numbers, "\(text)")
        }
        let both = try #require(try best(Self.credit("350.00", text: ["inv#1002/1003"])))
        #expect(both.client == "KLEE" && both.invoices.map(\.value) == ["INV-1002", "INV-1003"] && both.confidence == 95)
        // A part payment naming its invoice is still sure; more than owed waits for a person.
        #expect(try best(Self.credit("30.00", text: ["INV 1002"]))?.confidence == 95)
        #expect(try best(Self.credit("130.00", text: ["INV 1002"]))?.confidence == 80)
        // Named by one client's invoice number but paid from another client's known account.
        #expect(try best(Self.credit("80.00", text: ["B-2001"], account: "DE02120300000000202051"))?.confidence == 70)
    }

    @Test func rfReferencesStructuredOrInTheTextAreSurest() throws {
        let reference = CreditorReference(invoiceNumber: "B-2002")
        let structured = try #require(try best(Self.credit("80.00", references: [reference.printed])))
        #expect(structured.invoices.map(\.value) == ["B-2002"] && structured.confidence == 99 && structured.reason.contains("RF reference"))
        let typed = try #require(try best(Self.credit("80.00", text: ["Ref " + reference.printed.lowercased()])))
        #expect(typed.invoices.map(\.value) == ["B-2002"] && typed.confidence == 99)
        // One wrong check digit: no reference at all, and the amount alone is ambiguous between B-2001 and B-2002.
        var broken = Array(reference.value)
        broken[2] = broken[2] == "9" ? "8" : "9"
        #expect(try Self.book().candidates(for: Self.credit("80.00", references: [String(broken)])).allSatisfy { $0.confidence < 90 })
    }

    @Test func thePayerWithTheAmount() throws {
        // Known account, amount of exactly one open invoice.
        let exact = try #require(try best(Self.credit("250.00", account: "DE02120300000000202051")))
        #expect(exact.invoices.map(\.value) == ["INV-1003"] && exact.confidence == 92)
        // The same by name only (accents and legal form folded), below the default threshold.
        let named = try #require(try best(Self.credit("250.00", name: "KLEE UND SOEHNE")))
        #expect(named.invoices.map(\.value) == ["INV-1003"] && named.confidence == 80)
        // Two invoices of the same balance: each suggested, the older first, neither sure.
        let twins = try Self.book().candidates(for: Self.credit("80.00", name: "Moss Limited"))
        #expect(twins.prefix(2).map(\.invoices) == [[try invoiceNumber("B-2001")], [try invoiceNumber("B-2002")]])
        #expect(twins.allSatisfy { $0.confidence < 90 })
        // The sum of two invoices.
        let set = try #require(try best(Self.credit("350.00", account: "DE02120300000000202051")))
        #expect(set.invoices.map(\.value) == ["INV-1002", "INV-1003"] && set.confidence == 85)
        // A plan instalment.
        let instalment = try #require(try best(Self.credit("40.00", name: "Moss Ltd")))
        #expect(instalment.invoices.map(\.value) == ["B-2001", "B-2002"] && instalment.reason.contains("instalment"))
        // A part payment: oldest first, never sure.
        let part = try #require(try best(Self.credit("120.00", account: "DE02120300000000202051")))
        #expect(part.invoices.map(\.value) == ["INV-1002", "INV-1003"] && part.confidence == 55)
    }

    @Test func theDiscountedAmountOnlyInsideTheWindow() throws {
        let inTime = try #require(try best(Self.credit("980.00", name: "Rook", on: "2024-04-11")))
        #expect(inTime.invoices.map(\.value) == ["2026-0042"] && inTime.reason.contains("early-payment discount"))
        let late = try Self.book().candidates(for: Self.credit("980.00", name: "Rook", on: "2024-04-12"))
        #expect(!late.contains { $0.reason.contains("discount") })
    }

    @Test func shortNumbersNeedTheirPayerOrAmount() throws {
        // "777" could be anything; with the amount it is confirmed.
        #expect(try best(Self.credit("10.00", text: ["Kunde 777"]))?.confidence == 65)
        #expect(try best(Self.credit("55.55", text: ["Kunde 777"]))?.confidence == 92)
        // The trailing digits of a longer number, paid from the client's account.
        let digits = try #require(try best(Self.credit("50.00", text: ["zu 1003"], account: "DE02120300000000202051")))
        #expect(digits.invoices.map(\.value) == ["INV-1003"] && digits.confidence == 92)
    }

    @Test func anUnknownPayerGetsOnlyASuggestion() throws {
        let alone = try #require(try best(Self.credit("55.55")))
        #expect(alone.invoices.map(\.value) == ["777"] && alone.confidence == 50)
        #expect(try Self.book().candidates(for: Self.credit("12.34", name: "Somebody Else")).isEmpty)
        // Money out and reversals are never matched.
        var out = try Self.credit("100.00", text: ["INV 1002"])
        out.direction = .debit
        #expect(try Self.book().candidates(for: out).isEmpty)
    }

    @Test func appliedPaymentsLeaveTheIndex() throws {
        var matcher = try Self.book()
        let number = try invoiceNumber("INV-1003")
        let line = AllocationPlan.Line(invoice: number, entry: LedgerEntry(
            kind: .allocation, component: .principal, amount: try eur("-250.00"), date: try day("2024-04-05"), paymentID: 1))
        matcher.apply([line])
        #expect(matcher.invoice(number) == nil)
        #expect(try best(Self.credit("250.00", text: ["INV 1003"]), in: matcher)?.invoices.contains(number) != true)
        // A part payment leaves the rest open under its new balance.
        let part = AllocationPlan.Line(invoice: try invoiceNumber("INV-1002"), entry: LedgerEntry(
            kind: .allocation, component: .principal, amount: try eur("-40.00"), date: try day("2024-04-05"), paymentID: 2))
        matcher.apply([part])
        #expect(try best(Self.credit("60.00", account: "DE02120300000000202051"), in: matcher)?.confidence == 92)
    }
}
