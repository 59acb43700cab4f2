import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// A book of twelve clients (thirteen invoices) run day by day for 120 days through the real store, checked against
/// the actions each invoice must receive and when (issue 3's scenario).
@Suite struct ScenarioTests {
    static let clients = clientsHeader + """
        GB1,Thames Joinery Ltd,business,a@gb1.example,,GB,Europe/London,en,net 30
        DE1,Müller GmbH,business,b@de1.example,,DE,Europe/Berlin,de,net 30
        FR1,Atelier Dubois,business,c@fr1.example,,FR,Europe/Paris,fr,net 30
        US1,Emily Johnson,consumer,d@us1.example,,US,America/New_York,en,net 30
        DE2,Anna Schmidt,consumer,e@de2.example,,DE,Europe/Berlin,de,net 30
        GB2,Harry Patel,consumer,f@gb2.example,,GB,Europe/London,en,net 30
        US2,Hudson Supply Inc,business,g@us2.example,,US,America/New_York,en,net 30
        DE3,Rhein Logistik GmbH,business,h@de3.example,,DE,Europe/Berlin,de,net 30
        FR2,Camille Laurent,consumer,i@fr2.example,,FR,Europe/Paris,fr,net 30
        GB3,Pennine Print Co,business,j@gb3.example,,GB,Europe/London,en,net 30
        US3,Summit Outfitters Inc,business,k@us3.example,,US,America/New_York,en,net 30
        FR3,Transports Lefèvre,business,l@fr3.example,,FR,Europe/Paris,fr,net 30

        """

    /// Every invoice is issued 2024-01-01 and due 2024-01-31.
    static let invoices = invoicesHeader + """
        NEVER,GB1,2024-01-01,2024-01-31,GBP,5000.00,never pays
        BROKEN,DE1,2024-01-01,2024-01-31,EUR,8000.00,breaks a promise
        KEPT,FR1,2024-01-01,2024-01-31,EUR,3000.00,keeps a promise
        DISPUTED,US1,2024-01-01,2024-01-31,USD,400.00,disputed
        UNDISPUTED,US1,2024-01-01,2024-01-31,USD,200.00,same client not disputed
        HARDSHIP,DE2,2024-01-01,2024-01-31,EUR,900.00,client in hardship
        PAUSED,GB2,2024-01-01,2024-01-31,GBP,300.00,client paused
        PARTLY,US2,2024-01-01,2024-01-31,USD,10000.00,half paid mid-way
        PAID,DE3,2024-01-01,2024-01-31,EUR,1200.00,paid a week late
        PLAIN-FR,FR2,2024-01-01,2024-01-31,EUR,150.00,plain consumer
        PLAIN-GB,GB3,2024-01-01,2024-01-31,GBP,20000.00,plain business
        PLAIN-US,US3,2024-01-01,2024-01-31,USD,700.00,plain business
        PLAN,FR3,2024-01-01,2024-01-31,EUR,900.00,plan with a missed instalment

        """

    static let start = "2024-01-20"
    static let gap = 70...79   // no runs on these days of the scenario (2024-03-30 .. 2024-04-08)

