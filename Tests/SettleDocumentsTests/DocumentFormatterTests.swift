import SettleCore
@testable import SettleDocuments
import Testing

@Suite("Amounts, dates and rates on documents")
struct DocumentFormatterTests {
    @Test("amounts from exact minor units, per language", arguments: [
        (DocumentLanguage.english, "1234567.50", "EUR", "€1,234,567.50"),
        (.german, "1234567.50", "EUR", "1.234.567,50\u{00A0}€"),
        (.french, "1234567.50", "EUR", "1\u{202F}234\u{202F}567,50\u{00A0}€"),
        (.english, "-0.05", "GBP", "-£0.05"),
        (.german, "1200", "JPY", "1.200\u{00A0}¥"),
        (.english, "12.345", "KWD", "KWD 12.345"),
        (.french, "99.90", "CHF", "99,90\u{00A0}CHF"),
    ])
    func amounts(language: DocumentLanguage, text: String, currency: String, expected: String) throws {
        let money = try Money(parsing: text, currencyCode: currency)
        #expect(DocumentFormatter(language: language).amount(money) == expected)
    }

    @Test("dates in words and in table columns")
    func dates() throws {
        let first = try day("2024-03-01")
        #expect(DocumentFormatter(language: .english).date(first) == "1\u{00A0}March\u{00A0}2024")
        #expect(DocumentFormatter(language: .german).date(first) == "1.\u{00A0}März\u{00A0}2024")
        #expect(DocumentFormatter(language: .french).date(first) == "1er\u{00A0}mars\u{00A0}2024")
        #expect(DocumentFormatter(language: .english).shortDate(first) == "2024-03-01")
        #expect(DocumentFormatter(language: .german).shortDate(first) == "01.03.2024")
        #expect(DocumentFormatter(language: .french).shortDate(first) == "01/03/2024")
    }

    @Test("quantities and rates with the language's decimal mark")
    func quantitiesAndRates() throws {
        #expect(DocumentFormatter(language: .german).quantity(try Quantity(parsing: "1234.5")) == "1.234,5")
        #expect(DocumentFormatter(language: .english).quantity(try Quantity(parsing: "-2")) == "-2")
        #expect(DocumentFormatter(language: .english).percentage(try Percentage(parsing: "8.875")) == "8.875%")
        #expect(DocumentFormatter(language: .french).percentage(try Percentage(parsing: "5.5")) == "5,5\u{00A0}%")
    }

    @Test("the usual paper of a country", arguments: [("US", PageSize.usLetter), ("ca", .usLetter), ("DE", .a4), ("GB", .a4)])
    func paperOfCountry(country: String, size: PageSize) {
        #expect(PageSize(country: country) == size)
    }
}
