import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Saved templates, organisation settings and messages built from stored invoices, on every engine.
@Suite struct TemplateStoreTests {
    static let ownFirm = MessageTemplate(
        name: "reminder", language: .german, tone: .firm, subject: "Offen: {{total_due}}",
        text: "Guten Tag,\n\nbitte zahlen Sie {{total_due}} bis {{pay_by}}.\n\n{{business.name}}\n",
        html: "<p>Bitte zahlen Sie {{total_due}}.</p>")

    static let germanClient = clientsHeader + """
        LIND,Lindner Haustechnik GmbH,business,buchhaltung@lindner.example,,DE,Europe/Berlin,de-AT,net 30

        """
    static let germanInvoices = invoicesHeader + """
        R-1001,LIND,2024-02-01,2024-03-02,EUR,1234.50,Wartung
        R-1002,LIND,2024-03-01,2024-03-31,EUR,100.00,Ersatzteile

        """

    @Test(arguments: TestEngine.available)
    func aSavedTemplateOverridesTheDefaultForItsOrganisationOnly(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let before = try await settle.resolveTemplate(name: "reminder", language: .german, tone: .firm)
            #expect(before.source == .standard)
            try await settle.saveTemplate(Self.ownFirm)
            let after = try await settle.resolveTemplate(name: "reminder", language: .german, tone: .firm)
            #expect(after.source == .organisation && after.template == Self.ownFirm)
            // The exact default still wins over the organisation's template for a nearby tone.
            #expect(try await settle.resolveTemplate(name: "reminder", language: .german, tone: .formal).source == .standard)

            var changed = Self.ownFirm
            changed.subject = "Noch offen: {{total_due}}"
            try await settle.saveTemplate(changed)
            #expect(try await count("templates", in: settle) == 1)
            #expect(try await settle.resolveTemplate(name: "reminder", language: .german, tone: .firm).template.subject
                == "Noch offen: {{total_due}}")
            let listing = try await settle.templateListings().filter { $0.name == "reminder" && $0.language == .german }
            #expect(listing.count == 6)
            #expect(listing.first { $0.tone == .firm }?.source == .organisation)
            #expect(listing.first { $0.tone == .firm }?.overridesDefault == true)

            _ = try await settle.createOrganisation(Organisation(
                slug: "other", name: "Other GmbH", currency: .EUR, timeZone: "Europe/Berlin", country: "DE"))
            let other = try reopened(settle, organisation: "other", today: "2024-03-31")
            #expect(try await other.resolveTemplate(name: "reminder", language: .german, tone: .firm).source == .standard)
            #expect(try await other.deleteTemplate(name: "reminder", language: .german, tone: .firm) == false)

