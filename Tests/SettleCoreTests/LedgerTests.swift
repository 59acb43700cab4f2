import SettleCore
import Testing

@Suite("Ledger: balance, summary and payment status")
struct LedgerTests {
    private func entry(_ kind: LedgerEntryKind, _ amount: String, to component: LedgerComponent = .principal, on date: String,
                       payment: Int64? = nil) throws -> LedgerEntry {
        LedgerEntry(kind: kind, component: component, amount: try eur(amount), date: try day(date), paymentID: payment)
    }

    private func issued() throws -> LedgerEntry { try entry(.principal, "1000.00", on: "2024-03-01") }

    private func status(_ entries: [LedgerEntry], asOf: String? = nil, isVoid: Bool = false) throws -> PaymentStatus {
        PaymentStatus(isVoid: isVoid, summary: try LedgerSummary(entries: entries, currency: .EUR, asOf: asOf.map(day)))
    }

    @Test("the balance is the sum of entries per part")
    func balance() throws {
        let entries = [
            try issued(),
            try entry(.fee, "40.00", to: .costs, on: "2024-04-10"),
            try entry(.interest, "12.34", to: .interest, on: "2024-04-15"),
            try entry(.allocation, "-40.00", to: .costs, on: "2024-04-20", payment: 1),
            try entry(.allocation, "-100.00", to: .principal, on: "2024-04-20", payment: 1),
        ]
        let balance = try InvoiceBalance(entries: entries, currency: .EUR)
        #expect(balance == InvoiceBalance(principal: try eur("900.00"), costs: .zero(.EUR), interest: try eur("12.34")))
        #expect(try balance.total == eur("912.34"))
        #expect(try balance[.interest] == eur("12.34"))
        let before = try InvoiceBalance(entries: entries, currency: .EUR, asOf: day("2024-04-15"))
        #expect(try before.total == eur("1052.34"))
        #expect(throws: MoneyError.currencyMismatch("USD", "EUR")) {
            try InvoiceBalance(entries: entries, currency: .USD)
        }
    }

    @Test("status from the ledger", arguments: [
        ("issued only", [LedgerEntryKind.principal], ["1000.00"], PaymentStatus.open),
        ("part paid", [.principal, .allocation], ["1000.00", "-400.00"], .partiallyPaid),
        ("paid", [.principal, .allocation, .allocation], ["1000.00", "-400.00", "-600.00"], .paid),
        ("credit note only", [.principal, .creditNote], ["1000.00", "-300.00"], .open),
        ("credited in full", [.principal, .creditNote], ["1000.00", "-1000.00"], .paid),
        ("written off", [.principal, .writeOff], ["1000.00", "-1000.00"], .writtenOff),
        ("part paid, rest written off", [.principal, .allocation, .writeOff], ["1000.00", "-400.00", "-600.00"], .writtenOff),
        ("part written off", [.principal, .writeOff], ["1000.00", "-600.00"], .open),
    ])
    func statusFromLedger(name: String, kinds: [LedgerEntryKind], amounts: [String], expected: PaymentStatus) throws {
        let entries = try zip(kinds, amounts).map { kind, amount in
            try entry(kind, amount, on: "2024-03-10", payment: kind == .allocation ? 1 : nil)
        }
        #expect(try status(entries) == expected)
    }

    @Test("an open late fee keeps a paid principal partially paid; only a zero balance is paid")
    func chargesStillOpen() throws {
        let entries = [try issued(), try entry(.fee, "40.00", to: .costs, on: "2024-04-10"),
                       try entry(.allocation, "-1000.00", on: "2024-04-20", payment: 1)]
        let summary = try LedgerSummary(entries: entries, currency: .EUR)
        #expect(try summary.balance.total == eur("40.00"))
        #expect(try summary.received == eur("-1000.00"))
        #expect(PaymentStatus(isVoid: false, summary: summary) == .partiallyPaid)
    }

    @Test("a void invoice is void whatever its ledger says")
    func void() throws {
        #expect(try status([issued()], isVoid: true) == .void)
        #expect(try status([], isVoid: true) == .void)
    }

    @Test("entries after the as-of day do not count; nothing issued yet is open")
    func asOf() throws {
        let entries = [try issued(), try entry(.allocation, "-1000.00", on: "2024-03-20", payment: 1)]
        #expect(try status(entries, asOf: "2024-03-19") == .open)
        #expect(try status(entries, asOf: "2024-03-20") == .paid)
        let beforeIssue = try LedgerSummary(entries: entries, currency: .EUR, asOf: day("2024-02-29"))
        #expect(!beforeIssue.hasEntries)
        #expect(beforeIssue.balance == .zero(.EUR))
        #expect(PaymentStatus(isVoid: false, summary: beforeIssue) == .open)
    }

    @Test("a reversed payment reopens a paid invoice with its full balance")
    func reversalReopens() throws {
        let payment = try entry(.allocation, "-1000.00", on: "2024-03-10", payment: 5)
        let reversal = Allocator.reversal(of: [(invoice: try invoiceNumber("INV-1"), entry: payment)],
                                          on: try day("2024-03-15"), reason: .chargeback).map(\.entry)
        let entries = [try issued(), payment] + reversal
        #expect(try status(entries, asOf: "2024-03-14") == .paid)
        let summary = try LedgerSummary(entries: entries, currency: .EUR)
        #expect(PaymentStatus(isVoid: false, summary: summary) == .open)
        #expect(try summary.balance.total == eur("1000.00"))
        #expect(summary.received == .zero(.EUR))
    }

    @Test("a reversed discounted payment leaves nothing counted as received (worked example 7)")
    func reversedDiscountIsNotReceived() throws {
        let terms = try PaymentTerms(parsing: "2/10 net 30")
        let item = OpenItem(invoice: try invoiceNumber("INV-7"), issueDate: try day("2024-03-01"), dueDate: try day("2024-03-31"),
                            balance: InvoiceBalance(principal: try eur("10000.00"), costs: .zero(.EUR), interest: .zero(.EUR)),
                            originalPrincipal: try eur("10000.00"),
                            discount: DiscountOffer(amount: try eur("200.00"), deadline: try day("2024-03-11")))
        let paid = try Allocator().allocate(terms.discountedAmount(of: eur("10000.00")), on: day("2024-03-11"), paymentID: 7, to: [item])
        let reversed = Allocator.reversal(of: paid.lines.map { (invoice: $0.invoice, entry: $0.entry) },
                                          on: try day("2024-03-20"), reason: .bounced)
        let later = try entry(.allocation, "-100.00", on: "2024-03-25", payment: 8)
        let entries = [try entry(.principal, "10000.00", on: "2024-03-01")] + paid.lines.map(\.entry) + reversed.map(\.entry) + [later]
        let summary = try LedgerSummary(entries: entries, currency: .EUR)
        #expect(try summary.balance.total == eur("9900.00"))
        #expect(try summary.received == eur("-100.00"))
        #expect(PaymentStatus(isVoid: false, summary: summary) == .partiallyPaid)
    }

    @Test("only open and partially paid invoices are outstanding; stored names are stable")
    func outstandingAndNames() {
        #expect(PaymentStatus.allCases.filter(\.isOutstanding) == [.open, .partiallyPaid])
        #expect(PaymentStatus.allCases.map(\.rawValue) == ["open", "partially_paid", "paid", "written_off", "void"])
    }
}