    @Test(arguments: TestEngine.available)
    func aBookOfTwelveClientsOver120Days(engine: TestEngine) async throws {
        try await withSettle(engine, today: Self.start) { settle in
            _ = try await settle.importCSV("clients", Self.clients)
            _ = try await settle.importCSV("invoices", Self.invoices)
            var log: [String: [String]] = [:]   // invoice -> "DAY stage kind status tone"
            var messagesPerClientDay: [String: Int] = [:]
            var balances: [String: String] = [:]
            var renderedPartly = ""
            let first = try Day(parsing: Self.start)
            for offset in 0..<120 where !Self.gap.contains(offset) {
                let day = first.adding(days: offset)
                let today = try reopened(settle, today: day.description)
                try await events(on: day, settle: today)
                let result = try await today.collect(dryRun: false)
                for action in result.actions {
                    log[action.invoice.value, default: []].append(
                        "\(day) \(action.stage) \(action.kind.rawValue) \(action.status.rawValue) \(action.tone.rawValue)")
                }
                for message in result.messages {
                    messagesPerClientDay["\(message.client) \(day) \(message.kind.rawValue)", default: 0] += 1
                }
                let rerun = try await today.collect(dryRun: false).actions
                #expect(rerun.isEmpty, "a rerun of \(day) added \(rerun.map(\.key))")
                if day.description == "2024-02-25" { balances["PARTLY"] = try await today.balance("PARTLY") }
                if day.description == "2024-03-01", let message = result.messages.first(where: { $0.invoices.map(\.value) == ["PARTLY"] }) {
                    // The formal reminder of the half-paid invoice shows what is left, not the original amount.
                    let context = try await today.messageContext(invoices: ["PARTLY"], links: nil)
                    let rendered = try await today.renderMessage(template: message.template, tone: message.tone, context: context)
                    renderedPartly = rendered.message.text
                }
            }
            #expect(messagesPerClientDay.values.allSatisfy { $0 == 1 })

            func sent(_ invoice: String) -> [String] {
                (log[invoice] ?? []).filter { $0.contains(" due ") || $0.contains("awaiting_approval") }
            }
            // Never pays: every stage on its day, tone rising, fee and statutory claim at 14, approval at 60, then a case.
            #expect(sent("NEVER") == [
                "2024-01-28 pre-due email due friendly", "2024-02-01 overdue-1 email due polite",
                "2024-02-07 overdue-7 email due firm", "2024-02-07 overdue-7 call_task due firm",
                "2024-02-14 overdue-14 email due firm", "2024-02-14 overdue-14 late_fee due firm",
                "2024-02-14 overdue-14 interest due firm", "2024-03-01 overdue-30 email due formal",
                "2024-03-01 overdue-30 letter due formal", "2024-03-16 overdue-45 email due final",
                "2024-03-16 overdue-45 letter due final", "2024-03-16 overdue-45 call_task due final",
                "2024-03-31 escalate-60 escalate awaiting_approval final",
            ].filter { !$0.hasPrefix("2024-03-31") } + ["2024-04-09 escalate-60 escalate awaiting_approval final"])
            let never = try await settle.invoiceDetail("NEVER")
            // UK Act: 8 + 5.25 (Bank Rate on 31 Dec 2023) = 13.25 % for 14 days on 5,000.00 = 25.41; fixed sum 70.00.
            #expect(never.entries.filter { $0.kind == .interest || $0.kind == .compensation }.map(\.amount.decimalString) == ["25.41", "70.00"])
            // The case after approval stops Settle's own chasing.
            #expect(try await settle.cases().count == 1)
            #expect(!(log["NEVER"] ?? []).contains { $0 >= "2024-04-12" })

