import SettleCore
import SettleDocuments

// Fixtures; they throw so a typo fails the test that uses it.

func eur(_ text: String) throws -> Money { try Money(parsing: text, currency: .EUR) }

func day(_ text: String) throws -> Day { try Day(parsing: text) }

enum Fixtures {
    /// The beneficiary of worked example 8.
    static func wikimedia() throws -> Letterhead {
        Letterhead(name: "Wikimedia Foerdergesellschaft", address: ["Tempelhofer Ufer 23–24", "10963 Berlin", "Deutschland"],
                   contact: ["spenden@wikimedia.de"], signature: "Jörg Ødegård\nBuchhaltung",
                   bankDetails: try BankDetails(accountHolder: "Wikimedia Foerdergesellschaft", bankName: "Bank für Sozialwirtschaft",
                                                iban: "DE33 1002 0500 0001 1947 00", bic: "BFSWDE33BER"))
    }

    static func recipient(_ name: String = "Müller & Søn GmbH", language: DocumentLanguage = .english,
                          attention: String? = nil) -> Recipient {
        Recipient(name: name, attention: attention, address: ["Hauptstraße 5", "80331 München"], clientCode: "C-042",
                  language: language)
    }

    /// Worked example 8 as an invoice: 123.45 EUR whose number gives the reference RF18539007547034.
    static func workedExample8Invoice(language: DocumentLanguage = .english) throws -> InvoiceDocument {
        let invoice = Invoice(number: try InvoiceNumber("539007547034"), client: "C-042", issueDate: try day("2024-03-01"),
                              dueDate: try day("2024-03-31"), currency: .EUR, terms: .net(days: 30),
                              description: "Spende", total: try eur("123.45"))
        return InvoiceDocument(letterhead: try wikimedia(), recipient: recipient(language: language), invoice: invoice)
    }

    static let workedExample8Payload = Array(
        "BCD\n002\n1\nSCT\nBFSWDE33BER\nWikimedia Foerdergesellschaft\nDE33100205000001194700\nEUR123.45\n\nRF18539007547034".utf8)

    /// An invoice with lines at two tax rates: 10 h at 95.00 (19 %) and 2.5 books at 40.00 (7 %).
    static func invoiceWithLines(number: String = "2024-017", language: DocumentLanguage = .german,
                                 extraLines: Int = 0) throws -> InvoiceDocument {
        var lines = [
            InvoiceLine(description: "Beratung Ärztekammer – Straße", quantity: try Quantity(parsing: "10"),
                        unitPrice: try eur("95.00"), taxRate: try Percentage(parsing: "19")),
            InvoiceLine(description: "Fachbuch „Øresund“", quantity: try Quantity(parsing: "2.5"),
                        unitPrice: try eur("40.00"), taxRate: try Percentage(parsing: "7")),
        ]
        for index in 0..<extraLines {
            lines.append(InvoiceLine(description: "Zusatzleistung \(index + 1)", quantity: try Quantity(parsing: "1"),
                                     unitPrice: try eur("10.00"), taxRate: try Percentage(parsing: "19")))
        }
        let invoice = Invoice(number: try InvoiceNumber(number), client: "C-042", issueDate: try day("2024-03-01"),
                              dueDate: try day("2024-03-31"), currency: .EUR, terms: .net(days: 30), lines: lines,
                              total: try InvoiceLine.total(of: lines, currency: .EUR))
        return InvoiceDocument(letterhead: try wikimedia(), recipient: recipient(language: language), invoice: invoice)
    }

    static func demandLetter(language: DocumentLanguage, debts: [DemandedDebt]? = nil,
                             nextStep: DemandNextStep = .collectionAgency) throws -> DemandLetter {
        let debts = try debts ?? [
            DemandedDebt(number: try InvoiceNumber("2023-105"), issueDate: day("2023-03-01"), dueDate: day("2023-03-31"),
                         principal: eur("8000.00"), fees: eur("40.00"), interest: eur("104.75")),
            DemandedDebt(number: try InvoiceNumber("2023-131"), issueDate: day("2023-05-02"), dueDate: day("2023-06-01"),
                         principal: eur("1250.50"), fees: eur("0.00"), interest: eur("12.30")),
        ]
        return DemandLetter(letterhead: try wikimedia(), recipient: recipient(language: language, attention: "Anna Petrova"),
                            date: try day("2023-05-15"), debts: debts, deadline: try day("2023-05-29"),
                            interestRate: try Percentage(parsing: "10.62"), interestBasis: "§ 288 Abs. 2 BGB",
                            nextStep: nextStep)
    }

    static func planAgreement(language: DocumentLanguage) throws -> PaymentPlanAgreement {
        let start = try day("2024-04-01")
        let instalments = try PaymentPlan.schedule(total: eur("1000.00"), count: 3, every: .month, start: start,
                                                   down: eur("100.00"))
        let plan = PaymentPlan(id: 7, client: "C-042", invoices: [try InvoiceNumber("2024-017"), try InvoiceNumber("2024-018")],
                               instalments: instalments, status: .active)
        return PaymentPlanAgreement(letterhead: try wikimedia(), recipient: recipient(language: language), date: start,
                                    plan: plan, graceDays: 5)
    }
}