            #expect(try await settle.deleteTemplate(name: "reminder", language: .german, tone: .firm))
            #expect(try await settle.resolveTemplate(name: "reminder", language: .german, tone: .firm).source == .standard)
        }
    }

    @Test(arguments: TestEngine.available)
    func aTemplateWithAnUnknownFieldIsRefusedAndNothingIsSaved(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            var broken = Self.ownFirm
            broken.text = "Guten Tag,\n\nbitte zahlen Sie {{totl_due}}.\n"
            broken.subject = "Offen: {{total}}"
            let partNames = TemplatePartNames(text: "mahnung.txt", html: "mahnung.html")
            let error = await #expect(throws: TemplateRejected.self) { try await settle.saveTemplate(broken, partNames: partNames) }
            #expect(error?.problems.map(\.description) == [
                "subject:1:8: unknown merge field \"total\" (known: see docs/templates.md)",
                "mahnung.txt:3:18: unknown merge field \"totl_due\" (known: see docs/templates.md)",
            ])
            #expect(error?.description.hasSuffix("the template was not saved") == true)
            var badName = Self.ownFirm
            badName.name = "Reminder 2"
            await #expect(throws: TemplateError.invalidName("Reminder 2")) { try await settle.saveTemplate(badName) }
            let stored = try await count("templates", in: settle)
            #expect(stored == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func settingsAreCheckedAndCarriedIntoMessages(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            await #expect(throws: BankDetailsError.ibanCheckDigitsWrong("DE88 3704 0044 0532 0130 00")) {
                try await settle.updateOrganisationSettings(OrganisationSettingsChange(iban: "DE88 3704 0044 0532 0130 00"))
            }
            await #expect(throws: BankDetailsError.malformedBIC("COBA")) {
                try await settle.updateOrganisationSettings(OrganisationSettingsChange(bic: "COBA"))
            }
            #expect(try await settle.organisationSettings() == OrganisationSettings())
            let saved = try await settle.updateOrganisationSettings(OrganisationSettingsChange(
                bankName: "Commerzbank", iban: "de89 3704 0044 0532 0130 00", bic: "cobadeffxxx", signature: "Anna Schmidt\nBuchhaltung"))
            #expect(saved == OrganisationSettings(bankName: "Commerzbank", iban: "DE89370400440532013000", bic: "COBADEFFXXX",
                                                  signature: "Anna Schmidt\nBuchhaltung"))
            _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(bic: ""))
            #expect(try await settle.organisationSettings().bic == "")
            #expect(try await settle.organisationSettings().iban == "DE89370400440532013000")
        }
    }

    @Test(arguments: TestEngine.available)
    func aMessageIsBuiltFromTheStoredInvoicesOfOneClient(engine: TestEngine) async throws {
        try await withSettle(engine, today: "2024-04-20") { settle in
            _ = try await settle.importCSV("clients", Self.germanClient + "ACME,Acme Inc,business,,,US,America/New_York,en,net 30\n")
            _ = try await settle.importCSV("invoices", Self.germanInvoices + "A-1,ACME,2024-03-01,2024-03-31,USD,10.00,x\n")
            _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(
                iban: "DE89370400440532013000", bic: "COBADEFFXXX", signature: "Anna Schmidt"))
            let org = try await settle.organisation()
            let invoice = try await InvoiceStore(settle.database.sql, orgID: org.id).require("R-1001")
            try await LedgerStore(settle.database.sql, orgID: org.id).post([
                (invoice.id, LedgerEntry(kind: .compensation, component: .costs, amount: Money(minorUnits: 40_00, currency: .EUR),
                                         date: try Day(parsing: "2024-04-01"), note: "§ 288 (5) BGB")),
                (invoice.id, LedgerEntry(kind: .interest, component: .interest, amount: Money(minorUnits: 21_37, currency: .EUR),
                                         date: try Day(parsing: "2024-04-01"), note: "interest")),
            ], now: settle.timestamp)

            let links = try ClientLinkSigner(secret: "a-test-secret-that-is-long-enough-0123456789")
            let context = try await settle.messageContext(invoices: ["R-1002", "R-1001"], links: links)
            #expect(context.language == .german && context.contactName == nil)
            #expect(context.items.count == 2)
            let (resolved, message) = try await settle.renderMessage(template: "reminder", tone: .formal, context: context)
            #expect(resolved.source == .standard && resolved.template.tone == .formal)
            #expect(message.subject == "Zahlungsaufforderung: 2 Rechnungen")
            let text = message.text
            #expect(text.hasPrefix("Sehr geehrte Damen und Herren,\n\ndie unten aufgeführten Rechnungen"))
            #expect(text.contains("- Rechnung R-1001 vom 1. Februar 2024, fällig am 2. März 2024: 1.234,50\u{A0}€ (49 Tage überfällig), Referenz RF"))
            #expect(text.contains("Kosten und Pauschalen: 40,00\u{A0}€\nVerzugszinsen: 21,37\u{A0}€\nGesamtbetrag: 1.395,87\u{A0}€"))
            #expect(text.contains("IBAN: DE89 3704 0044 0532 0130 00"))
            #expect(text.hasSuffix("Mit freundlichen Grüßen\nAnna Schmidt\nDefault organisation\n"))
            let token = try #require(text.split(separator: "\n").first { $0.hasPrefix("Online ansehen und bezahlen: ") }?
                .split(separator: "/").last.map(String.init))
            #expect(links.verify(token, now: settle.time.now())?.client == "LIND")

            await #expect(throws: TemplateError.severalClients(["ACME", "LIND"])) {
                try await settle.messageContext(invoices: ["R-1001", "A-1"], links: nil)
            }
            await #expect(throws: StoreError.unknownInvoice("R-9")) { try await settle.messageContext(invoices: ["R-9"], links: nil) }

            let preview = try await settle.previewMessage(template: "broken_promise", tone: .friendly, language: .french,
                                                          invoices: ["R-1001"], links: links)
            #expect(preview.resolved.template.tone == .polite && preview.message.subject.hasPrefix("Votre règlement prévu le "))
            #expect(preview.notes.contains { $0.contains("the polite wording stands in") })
            #expect(preview.notes.contains { $0.contains("sample values") })
        }
    }
}
