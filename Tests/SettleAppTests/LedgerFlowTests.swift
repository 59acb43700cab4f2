import SettleApp
import SettleCore
import SettleStore
import SQLKit
import SettleTestSupport
import Testing

/// Payments, allocation, credit, reversal, credit notes and write-offs through the store, on every engine.
@Suite struct LedgerFlowTests {
    static let invoices = invoicesHeader + """
        A-1,ACME,2024-01-01,2024-01-31,USD,100.00,oldest
        A-2,ACME,2024-02-01,2024-03-02,USD,200.00,middle
        A-3,ACME,2024-03-01,2024-03-31,USD,300.00,newest

        """

    @Test(arguments: TestEngine.available)
    func unnamedPaymentGoesToTheOldestDueFirstAndNamedToItsInvoice(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            _ = try await settle.importCSV("payments", paymentsHeader + """
                ACME,2024-03-10,USD,150.00,bank_transfer,first,
                ACME,2024-03-11,USD,50.00,card,second,A-3

                """)
            #expect(try await settle.balance("A-1") == "0.00")
            #expect(try await settle.status("A-1") == .paid)
            #expect(try await settle.balance("A-2") == "150.00")
            #expect(try await settle.status("A-2") == .partiallyPaid)
            #expect(try await settle.balance("A-3") == "250.00")
        }
    }

    @Test(arguments: TestEngine.available)
    func surplusIsKeptAsCreditAndAppliedOnRequest(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            let payment = Payment(client: "ACME", date: try Day(parsing: "2024-03-05"),
                                  amount: try Money(parsing: "130.00", currencyCode: "USD"), method: .bankTransfer,
                                  invoice: try InvoiceNumber("A-1"))
            let recorded = try await settle.addPayment(payment)
            #expect(recorded.plan.unapplied.decimalString == "30.00")
            #expect(try await settle.balance("A-2") == "200.00")
            #expect(try await settle.payments(client: "ACME").map(\.unapplied.decimalString) == ["30.00"])
            let applied = try await settle.applyCredit(client: "ACME")
            #expect(applied.map(\.invoice.value) == ["A-2"])
            #expect(try await settle.balance("A-2") == "170.00")
            #expect(try await settle.payments(client: "ACME").map(\.unapplied.decimalString) == ["0.00"])
        }
    }

    /// Worked example 7: "2/10 net 30" on 10,000.00 dated 2024-03-01.
    @Test(arguments: TestEngine.available)
    func paymentInsideTheDiscountWindowSettlesTheInvoice(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                D-1,BETA,2024-03-01,,EUR,10000.00,discount in time
                D-2,BETA,2024-03-01,,EUR,10000.00,discount too late

                """)
            let onTime = try await settle.invoiceDetail("D-1")
            #expect(onTime.stored.invoice.dueDate.description == "2024-03-31")
            _ = try await settle.importCSV("payments", paymentsHeader + """
                BETA,2024-03-11,EUR,9800.00,bank_transfer,in time,D-1
                BETA,2024-03-12,EUR,9800.00,bank_transfer,late,D-2

                """)
            let settled = try await settle.invoiceDetail("D-1")
            #expect(settled.stored.status == .paid)
            #expect(settled.entries.filter { $0.kind == .discount }.map(\.amount.decimalString) == ["-200.00"])
            #expect(try await settle.balance("D-2") == "200.00")
            #expect(try await settle.status("D-2") == .partiallyPaid)
        }
    }

    /// Worked example 15: costs, then interest, then principal within one invoice.
    @Test(arguments: TestEngine.available)
    func paymentSettlesCostsThenInterestThenPrincipal(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "F-1,ACME,2024-01-01,2024-01-31,USD,1000.00,x\n")
            let org = try await settle.organisation()
            let invoice = try await settle.invoiceDetail("F-1").stored
            let usd = Currency.USD
            try await LedgerStore(settle.database.sql, orgID: org.id).post([
                (invoice.id, LedgerEntry(kind: .interest, component: .interest, amount: Money(minorUnits: 2500, currency: usd),
                                         date: try Day(parsing: "2024-02-15"))),
                (invoice.id, LedgerEntry(kind: .fee, component: .costs, amount: Money(minorUnits: 4000, currency: usd),
                                         date: try Day(parsing: "2024-02-15"))),
            ], now: settle.timestamp)
            let recorded = try await settle.addPayment(Payment(
                client: "ACME", date: try Day(parsing: "2024-03-01"), amount: Money(minorUnits: 50000, currency: usd),
                method: .bankTransfer, invoice: try InvoiceNumber("F-1")))
            #expect(recorded.plan.lines.map { "\($0.entry.component.rawValue) \($0.entry.amount.decimalString)" }
                    == ["costs -40.00", "interest -25.00", "principal -435.00"])
            let balance = try await settle.invoiceDetail("F-1").stored.summary.balance
            #expect(balance.principal.decimalString == "565.00")
            #expect(balance.total.decimalString == "565.00")
        }
    }

    @Test(arguments: TestEngine.available)
    func reversalReopensWhatThePaymentPaid(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            let recorded = try await settle.addPayment(Payment(
                client: "ACME", date: try Day(parsing: "2024-03-10"), amount: try Money(parsing: "250.00", currencyCode: "USD"),
                method: .directDebit))
            #expect(try await settle.status("A-1") == .paid)
            _ = try await settle.reversePayment(recorded.id, reason: .bounced)
            #expect(try await settle.status("A-1") == .open)
            #expect(try await settle.balance("A-1") == "100.00")
            #expect(try await settle.balance("A-2") == "200.00")
            #expect(try await settle.payments(client: "ACME").first?.reversalReason == .bounced)
            await #expect(throws: InputError.self) { _ = try await settle.reversePayment(recorded.id, reason: .mistake) }
        }
    }

    @Test(arguments: TestEngine.available)
    func creditNotesAndWriteOffs(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            _ = try await settle.addCreditNote(invoice: "A-2", amount: "50.00", reason: "damaged goods")
            #expect(try await settle.balance("A-2") == "150.00")
            await #expect(throws: InputError.self) {
                _ = try await settle.addCreditNote(invoice: "A-2", amount: "150.01", reason: "too much")
            }
            await #expect(throws: MoneyError.self) {
                _ = try await settle.addCreditNote(invoice: "A-2", amount: "1.001", reason: "too precise")
            }
            let written = try await settle.writeOff(invoice: "A-2", reason: .badDebt)
            #expect(written.map(\.amount.decimalString) == ["-150.00"])
            #expect(try await settle.status("A-2") == .writtenOff)
            await #expect(throws: InputError.self) { _ = try await settle.writeOff(invoice: "A-2", reason: .goodwill) }
        }
    }

    /// Worked example 3, as of a past day: entries after it do not count.
    @Test(arguments: TestEngine.available)
    func agingAsOfAPastDay(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-05-15") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                G-1,ACME,2024-03-16,2024-04-15,USD,1000.00,current
                G-2,ACME,2024-03-01,2024-03-31,USD,500.00,current on the day
                G-3,ACME,2024-02-01,2024-03-01,USD,2000.00,30 days
                G-4,ACME,2024-01-02,2024-02-01,USD,750.00,59 days
                G-5,ACME,2024-01-01,2024-01-31,USD,300.00,60 days
                G-6,ACME,2023-12-01,2024-01-01,USD,1200.00,90 days
                G-7,ACME,2023-12-01,2023-12-31,USD,400.00,91 days
                G-8,ACME,2023-09-15,2023-10-15,USD,900.00,way past
                G-9,ACME,2024-04-02,2024-05-02,USD,999.00,issued after the day

                """)
            // Paid after the as-of day: still owed on 2024-03-31.
            _ = try await settle.importCSV("payments", paymentsHeader + "ACME,2024-04-05,USD,900.00,bank_transfer,late,G-8\n")
            let report = try await reopened(settle, today: "2024-03-31").agingReport(asOf: nil)
            let totals = try #require(report.totals.first)
            #expect(report.totals.count == 1)
            #expect(AgingBucket.allCases.map { totals[$0].decimalString } == ["1500.00", "2000.00", "1050.00", "1200.00", "1300.00"])
            #expect(totals.total.decimalString == "7050.00")
            #expect(report.rows.map(\.key) == ["ACME"])
            let later = try await settle.agingReport(asOf: nil)
            #expect(later.totals.first?.total.decimalString == "7149.00")
        }
    }

    @Test(arguments: TestEngine.available)
    func organisationsSeeOnlyTheirOwnData(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            _ = try await settle.createOrganisation(Organisation(
                slug: "other", name: "Other Ltd", currency: .GBP, timeZone: "Europe/London", country: "GB"))
            let other = try reopened(settle, organisation: "other", today: "2024-03-31")
            #expect(try await other.clients().isEmpty)
            #expect(try await other.invoices(InvoiceFilter()).isEmpty)
            await #expect(throws: StoreError.unknownInvoice("A-1")) { _ = try await other.invoiceDetail("A-1") }
            // The same client id and invoice number may exist in both organisations.
            _ = try await other.importCSV("clients", twoClients)
            _ = try await other.importCSV("invoices", invoicesHeader + "A-1,ACME,2024-01-01,,GBP,5.00,theirs\n")
            #expect(try await other.balance("A-1") == "5.00")
            #expect(try await settle.balance("A-1") == "100.00")
            #expect(try await settle.agingReport(asOf: nil).totals.map(\.currency.code) == ["USD"])
        }
    }

    @Test(arguments: TestEngine.available)
    func theSchemaRefusesEntriesThatBreakTheLedgerRules(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            let org = try await settle.organisation()
            let invoice = try await settle.invoiceDetail("A-1").stored
            let ledger = LedgerStore(settle.database.sql, orgID: org.id)
            let day = try Day(parsing: "2024-03-01")
            // An allocation must reduce the balance and name its payment; a fee belongs to costs.
            await #expect(throws: (any Error).self) {
                try await ledger.post([(invoice.id, LedgerEntry(kind: .allocation, component: .principal,
                                                                 amount: Money(minorUnits: 100, currency: .USD), date: day, paymentID: 1))], now: "x")
            }
            await #expect(throws: (any Error).self) {
                try await ledger.post([(invoice.id, LedgerEntry(kind: .fee, component: .principal,
                                                                 amount: Money(minorUnits: 100, currency: .USD), date: day))], now: "x")
            }
            // Another organisation's rows cannot point at this invoice.
            let otherOrg = try await settle.createOrganisation(Organisation(
                slug: "intruder", name: "Intruder", currency: .USD, timeZone: "UTC", country: "US"))
            await #expect(throws: (any Error).self) {
                try await LedgerStore(settle.database.sql, orgID: otherOrg.id).post(
                    [(invoice.id, LedgerEntry(kind: .fee, component: .costs, amount: Money(minorUnits: 100, currency: .USD), date: day))],
                    now: "x")
            }
            #expect(try await settle.balance("A-1") == "100.00")
        }
    }

    @Test(arguments: TestEngine.available)
    func creditIsAppliedToNewInvoicesWhenTheOrganisationChoosesSo(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.createOrganisation(Organisation(
                slug: "auto", name: "Auto credit", currency: .USD, timeZone: "America/New_York", country: "US",
                allocationOrder: .interestFirst, autoApplyCredit: true))
            let auto = try reopened(settle, organisation: "auto", today: "2024-03-31")
            _ = try await auto.importCSV("clients", twoClients)
            _ = try await auto.importCSV("invoices", invoicesHeader + "P-1,ACME,2024-01-01,2024-01-31,USD,100.00,x\n")
            _ = try await auto.importCSV("payments", paymentsHeader + "ACME,2024-02-01,USD,160.00,card,r,P-1\n")
            #expect(try await auto.payments(client: "ACME").map(\.unapplied.decimalString) == ["60.00"])
            _ = try await auto.importCSV("invoices", invoicesHeader + "P-2,ACME,2024-03-01,2024-03-31,USD,100.00,y\n")
            #expect(try await auto.balance("P-2") == "40.00")
            #expect(try await auto.payments(client: "ACME").map(\.unapplied.decimalString) == ["0.00"])
            #expect(try await auto.organisation().organisation.allocationOrder == .interestFirst)
        }
    }
}
