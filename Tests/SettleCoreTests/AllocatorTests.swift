import PropertyBased
import SettleCore
import Testing

@Suite("Allocator")
struct AllocatorTests {
    /// A line of a plan reduced to what the tests compare.
    struct Posting: Equatable, CustomStringConvertible {
        var invoice: String
        var kind: LedgerEntryKind
        var component: LedgerComponent
        var amount: String
        var description: String { "\(invoice) \(kind) \(component) \(amount)" }
    }

    private func postings(_ plan: AllocationPlan) -> [Posting] { postings(plan.lines) }

    private func postings(_ lines: [AllocationPlan.Line]) -> [Posting] {
        lines.map { Posting(invoice: $0.invoice.value, kind: $0.entry.kind, component: $0.entry.component,
                                 amount: $0.entry.amount.decimalString) }
    }

    private func item(_ number: String, issued: String, due: String, principal: String, costs: String = "0",
                      interest: String = "0", discount: DiscountOffer? = nil) throws -> OpenItem {
        OpenItem(invoice: try invoiceNumber(number), issueDate: try day(issued), dueDate: try day(due),
                 balance: InvoiceBalance(principal: try eur(principal), costs: try eur(costs), interest: try eur(interest)),
                 originalPrincipal: try eur(principal), discount: discount)
    }

