import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// `settle timeline`: a client's history from every source, in day order, for one organisation only.
@Suite struct TimelineTests {
    static let book = invoicesHeader + """
        T-1,ACME,2024-03-01,2024-03-31,USD,1000.00,consulting
        T-2,ACME,2024-03-05,2024-04-04,USD,500.00,licences
        T-3,BETA,2024-03-01,2024-03-31,EUR,700.00,another client

        """

    /// Builds ACME's history through the use cases, each on its own day; returns the id of the call task.
    @discardableResult
    func history(_ settle: Settle) async throws -> Int64 {
        _ = try await settle.importCSV("clients", twoClients)
        _ = try await settle.importCSV("invoices", Self.book)
        let bounced = try await on(settle, "2024-03-10").addPayment(Payment(
            client: "ACME", date: try Day(parsing: "2024-03-10"), amount: try Money(parsing: "200.00", currency: .USD),
            method: .check, reference: "CHK-1", invoice: try InvoiceNumber("T-1")))
        _ = try await on(settle, "2024-03-28").collect(dryRun: false)
        _ = try await on(settle, "2024-04-02").reversePayment(bounced.id, reason: .bounced)
        _ = try await on(settle, "2024-04-08").collect(dryRun: false)
        let ninth = try on(settle, "2024-04-09")
        let call = try #require(try await ninth.tasks(dueBy: nil).first { $0.kind == .call && $0.invoice == "T-1" })
        try await ninth.completeTask(call.id, outcome: .promise, note: "pays on the 20th", promiseDate: try Day(parsing: "2024-04-20"))
        try await ninth.openDispute(invoice: "T-2", reason: .pricing, note: "wrong rate")
        let twelfth = try on(settle, "2024-04-12")
        try await twelfth.resolveDispute(invoice: "T-2", outcome: .partial, credit: "50.00")
        try await twelfth.pauseClient("ACME", until: try Day(parsing: "2024-04-15"), note: "owner away")
        try await twelfth.addNote(client: "ACME", invoice: nil, text: "Met the owner at the fair")
        _ = try await on(settle, "2024-04-22").addPayment(Payment(
            client: "ACME", date: try Day(parsing: "2024-04-22"), amount: try Money(parsing: "300.00", currency: .USD),
            method: .card, invoice: try InvoiceNumber("T-1")))
        _ = try await on(settle, "2024-04-24").collect(dryRun: false)
        return call.id
    }

    func on(_ settle: Settle, _ day: String) throws -> Settle {
        try reopened(settle, today: day)
    }

    func lines(_ events: [TimelineEvent]) -> [String] {
        events.map { "\($0.day) \($0.kind) \($0.invoice ?? "-")" }
    }

