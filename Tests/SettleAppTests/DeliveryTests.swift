import Foundation
import SettleApp
import SettleCore
import SettleDelivery
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// The outbox end to end: what the cycle decided is queued, rendered, held for the client's
/// hours, cancelled when settled meanwhile, and sent once to a real SMTP server (aiosmtpd).
@Suite(.timeLimit(.minutes(2))) struct DeliveryTests {
    static let clients = clientsHeader + """
        KLEE,Klee & Söhne GmbH,business,buchhaltung@klee.example,,DE,Europe/Berlin,de,net 30
        MOSS,Moss Ltd,business,tempfail-accounts@moss.example,,GB,Europe/London,en,net 30
        ROOK,Rook SARL,business,reject@rook.example,,FR,Europe/Paris,fr,net 30
        NOAD,No Address Ltd,business,,,GB,Europe/London,en,net 30

        """
    /// Due 2024-03-31: on 2024-04-01 each is one day overdue (stage overdue-1, one email per client).
    static let invoices = invoicesHeader + """
        K-1,KLEE,2024-03-01,2024-03-31,EUR,1000.00,Beratung
        K-2,KLEE,2024-03-01,2024-03-31,EUR,250.00,Material
        M-1,MOSS,2024-03-01,2024-03-31,GBP,400.00,Consulting
        R-1,ROOK,2024-03-01,2024-03-31,EUR,300.00,Conseil
        N-1,NOAD,2024-03-01,2024-03-31,GBP,90.00,Advice

        """

    func at(_ settle: Settle, _ instant: String) throws -> Settle {
        Settle(database: settle.database, organisation: settle.organisationSlug,
               time: FixedInstant(try #require(ISO8601DateFormatter().date(from: instant))))
    }

    func courier(_ server: SMTPTestServer) throws -> EmailCourier {
        EmailCourier(sender: SMTPSender(configuration: try SMTPConfiguration(url: server.url()),
                                        retryPolicy: SMTPRetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10)),
                                        now: { Date() }))
    }

    func prepared(_ settle: Settle) async throws {
        _ = try await settle.importCSV("clients", Self.clients)
        _ = try await settle.importCSV("invoices", Self.invoices)
        _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(
            iban: "DE89 3704 0044 0532 0130 00", signature: "Anna Schmidt", senderName: "Acme Forderungen",
            senderEmail: "ar@acme.example", replyTo: "replies@acme.example"))
        _ = try await reopened(settle, today: "2024-04-01").collect(dryRun: false)
    }

    @Test(arguments: TestEngine.available)
    func decidedMessagesAreSentOnceWithTheirExactBytes(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            try await withSMTPTestServer(.plain) { server in
                // 09:00 UTC: 11:00 in Berlin and Paris, 10:00 in London.
                let morning = try at(settle, "2024-04-01T09:00:00Z")
                let report = try await morning.deliver(couriers: [try courier(server)])
                #expect(report.queued == QueueSummary(queued: 3, cancelled: 0, failed: 1))
                #expect(report.count(.sent) == 2)
                #expect(report.count(.failed) == 1)

                let received = try server.receivedMessages()
                #expect(received.map(\.recipients).sorted { $0[0] < $1[0] }
                        == [["buchhaltung@klee.example"], ["tempfail-accounts@moss.example"]])
                let klee = try #require(received.first { $0.recipients == ["buchhaltung@klee.example"] })
                #expect(klee.headers["From"] == "Acme Forderungen <ar@acme.example>")
                #expect(klee.headers["Reply-To"] == "replies@acme.example")
                #expect(klee.mailFrom == "ar@acme.example")
                let text = klee.text ?? ""
                #expect(text.contains("K-1") && text.contains("K-2"), "one consolidated email lists both invoices")
                #expect(text.contains("1.250,00"), "German amounts in a German client's email: \(text)")
                #expect(klee.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
                // Each invoice the reminder is about goes with it as a PDF: number, amount, RF reference.
                #expect(klee.attachments.map(\.filename) == ["K-1.pdf", "K-2.pdf"])
                let attached = try #require(klee.attachments.first)
                let pdf = try PDFFile([UInt8](try #require(Data(base64Encoded: attached.base64))))
                let invoiceText = try pdf.text()
                #expect(invoiceText.contains("K-1") && invoiceText.contains("1.000,00"), "\(invoiceText)")
                #expect(invoiceText.contains(CreditorReference(invoiceNumber: "K-1").printed))

                let sent = try await morning.outbox(status: .sent)
                let stored = try #require(sent.first { $0.recipient == "buchhaltung@klee.example" })
                #expect(stored.messageID == klee.headers["Message-ID"])
                #expect(stored.content == [UInt8](try #require(Data(base64Encoded: klee.rawBase64))),
                        "the stored bytes are the bytes the server received")
                #expect(stored.attempts == 1 && stored.sentAt == "2024-04-01T09:00:00Z")

                // ROOK's server answer 550: failed with the reply kept, and a task for a person.
                let failed = try #require(try await morning.outbox(status: .failed).first { $0.recipient == "reject@rook.example" })
                #expect(failed.lastError?.contains("550") == true)
                // NOAD has no email address: failed when queued.
                #expect(try await morning.outbox(status: .failed).contains { $0.key.hasPrefix("NOAD/") && $0.note.contains("no email address") })
                let tasks = try await morning.tasks(dueBy: nil).filter { $0.kind == .delivery }
                #expect(tasks.map(\.client).sorted() == ["NOAD", "ROOK"])

                // Both on the timeline: what was sent, and what failed with the server's answer.
                let kleeEvents = try await morning.timeline(client: "KLEE", invoice: nil).filter { $0.kind.hasPrefix("message_") }
                #expect(kleeEvents.map(\.summary) == ["Email sent to buchhaltung@klee.example"])
                #expect(kleeEvents.first?.invoice == nil, "one email about two invoices")
                let rookEvents = try await morning.timeline(client: "ROOK", invoice: "R-1").filter { $0.kind == "message_failed" }
                #expect(rookEvents.first?.summary == "Email to reject@rook.example failed")
                #expect(rookEvents.first?.invoice == "R-1" && rookEvents.first?.detail.contains("550") == true)

                let again = try await morning.deliver(couriers: [try courier(server)])
                #expect(again.lines.isEmpty && again.queued == QueueSummary())
                #expect(try server.receivedMessages().count == 2, "nothing is sent twice")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func settledInvoicesAreLeftOutAndQuietHoursHold(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            try await withSMTPTestServer(.plain) { server in
                // 22:30 in Berlin and Paris, 21:30 in London: every email waits for the morning.
                let late = try at(settle, "2024-04-01T20:30:00Z")
                let evening = try await late.deliver(couriers: [try courier(server)])
                #expect(try server.receivedMessages().isEmpty)
                #expect(evening.count(.held) == 3)
                let held = try #require(evening.lines.first { $0.recipient == "buchhaltung@klee.example" })
                #expect(held.status == .held)
                #expect(held.detail.hasPrefix("until 2024-04-02T06:00:00Z"), "08:00 in Berlin: \(held.detail)")
                #expect(evening.lines.first { $0.key.hasPrefix("MOSS/") }?.detail.hasPrefix("until 2024-04-02T07:00:00Z") == true)

                // While they wait, K-2 is paid, M-1 disputed and payment of R-1 promised.
                _ = try await late.importCSV("payments", paymentsHeader + "KLEE,2024-04-01,EUR,250.00,bank_transfer,,K-2\n")
                _ = try await late.openDispute(invoice: "M-1", reason: .quality, note: "wrong hours billed")
                _ = try await late.addPromise(invoice: "R-1", date: try Day(parsing: "2024-04-10"), amount: nil, note: "phoned")

                let next = try at(settle, "2024-04-02T07:00:00Z")
                let morning = try await next.deliver(couriers: [try courier(server)])
                #expect(morning.count(.sent) == 1 && morning.count(.failed) == 0)
                let moss = try #require(morning.lines.first { $0.key.hasPrefix("MOSS/") })
                #expect(moss.status == .cancelled && moss.detail == "M-1 is disputed")
                let rook = try #require(morning.lines.first { $0.key.hasPrefix("ROOK/") })
                #expect(rook.status == .cancelled && rook.detail == "payment of R-1 was promised")
                let klee = try #require(try server.receivedMessages().first)
                #expect(klee.text?.contains("K-1") == true)
                #expect(klee.text?.contains("K-2") == false, "the paid invoice is left out")
                let stored = try #require(try await next.outbox(status: .sent).first)
                #expect(stored.note == "K-2 was paid meanwhile: left out of the message")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func anInterruptedSendGoesAgainOnceWithTheSameMessageID(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await prepared(settle)
            try await withSMTPTestServer(.plain) { server in
                let morning = try at(settle, "2024-04-01T09:00:00Z")
                _ = try await morning.queueMessages()
                let org = try await settle.organisation()
                let store = OutboxStore(settle.database.sql, orgID: org.id)
                // A worker claimed KLEE's email, wrote its bytes and died before the server answered.
                let klee = try #require(try await store.list(status: .queued).first { $0.recipient == "buchhaltung@klee.example" })
                let identity = SenderIdentity(organisation: org.organisation.name, slug: org.organisation.slug,
                                              settings: try await settle.organisationSettings())
                let written = try courier(server).content(of: klee, client: "KLEE", from: identity, links: nil, attachments: [],
                                                          at: Date(timeIntervalSince1970: 1_711_962_000))
                try await store.markSending(klee.id, leaseUntil: "2024-04-01T09:10:00Z", content: written.bytes,
                                            messageID: written.messageID, now: "2024-04-01T09:00:00Z")

                // Within the lease nobody touches it; the other messages go.
                let during = try await at(settle, "2024-04-01T09:05:00Z").deliver(couriers: [try courier(server)])
                #expect(!during.lines.contains { $0.id == klee.id })
                #expect(!(try server.receivedMessages()).contains { $0.recipients == [klee.recipient] })

                // After the lease it is sent again: the same bytes, so the same Message-ID.
                let after = try await at(settle, "2024-04-01T09:11:00Z").deliver(couriers: [try courier(server)])
                #expect(after.resent == 1)
                let received = try server.receivedMessages().filter { $0.recipients == [klee.recipient] }
                #expect(received.count == 1)
                #expect(received.first?.headers["Message-ID"] == written.messageID)
                #expect(received.first.flatMap { Data(base64Encoded: $0.rawBase64) }.map { [UInt8]($0) } == written.bytes)
                let sent = try #require(try await store.find(klee.id))
                #expect(sent.status == .sent && sent.attempts == 2)

                // Interrupted twice: not sent a third time, but failed for a person to check.
                let moss = try #require(try await store.list(status: .sent).first { $0.recipient.hasPrefix("tempfail") })
                try await settle.database.sql.raw("""
                    UPDATE messages SET status = 'sending', lease_until = '2024-04-01T09:20:00Z', attempts = 2
                    WHERE id = \(bind: moss.id)
                    """).run()
                let third = try await at(settle, "2024-04-01T09:30:00Z").deliver(couriers: [try courier(server)])
                #expect(third.lines.map(\.status) == [.failed])
                #expect(try await store.find(moss.id)?.status == .failed)
                #expect(try server.receivedMessages().filter { $0.recipients == [moss.recipient] }.count == 1)
            }
        }
    }

    /// A client in Los Angeles: at 07:30 its time the reminders wait for 08:00; one paid meanwhile
    /// is cancelled; without consolidation its second invoice's reminder goes the next day (one
    /// email a client a day).
    @Test(arguments: TestEngine.available)
    func quietHoursInTheClientsTimeZone(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", clientsHeader + """
                WEST,West Coast Inc,business,ap@west.example,,US,America/Los_Angeles,en,net 30
                BAY,Bay Supplies Inc,business,ap@bay.example,,US,America/Los_Angeles,en,net 30

                """)
            _ = try await settle.importCSV("invoices", invoicesHeader + """
                W-1,WEST,2024-03-03,2024-04-02,USD,500.00,Design
                W-2,WEST,2024-03-03,2024-04-02,USD,700.00,Build
                B-1,BAY,2024-03-03,2024-04-02,USD,300.00,Parts

                """)
            _ = try await settle.applyPolicy("""
                name: separate
                consolidate: false
                stages:
                  - {id: due, offset: 0, actions: [email], tone: polite}

                """, file: "separate.yaml")
            for client in ["WEST", "BAY"] { try await settle.assignPolicy("separate", client: client) }
            _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(senderEmail: "ar@acme.example"))
            _ = try await reopened(settle, today: "2024-04-02").collect(dryRun: false)
            try await withSMTPTestServer(.plain) { server in
                // 07:30 in Los Angeles (PDT, UTC-7).
                let early = try await at(settle, "2024-04-02T14:30:00Z").deliver(couriers: [try courier(server)])
                #expect(early.lines.map(\.status) == [.held, .held, .held])
                #expect(early.lines.allSatisfy { $0.detail.hasPrefix("until 2024-04-02T15:00:00Z: 07:30 in America/Los_Angeles") })
                _ = try await at(settle, "2024-04-02T14:45:00Z")
                    .importCSV("payments", paymentsHeader + "BAY,2024-04-02,USD,300.00,card,,B-1\n")

                let eight = try await at(settle, "2024-04-02T15:00:00Z").deliver(couriers: [try courier(server)])
                #expect(eight.lines.first { $0.key.hasPrefix("W-1/") }?.status == .sent)
                let second = try #require(eight.lines.first { $0.key.hasPrefix("W-2/") })
                #expect(second.status == .held)
                #expect(second.detail.hasPrefix("until 2024-04-03T15:00:00Z"), "\(second.detail)")
                #expect(eight.lines.first { $0.key.hasPrefix("B-1/") }.map { "\($0.status) \($0.detail)" }
                        == "cancelled B-1 was paid meanwhile")
                #expect(try server.receivedMessages().count == 1)

                let nextDay = try await at(settle, "2024-04-03T15:00:00Z").deliver(couriers: [try courier(server)])
                #expect(nextDay.lines.map { "\($0.key) \($0.status)" } == ["W-2/due/1/email sent"])
                #expect(try server.receivedMessages().map(\.recipients) == [["ap@west.example"], ["ap@west.example"]])
            }
        }
    }

    /// A server that cannot be reached is a temporary failure: the messages go back to the queue
    /// for later, with the error kept, and nobody gets a task; the batch does not wait out the
    /// backoff once per message.
    @Test func anUnreachableServerDefersTheBatch() async throws {
        try await withSettle(.sqlite) { settle in
            try await prepared(settle)
            let down = EmailCourier(sender: SMTPSender(
                configuration: try SMTPConfiguration(url: "smtp://settle:x@127.0.0.1:1"),
                retryPolicy: SMTPRetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10)), now: { Date() }))
            let report = try await at(settle, "2024-04-01T09:00:00Z").deliver(couriers: [down])
            #expect(report.count(.queued) == 3 && report.count(.failed) == 0)
            let waiting = try await settle.outbox(status: .queued)
            #expect(waiting.count == 3)
            #expect(waiting.allSatisfy { $0.notBefore == "2024-04-01T09:05:00Z" && $0.lastError?.contains("127.0.0.1:1") == true })
            let tasks = try await at(settle, "2024-04-01T09:00:00Z").tasks(dueBy: nil).filter { $0.kind == .delivery }
            #expect(tasks.map(\.client) == ["NOAD"], "no task for a server that is down")
            // Five minutes later the server is back.
            try await withSMTPTestServer(.plain) { server in
                let later = try await at(settle, "2024-04-01T09:05:00Z").deliver(couriers: [try courier(server)])
                #expect(later.count(.sent) == 2 && later.count(.failed) == 1)
            }
        }
    }

    @Test func withoutCouriersMessagesAreQueuedAndWait() async throws {
        try await withSettle(.sqlite) { settle in
            try await prepared(settle)
            let report = try await at(settle, "2024-04-01T09:00:00Z").deliver(couriers: [])
            #expect(report.queued.queued == 3 && report.lines.isEmpty)
            let queued = try await settle.outbox(status: .queued)
            #expect(queued.count == 3)
            let klee = try #require(queued.first { $0.recipient == "buchhaltung@klee.example" })
            #expect(klee.language == "de" && klee.tone == .polite && klee.content == nil)
            #expect(klee.subject.contains("K-1") || klee.text.contains("K-1"))
        }
    }
}