    /// Worked example 7: 10,000.00 dated 2024-03-01 on 2/10 net 30.
    private func example7() throws -> OpenItem {
        let terms = try PaymentTerms(parsing: "2/10 net 30")
        let issued = try day("2024-03-01")
        let offer = DiscountOffer(amount: try terms.discount(on: eur("10000.00")), deadline: try #require(terms.discountDeadline(issuedOn: issued)))
        return try item("INV-7", issued: "2024-03-01", due: terms.dueDate(issuedOn: issued).description, principal: "10000.00", discount: offer)
    }

    private func threeInvoices() throws -> [OpenItem] {
        [
            try item("A", issued: "2024-03-01", due: "2024-03-31", principal: "1000.00"),
            try item("B", issued: "2024-01-16", due: "2024-02-15", principal: "300.00"),
            try item("C", issued: "2024-01-10", due: "2024-02-15", principal: "200.00"),
        ]
    }

    @Test("worked example 15: costs, then interest, then principal")
    func workedExample15() throws {
        let invoice = try item("INV-15", issued: "2024-01-01", due: "2024-01-31", principal: "1000.00", costs: "40.00", interest: "25.00")
        let plan = try Allocator().allocate(eur("500.00"), on: day("2024-03-01"), paymentID: 15, to: [invoice])
        #expect(postings(plan) == [
            Posting(invoice: "INV-15", kind: .allocation, component: .costs, amount: "-40.00"),
            Posting(invoice: "INV-15", kind: .allocation, component: .interest, amount: "-25.00"),
            Posting(invoice: "INV-15", kind: .allocation, component: .principal, amount: "-435.00"),
        ])
        #expect(plan.unapplied == .zero(.EUR))
        #expect(plan.lines.allSatisfy { $0.entry.paymentID == 15 && $0.entry.date == (try? day("2024-03-01")) })
        var balance = invoice.balance
        for line in plan.lines { try balance.add(line.entry.amount, to: line.entry.component) }
        #expect(balance == InvoiceBalance(principal: try eur("565.00"), costs: .zero(.EUR), interest: .zero(.EUR)))
    }

    @Test("the organisation's order decides which part a short payment settles")
    func allocationOrder() throws {
        let invoice = try item("INV-15", issued: "2024-01-01", due: "2024-01-31", principal: "1000.00", costs: "40.00", interest: "25.00")
        let standard = try Allocator().allocate(eur("50.00"), on: day("2024-03-01"), paymentID: 1, to: [invoice])
        #expect(postings(standard) == [
            Posting(invoice: "INV-15", kind: .allocation, component: .costs, amount: "-40.00"),
            Posting(invoice: "INV-15", kind: .allocation, component: .interest, amount: "-10.00"),
        ])
        let french = try Allocator(order: .interestFirst).allocate(eur("50.00"), on: day("2024-03-01"), paymentID: 1, to: [invoice])
        #expect(postings(french) == [
            Posting(invoice: "INV-15", kind: .allocation, component: .interest, amount: "-25.00"),
            Posting(invoice: "INV-15", kind: .allocation, component: .costs, amount: "-25.00"),
        ])
    }

    @Test("allocation orders parse from text and must name each part once")
    func parsesOrder() throws {
        #expect(try AllocationOrder(parsing: "costs,interest,principal") == .standard)
        #expect(try AllocationOrder(parsing: " interest , costs,principal ") == .interestFirst)
        #expect(AllocationOrder.interestFirst.description == "interest,costs,principal")
        for text in ["costs,costs,principal", "costs,interest", "fees,interest,principal", ""] {
            #expect(throws: AllocationError.invalidOrder(text)) { try AllocationOrder(parsing: text) }
        }
    }

    @Test("without a named invoice the oldest due is paid first (due date, then issue date)")
    func oldestDueFirst() throws {
        let plan = try Allocator().allocate(eur("600.00"), on: day("2024-04-01"), paymentID: 1, to: threeInvoices())
        #expect(postings(plan) == [
            Posting(invoice: "C", kind: .allocation, component: .principal, amount: "-200.00"),
            Posting(invoice: "B", kind: .allocation, component: .principal, amount: "-300.00"),
            Posting(invoice: "A", kind: .allocation, component: .principal, amount: "-100.00"),
        ])
        #expect(plan.unapplied == .zero(.EUR))
    }

    @Test("invoices due and issued the same day are taken in number order")
    func tieBrokenByNumber() throws {
        let items = try ["B-2", "B-1"].map { try item($0, issued: "2024-01-01", due: "2024-01-31", principal: "10.00") }
        let plan = try Allocator().allocate(eur("15.00"), on: day("2024-04-01"), paymentID: 1, to: items)
        #expect(postings(plan).map(\.invoice) == ["B-1", "B-2"])
    }

    @Test("a named invoice takes the money even when older ones are open")
    func namedInvoice() throws {
        let plan = try Allocator().allocate(eur("600.00"), on: day("2024-04-01"), paymentID: 1, to: threeInvoices(),
                                            named: invoiceNumber("A"))
        #expect(postings(plan) == [Posting(invoice: "A", kind: .allocation, component: .principal, amount: "-600.00")])
        #expect(plan.unapplied == .zero(.EUR))
    }

    @Test("a surplus on a named invoice stays unapplied instead of being spread")
    func namedInvoiceOverpaid() throws {
        let plan = try Allocator().allocate(eur("1200.00"), on: day("2024-04-01"), paymentID: 1, to: threeInvoices(),
                                            named: invoiceNumber("B"))
        #expect(postings(plan) == [Posting(invoice: "B", kind: .allocation, component: .principal, amount: "-300.00")])
        #expect(try plan.unapplied == eur("900.00"))
        let unknown = try Allocator().allocate(eur("50.00"), on: day("2024-04-01"), paymentID: 1, to: threeInvoices(),
                                               named: invoiceNumber("Z"))
        #expect(unknown.lines.isEmpty)
        #expect(try unknown.unapplied == eur("50.00"))
    }

    @Test("what is left after every invoice is paid is unapplied credit")
    func allPaid() throws {
        let plan = try Allocator().allocate(eur("2000.00"), on: day("2024-04-01"), paymentID: 1, to: threeInvoices())
        #expect(postings(plan).map(\.amount) == ["-200.00", "-300.00", "-1000.00"])
        #expect(try plan.unapplied == eur("500.00"))
        #expect(try Allocator().allocate(eur("5.00"), on: day("2024-04-01"), paymentID: 1, to: []).unapplied == eur("5.00"))
    }

    @Test("a payment in another currency than its invoices throws")
    func currencyMismatch() throws {
        #expect(throws: MoneyError.currencyMismatch("USD", "EUR")) {
            try Allocator().allocate(Money(minorUnits: 100, currency: .USD), on: day("2024-04-01"), paymentID: 1, to: threeInvoices())
        }
    }

    @Test("worked example 7: 9,800.00 on the last discount day settles with a 200.00 discount")
    func discountInsideWindow() throws {
        let plan = try Allocator().allocate(eur("9800.00"), on: day("2024-03-11"), paymentID: 7, to: [example7()])
        #expect(postings(plan) == [
            Posting(invoice: "INV-7", kind: .discount, component: .principal, amount: "-200.00"),
            Posting(invoice: "INV-7", kind: .allocation, component: .principal, amount: "-9800.00"),
        ])
        #expect(plan.lines.first?.entry.paymentID == 7)
        #expect(plan.unapplied == .zero(.EUR))
    }

    @Test("worked example 7: 9,800.00 a day late is a partial payment")
    func discountAfterWindow() throws {
        let plan = try Allocator().allocate(eur("9800.00"), on: day("2024-03-12"), paymentID: 7, to: [example7()])
        #expect(postings(plan) == [Posting(invoice: "INV-7", kind: .allocation, component: .principal, amount: "-9800.00")])
    }

    @Test("no discount for less than the discounted amount, for applied credit, or after a part payment")
    func discountNotEarned() throws {
        let short = try Allocator().allocate(eur("9799.99"), on: day("2024-03-05"), paymentID: 7, to: [example7()])
        #expect(postings(short) == [Posting(invoice: "INV-7", kind: .allocation, component: .principal, amount: "-9799.99")])

        let credit = try Allocator().allocate(eur("9800.00"), on: day("2024-03-05"), paymentID: nil, to: [example7()],
                                              allowDiscount: false)
        #expect(postings(credit) == [Posting(invoice: "INV-7", kind: .allocation, component: .principal, amount: "-9800.00")])

        var partlyPaid = try example7()
        partlyPaid.balance.principal = try eur("5000.00")
        let rest = try Allocator().allocate(eur("4900.00"), on: day("2024-03-05"), paymentID: 8, to: [partlyPaid])
        #expect(postings(rest) == [Posting(invoice: "INV-7", kind: .allocation, component: .principal, amount: "-4900.00")])
    }

    @Test("paying the full amount inside the window still earns the discount; the rest is credit")
    func fullPaymentInsideWindow() throws {
        let plan = try Allocator().allocate(eur("10000.00"), on: day("2024-03-01"), paymentID: 7, to: [example7()])
        #expect(postings(plan).map(\.amount) == ["-200.00", "-9800.00"])
        #expect(try plan.unapplied == eur("200.00"))
    }

    @Test("a reversal undoes each allocation and discount with positive amounts on the same components")
    func reversal() throws {
        let invoice = try item("INV-15", issued: "2024-01-01", due: "2024-01-31", principal: "1000.00", costs: "40.00", interest: "25.00")
        let paid = try Allocator().allocate(eur("500.00"), on: day("2024-03-01"), paymentID: 15, to: [invoice])
        let discounted = try Allocator().allocate(eur("9800.00"), on: day("2024-03-11"), paymentID: 7, to: [example7()])
        let issue = (invoice: try invoiceNumber("INV-15"),
                     entry: LedgerEntry(kind: .principal, component: .principal, amount: try eur("1000.00"), date: try day("2024-01-01")))
        let posted = [issue] + (paid.lines + discounted.lines).map { (invoice: $0.invoice, entry: $0.entry) }

        let lines = Allocator.reversal(of: posted, on: try day("2024-04-02"), reason: .bounced)
        #expect(postings(lines) == [
            Posting(invoice: "INV-15", kind: .reversal, component: .costs, amount: "40.00"),
            Posting(invoice: "INV-15", kind: .reversal, component: .interest, amount: "25.00"),
            Posting(invoice: "INV-15", kind: .reversal, component: .principal, amount: "435.00"),
            Posting(invoice: "INV-7", kind: .discountReversal, component: .principal, amount: "200.00"),
            Posting(invoice: "INV-7", kind: .reversal, component: .principal, amount: "9800.00"),
        ])
        #expect(lines.map(\.entry.paymentID) == [15, 15, 15, 7, 7])
        #expect(lines.allSatisfy { $0.entry.date == (try? day("2024-04-02")) })
        #expect(lines[3].entry.note == "bounced: undoes discount")
        #expect(lines[4].entry.note == "bounced: undoes allocation")
    }

    // MARK: Ledger invariants over random open items and payments

    struct Scenario: CustomStringConvertible {
        var items: [OpenItem]
        var payment: Money
        var date: Day
        var named: InvoiceNumber?
        var allowDiscount: Bool
        var order: AllocationOrder
        var description: String {
            "pay \(payment) on \(date) named \(named?.value ?? "-") discount \(allowDiscount) order \(order) to "
                + items.map { "\($0.invoice) due \($0.dueDate) \($0.balance.principal)/\($0.balance.costs)/\($0.balance.interest) offer \($0.discount.map { "\($0.amount) by \($0.deadline)" } ?? "-")" }.joined(separator: "; ")
        }
    }

    static let scenarios = {
        let start = Day(year: 2024, month: 1, day: 1)!
        let item = zip(Gen.int64(in: 0 ... 200_000), Gen.int64(in: 0 ... 5_000), Gen.int64(in: 0 ... 5_000),
                       Gen.int(in: 0 ... 90), Gen.int(in: 0 ... 60), Gen.int(in: 0 ... 500), Gen.bool)
        let items = item.array(of: 0 ... 6).map { parts in
            parts.enumerated().map { index, part in
                let (principal, costs, interest, dueOffset, term, discountBasisPoints, untouched) = part
                let due = start.adding(days: dueOffset)
                let issued = due.adding(days: -term)
                let discount = Money(minorUnits: principal * Int64(discountBasisPoints) / 10_000, currency: .EUR)
                return OpenItem(
                    invoice: try! InvoiceNumber("INV-\(index)"), issueDate: issued, dueDate: due,
                    balance: InvoiceBalance(principal: Money(minorUnits: principal, currency: .EUR),
                                            costs: Money(minorUnits: costs, currency: .EUR),
                                            interest: Money(minorUnits: interest, currency: .EUR)),
                    originalPrincipal: Money(minorUnits: untouched ? principal : principal + 1_000, currency: .EUR),
                    discount: DiscountOffer(amount: discount, deadline: issued.adding(days: term / 3)))
            }
        }
        return zip(items, Gen.int64(in: 1 ... 400_000), Gen.int(in: 0 ... 150), Gen.int(in: -1 ... 6), Gen.bool, Gen.bool)
            .map { items, payment, dateOffset, namedIndex, allowDiscount, interestFirst in
                Scenario(items: items, payment: Money(minorUnits: payment, currency: .EUR), date: start.adding(days: dateOffset),
                         named: items.indices.contains(namedIndex) ? items[namedIndex].invoice : nil,
                         allowDiscount: allowDiscount, order: interestFirst ? .interestFirst : .standard)
            }
    }()

    @Test("allocated + unapplied == payment; no part goes negative; only positive balances receive money")
    func ledgerInvariants() async {
        await propertyCheck(count: 500, input: Self.scenarios) { scenario throws in
            let plan = try Allocator(order: scenario.order).allocate(
                scenario.payment, on: scenario.date, paymentID: 42, to: scenario.items,
                named: scenario.named, allowDiscount: scenario.allowDiscount)

            #expect(!plan.unapplied.isNegative)
            let allocated = plan.lines.filter { $0.entry.kind == .allocation }.reduce(Int64(0)) { $0 - $1.entry.amount.minorUnits }
            #expect(allocated + plan.unapplied.minorUnits == scenario.payment.minorUnits)

            var balances = Dictionary(uniqueKeysWithValues: scenario.items.map { ($0.invoice, $0.balance) })
            for line in plan.lines {
                let entry = line.entry
                #expect(entry.kind == .allocation || entry.kind == .discount)
                #expect(entry.amount.isNegative)
                #expect(entry.paymentID == 42 && entry.date == scenario.date)
                if let named = scenario.named { #expect(line.invoice == named) }
                var balance = try #require(balances[line.invoice])
                #expect(balance[entry.component].isPositive)
                try balance.add(entry.amount, to: entry.component)
                #expect(!balance[entry.component].isNegative)
                balances[line.invoice] = balance
            }
            // A surplus exists only when everything the payment could go to is settled.
            if plan.unapplied.isPositive {
                let targets = scenario.named.map { [$0] } ?? Array(balances.keys)
                for target in targets { #expect(balances[target]?.total.isPositive != true) }
            }
        }
    }

    @Test("without a named invoice the plan does not depend on the order the items come in")
    func independentOfInputOrder() async {
        await propertyCheck(input: Self.scenarios) { scenario throws in
            let allocator = Allocator(order: scenario.order)
            let forward = try allocator.allocate(scenario.payment, on: scenario.date, paymentID: 1, to: scenario.items)
            let backward = try allocator.allocate(scenario.payment, on: scenario.date, paymentID: 1, to: scenario.items.reversed())
            #expect(forward == backward)
        }
    }
}