    @Test(arguments: TestEngine.available)
    func aClientsHistoryIsInDayOrderFromEverySource(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-05") { settle in
            let call = try await history(settle)
            let events = try await on(settle, "2024-04-25").timeline(client: "ACME", invoice: nil)
            #expect(lines(events) == [
                "2024-03-01 invoice T-1",
                "2024-03-05 invoice T-2",
                "2024-03-10 payment T-1",
                "2024-03-10 allocation T-1",
                "2024-03-28 reminder T-1",
                "2024-04-02 reversal T-1",
                "2024-04-08 reminder T-1",
                "2024-04-08 call_task T-1",
                "2024-04-08 reminder T-2",
                "2024-04-08 skipped -",
                "2024-04-09 promise T-1",
                "2024-04-09 dispute T-2",
                "2024-04-09 task_done T-1",
                "2024-04-12 dispute_resolved T-2",
                "2024-04-12 credit_note T-2",
                "2024-04-12 pause -",
                "2024-04-12 note -",
                "2024-04-22 payment T-1",
                "2024-04-22 allocation T-1",
                "2024-04-24 promise_outcome T-1",
                "2024-04-24 reminder T-1",
                "2024-04-24 reminder T-2",
                "2024-04-24 skipped T-2",
            ])
            let summaries = events.map(\.summary)
            #expect(summaries[0] == "Invoice T-1 issued: 1000.00 USD, due 2024-03-31")
            #expect(summaries[2] == "Payment of 200.00 USD received (check, reference CHK-1); reversed on 2024-04-02 (bounced)")
            #expect(summaries[3] == "200.00 USD of \(events[2].detail) applied to principal")
            #expect(summaries[4] == "Email reminder (stage pre-due, friendly tone)")
            #expect(summaries[9] == "2 reminders skipped on catch-up (T-1, T-2)")
            #expect(summaries[10] == "Promise to pay the balance by 2024-04-20")
            #expect(summaries[12] == "Call done: promise")
            #expect(events[12].detail == "task \(call): pays on the 20th")
            #expect(summaries[13] == "Dispute resolved: partial, 50.00 USD credited")
            #expect(summaries[15] == "Chasing paused until 2024-04-15")
            #expect(summaries[16] == "Met the owner at the fair")
            #expect(summaries[19] == "Promise to pay by 2024-04-20 partly kept")
            #expect(summaries[22] == "1 reminder and 1 call task skipped on catch-up")
            #expect(summaries[7] == "Call to make (stage overdue-7, firm tone)")
            #expect(events[7].detail == "task \(call): stage overdue-7 (due date +7): 8 days overdue")
            // The same history, read again, comes out the same.
            #expect(try await settle.timeline(client: "ACME", invoice: nil) == events)
        }
    }

    @Test(arguments: TestEngine.available)
    func oneInvoiceShowsOnlyItsOwnEvents(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-05") { settle in
            try await history(settle)
            let events = try await settle.timeline(client: "ACME", invoice: "T-2")
            #expect(lines(events) == [
                "2024-03-05 invoice T-2",
                "2024-04-08 reminder T-2",
                "2024-04-08 skipped T-2",
                "2024-04-09 dispute T-2",
                "2024-04-12 dispute_resolved T-2",
                "2024-04-12 credit_note T-2",
                "2024-04-24 reminder T-2",
                "2024-04-24 skipped T-2",
            ])
            #expect(events[2].summary == "1 reminder skipped on catch-up")
            #expect(events[3].detail == "wrong rate")
            let first = try await settle.timeline(client: "ACME", invoice: "T-1")
            #expect(first.allSatisfy { $0.invoice == "T-1" })
            #expect(first.filter { $0.kind == "payment" }.count == 2)

            await #expect(throws: StoreError.unknownClient("NOPE")) { _ = try await settle.timeline(client: "NOPE", invoice: nil) }
            await #expect(throws: StoreError.unknownInvoice("X-9")) { _ = try await settle.timeline(client: "ACME", invoice: "X-9") }
            await #expect(throws: InputError("invoice T-3 belongs to client BETA, not ACME")) {
                _ = try await settle.timeline(client: "ACME", invoice: "T-3")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func escalationHardshipContactPreferencesAndAWriteOffLandOnTheTimeline(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-01-01") { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "E-1,BETA,2024-01-01,2024-01-31,EUR,400.00,kitchen\n")
            _ = try await on(settle, "2024-02-14").collect(dryRun: false)
            let twentieth = try on(settle, "2024-02-20")
            try await twentieth.recordContactPreference(client: "BETA", channel: .sms, note: "no texts")
            try await twentieth.setHardship(client: "BETA", until: try Day(parsing: "2024-03-10"), note: "lost job")
            _ = try await on(settle, "2024-03-01").collect(dryRun: false)
            _ = try await on(settle, "2024-04-01").collect(dryRun: false)
            let approval = try #require(try await settle.approvals().first)
            _ = try await on(settle, "2024-04-02").approve(approval.approval.id, kind: .agency, note: "to the agency")
            let third = try on(settle, "2024-04-03")
            try await third.recordContactPreference(client: "BETA", channel: nil, note: "asked us to stop")
            _ = try await third.writeOff(invoice: "E-1", reason: .badDebt)

            let events = try await settle.timeline(client: "BETA", invoice: nil)
            #expect(lines(events) == [
                "2024-01-01 invoice E-1",
                "2024-02-14 reminder E-1",
                "2024-02-14 skipped E-1",
                "2024-02-14 interest E-1",
                "2024-02-20 hardship -",
                "2024-02-20 opt_out -",
                "2024-03-01 reminder E-1",
                "2024-03-01 letter E-1",
                "2024-04-01 skipped E-1",
                "2024-04-01 approval E-1",
                "2024-04-02 approval_decided E-1",
                "2024-04-02 case E-1",
                "2024-04-03 write_off E-1",
                "2024-04-03 write_off E-1",
                "2024-04-03 cease -",
            ])
            let summary = { (kind: String) in events.filter { $0.kind == kind }.map(\.summary) }
            #expect(summary("skipped") == ["3 reminders and 1 call task skipped on catch-up",
                                           "1 reminder, 1 letter and 1 call task skipped on catch-up"])
            #expect(summary("letter") == ["Letter (stage overdue-30, supportive tone)"])
            #expect(summary("opt_out") == ["Opted out of sms"])
            #expect(summary("approval") == ["Approval asked to escalate (stage escalate-60)"])
            #expect(summary("approval_decided") == ["Escalation approved"])
            #expect(summary("case").first?.hasSuffix(": E-1 handed to a collection agency") == true)
            #expect(summary("write_off").first == "400.00 EUR of principal written off")
            let invoiceOnly = try await settle.timeline(client: "BETA", invoice: "E-1")
            #expect(invoiceOnly == events.filter { $0.invoice == "E-1" })
        }
    }

    @Test(arguments: TestEngine.available)
    func anotherOrganisationsEventsNeverAppear(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-03-05") { settle in
            try await history(settle)
            let before = try await settle.timeline(client: "ACME", invoice: nil)
            _ = try await settle.createOrganisation(Organisation(
                slug: "other", name: "Other Ltd", currency: .USD, timeZone: "America/New_York", country: "US"))
            let other = try reopened(settle, organisation: "other", today: "2024-03-05")
            // The same client id and invoice number, with a history of its own.
            _ = try await other.importCSV("clients", twoClients)
            _ = try await other.importCSV("invoices", invoicesHeader + "T-1,ACME,2024-03-02,2024-04-01,USD,99.00,theirs\n")
            _ = try await other.importCSV("payments", paymentsHeader + "ACME,2024-03-05,USD,9.00,cash,THEIRS,T-1\n")
            try await other.addNote(client: nil, invoice: "T-1", text: "their note")
            _ = try await reopened(settle, organisation: "other", today: "2024-04-02").collect(dryRun: false)

            #expect(try await settle.timeline(client: "ACME", invoice: nil) == before)
            #expect(try await settle.timeline(client: "ACME", invoice: "T-1").allSatisfy { !$0.summary.contains("99.00") })
            let theirs = try await other.timeline(client: "ACME", invoice: nil)
            #expect(lines(theirs) == [
                "2024-03-02 invoice T-1",
                "2024-03-05 payment T-1",
                "2024-03-05 allocation T-1",
                "2024-03-05 note T-1",
                "2024-04-02 reminder T-1",
                "2024-04-02 skipped T-1",
            ])
        }
    }
}
