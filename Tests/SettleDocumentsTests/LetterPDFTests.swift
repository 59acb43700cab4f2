import SettleCore
import SettleDocuments
import SettleTestSupport
import Testing

@Suite("Statement, demand letter and plan agreement PDFs")
struct LetterPDFTests {
    @Test("a French statement lists open invoices with dates, amounts, balances and totals per currency")
    func frenchStatement() throws {
        let pounds = try Money(parsing: "50.00", currency: .GBP)
        let items = [
            StatementItem(number: try InvoiceNumber("2024-003"), issueDate: try day("2024-01-10"), dueDate: try day("2024-02-09"),
                          amount: try eur("1500.00"), balance: try eur("1234.50")),
            StatementItem(number: try InvoiceNumber("2024-011"), issueDate: try day("2024-03-01"), dueDate: try day("2024-03-31"),
                          amount: try eur("200.00"), balance: try eur("200.00")),
            StatementItem(number: try InvoiceNumber("UK-9"), issueDate: try day("2024-02-01"), dueDate: try day("2024-03-02"),
                          amount: pounds, balance: pounds),
        ]
        let statement = AccountStatement(letterhead: try Fixtures.wikimedia(), recipient: Fixtures.recipient(language: .french),
                                         date: try day("2024-03-15"), items: items, unappliedCredit: [try eur("34.50")])
        let text = try PDFFile(statement.pdf(pageSize: .a4)).text()
        for expected in ["Relevé de compte", "15 mars 2024", "2024-003", "10/01/2024", "09/02/2024", "1 500,00 €", "1 234,50 €",
                         "RF", "Total restant dû (EUR)", "1 434,50 €", "Paiements non affectés (EUR)", "-34,50 €",
                         "Solde à régler (EUR)", "1 400,00 €", "Total restant dû (GBP)", "50,00 £", "Madame, Monsieur,"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        // 2024-003 was due 2024-02-09: 35 days overdue on 15 March.
        #expect(text.contains("35"))
    }

    @Test("a statement with nothing open says so")
    func emptyStatement() throws {
        let statement = AccountStatement(letterhead: try Fixtures.wikimedia(), recipient: Fixtures.recipient(),
                                         date: try day("2024-03-15"), items: [])
        #expect(try PDFFile(statement.pdf(pageSize: .usLetter)).text().contains("There are no open invoices on your account."))
    }

    @Test("a German demand letter claims principal, fees and interest with a deadline and the next step")
    func germanDemand() throws {
        let text = try PDFFile(Fixtures.demandLetter(language: .german).pdf(pageSize: .a4)).text()
        // 8,000.00 + 40.00 + 104.75 = 8,144.75 (worked example 10); 1,250.50 + 12.30 = 1,262.80; together 9,407.55.
        for expected in ["Letzte Mahnung", "z. Hd. Anna Petrova", "Guten Tag Anna Petrova,", "2023-105", "31.03.2023",
                         "8.000,00 €", "40,00 €", "104,75 €", "8.144,75 €", "1.262,80 €", "Gesamtforderung (EUR)", "9.407,55 €",
                         "Zahlungsfrist", "29. Mai 2023", "Bitte zahlen Sie 9.407,55 € spätestens bis zum 29. Mai 2023.",
                         "§ 288 Abs. 2 BGB", "10,62 % jährlich", "Kosten und Zinsen sind bis zum 15. Mai 2023 berechnet.",
                         "Inkassounternehmen", "Mit freundlichen Grüßen", "Jörg Ødegård"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test("the English and French demand letters name the step that follows", arguments: [
        (DocumentLanguage.english, DemandNextStep.legalProceedings, ["Formal demand for payment", "court proceedings", "29 May 2023",
                                                                     "Yours sincerely,"]),
        (.french, .collectionAgency, ["Mise en demeure de payer", "société de recouvrement", "29 mai 2023",
                                      "salutations distinguées"]),
    ])
    func demandWording(language: DocumentLanguage, step: DemandNextStep, expected: [String]) throws {
        let text = try PDFFile(Fixtures.demandLetter(language: language, nextStep: step).pdf(pageSize: .a4)).text()
        for phrase in expected { #expect(text.contains(phrase), "missing \(phrase)") }
    }

    @Test("a demand for one euro debt carries a QR code for the whole claim")
    func demandQRCode() throws {
        let debt = DemandedDebt(number: try InvoiceNumber("539007547034"), issueDate: try day("2023-03-01"),
                                dueDate: try day("2023-03-31"), principal: try eur("100.00"), fees: try eur("20.00"),
                                interest: try eur("3.45"))
        let letter = try Fixtures.demandLetter(language: .english, debts: [debt])
        #expect(try PDFFile(letter.pdf(pageSize: .a4)).qrCode() == Fixtures.workedExample8Payload)
    }

    @Test("a demand letter without debts is refused")
    func demandNeedsDebts() throws {
        #expect(throws: DocumentError.nothingListed(document: "demand letter")) {
            try Fixtures.demandLetter(language: .english, debts: []).pdf(pageSize: .a4)
        }
    }

    @Test("a plan agreement lists the instalments with dates and amounts, the terms and signature lines")
    func germanPlanAgreement() throws {
        let text = try PDFFile(Fixtures.planAgreement(language: .german).pdf(pageSize: .a4)).text()
        for expected in ["Ratenzahlungsvereinbarung", "1.000,00 €", "den Rechnungen 2024-017 und 2024-018", "Anzahlung",
                         "1. April 2024", "100,00 €", "1. Mai 2024", "1. Juni 2024", "1. Juli 2024", "300,00 €",
                         "mehr als 5 Tage überfällig", "Ort, Datum, Unterschrift", "Für Müller & Søn GmbH",
                         CreditorReference(invoiceNumber: "2024-017").printed] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test("English and French plan agreements", arguments: [DocumentLanguage.english, .french])
    func otherLanguagePlans(language: DocumentLanguage) throws {
        let text = try PDFFile(Fixtures.planAgreement(language: language).pdf(pageSize: .usLetter)).text()
        let expected = language == .english
            ? ["Payment plan agreement", "Down payment", "1 July 2024", "€300.00", "more than 5 days late"]
            : ["Accord d'échéancier de paiement", "Acompte", "1er juillet 2024", "300,00 €", "plus de 5 jours de retard"]
        for phrase in expected { #expect(text.contains(phrase), "missing \(phrase)") }
    }

    @Test("the client's language tag chooses the language; others get English", arguments: [
        ("de-AT", DocumentLanguage.german), ("fr-CA", .french), ("en-GB", .english), ("es", .english),
    ])
    func languageFromClient(tag: String, language: DocumentLanguage) {
        let client = Client(code: "C-1", name: "Client", kind: .business, country: "AT", timeZone: "Europe/Vienna", language: tag,
                            contacts: [Contact(name: "Eva Gruber", email: nil, phone: nil, role: .billing)])
        let recipient = Recipient(client: client, address: ["Ring 1", "1010 Wien"])
        #expect(recipient.language == language)
        #expect(recipient.attention == "Eva Gruber")
    }

    @Test("an organisation's settings give the letterhead its bank details, or none without an IBAN")
    func letterheadFromSettings() throws {
        let organisation = Organisation(slug: "wmde", name: "Wikimedia Foerdergesellschaft", currency: .EUR,
                                        timeZone: "Europe/Berlin", country: "DE")
        let settings = OrganisationSettings(bankName: "Bank für Sozialwirtschaft", iban: "DE33100205000001194700",
                                            bic: "BFSWDE33BER", signature: "Jörg Ødegård")
        let letterhead = try Letterhead(organisation: organisation, settings: settings, address: ["10963 Berlin"])
        #expect(letterhead.bankDetails?.accountHolder == "Wikimedia Foerdergesellschaft")
        #expect(letterhead.signature == "Jörg Ødegård")
        #expect(try Letterhead(organisation: organisation, settings: OrganisationSettings(), address: []).bankDetails == nil)
        var wrong = settings
        wrong.iban = "DE34100205000001194700"
        #expect(throws: DocumentError.bankDetails(.ibanCheckDigitsWrong("DE34100205000001194700"))) {
            try Letterhead(organisation: organisation, settings: wrong, address: [])
        }
    }
}