            // Broken promise: only the courtesy reminder while it runs, then a follow-up and a call, then the stages resume.
            #expect(sent("BROKEN").filter { $0 >= "2024-02-05" && $0 < "2024-03-01" } == [
                "2024-02-11 courtesy-1 email due friendly",
                "2024-02-16 broken-promise-1 email due firm", "2024-02-16 broken-promise-1 call_task due firm",
                "2024-02-16 overdue-14 late_fee due firm", "2024-02-16 overdue-14 interest due firm",
            ])
            #expect(sent("BROKEN").contains("2024-03-01 overdue-30 letter due formal"))
            // Kept promise: paid in full before the date; nothing after the promise.
            #expect(!sent("KEPT").contains { $0 >= "2024-02-04" })
            // A dispute stops only its invoice.
            #expect(!sent("DISPUTED").contains { $0 >= "2024-02-04" })
            #expect(sent("UNDISPUTED").contains("2024-03-01 overdue-30 letter due formal"))
            // Hardship: supportive tone, no fee, no interest, no escalation.
            #expect(sent("HARDSHIP").filter { $0 >= "2024-02-10" }.allSatisfy { $0.hasSuffix("supportive") })
            #expect(!sent("HARDSHIP").contains { $0.contains("late_fee") || $0.contains("interest") || $0.contains("escalate") })
            // A pause: nothing from 2024-02-05 to 2024-02-20, then one catch-up.
            #expect(!sent("PAUSED").contains { $0 >= "2024-02-05" && $0 <= "2024-02-20" })
            #expect(sent("PAUSED").filter { $0.hasPrefix("2024-02-21") && $0.contains("email") } == ["2024-02-21 overdue-14 email due firm"])
            // Paid a week late: nothing after the payment.
            let paid = sent("PAID")
            #expect(paid.filter { $0 >= "2024-02-08" } == [])
            #expect(try await settle.status("PAID") == .paid)
            // Half paid mid-way: chasing goes on for the rest.
            #expect(balances["PARTLY"] == "5000.00")
            #expect(renderedPartly.contains("$5,000.00"))
            #expect(!renderedPartly.contains("$10,000.00"))
            #expect(sent("PARTLY").contains("2024-03-01 overdue-30 letter due formal"))
            // A plan: its instalments are chased instead of the stages; a missed one defaults it after
            // the grace days, with a call, and the stages resume on the rest.
            #expect(sent("PLAN").filter { $0 >= "2024-02-05" && $0 < "2024-03-23" } == [
                "2024-02-12 plan-1-1-before email due friendly",
                "2024-03-12 plan-1-2-before email due friendly", "2024-03-16 plan-1-2-after email due polite",
                "2024-03-21 plan-1-default email due firm", "2024-03-21 plan-1-default call_task due firm",
                "2024-03-22 overdue-14 late_fee due firm", "2024-03-22 overdue-14 interest due firm",
                "2024-03-22 overdue-45 email due final", "2024-03-22 overdue-45 letter due final",
                "2024-03-22 overdue-45 call_task due final",
            ])
            #expect(try await settle.plans(activeOnly: false).map(\.plan.status) == [.defaulted])
            // The 10-day gap: on the first day back each invoice gets at most one message per channel.
            for (invoice, entries) in log {
                let back = entries.filter { $0.hasPrefix("2024-04-09") && $0.contains(" due ") && ($0.contains("email") || $0.contains("letter")) }
                #expect(Set(back.map { $0.split(separator: " ")[2] }).count == back.count, "\(invoice): \(back)")
            }
        }
    }

    /// What happens outside the cycle: promises, payments, disputes, pauses, hardship, approvals.
    func events(on day: Day, settle: Settle) async throws {
        switch day.description {
        case "2024-02-03":
            _ = try await settle.addPromise(invoice: "BROKEN", date: try Day(parsing: "2024-02-12"), amount: nil, note: "next week")
            _ = try await settle.addPromise(invoice: "KEPT", date: try Day(parsing: "2024-02-10"), amount: nil, note: "")
            try await settle.openDispute(invoice: "DISPUTED", reason: .notReceived, note: "never arrived")
        case "2024-02-05":
            try await settle.pauseClient("GB2", until: try Day(parsing: "2024-02-20"), note: "owner in hospital")
            let plan = try await settle.createPlan(client: "FR3", invoices: ["PLAN"], instalments: 3, every: .month,
                                                   start: try Day(parsing: "2024-02-15"), down: nil, waiveFees: false)
            #expect(plan.plan.instalments.map(\.amount.decimalString) == ["300.00", "300.00", "300.00"])
        case "2024-02-15":
            _ = try await settle.addPayment(Payment(client: "FR3", date: day, amount: try Money(parsing: "300.00", currencyCode: "EUR"),
                                                    method: .bankTransfer, invoice: try InvoiceNumber("PLAN")))
        case "2024-02-08":
            _ = try await settle.addPayment(Payment(client: "DE3", date: day, amount: try Money(parsing: "1200.00", currencyCode: "EUR"),
                                                    method: .bankTransfer, invoice: try InvoiceNumber("PAID")))
            _ = try await settle.addPayment(Payment(client: "FR1", date: day, amount: try Money(parsing: "3000.00", currencyCode: "EUR"),
                                                    method: .bankTransfer, invoice: try InvoiceNumber("KEPT")))
        case "2024-02-10":
            try await settle.setHardship(client: "DE2", until: try Day(parsing: "2024-12-31"), note: "lost job")
        case "2024-02-20":
            _ = try await settle.addPayment(Payment(client: "US2", date: day, amount: try Money(parsing: "5000.00", currencyCode: "USD"),
                                                    method: .bankTransfer, invoice: try InvoiceNumber("PARTLY")))
        case "2024-04-10":
            let waiting = try await settle.approvals().filter { $0.approval.invoice == "NEVER" }
            #expect(waiting.count == 1)
            if let approval = waiting.first { try await settle.approve(approval.approval.id, kind: .agency, note: "scenario") }
        default:
            break
        }
    }
}
