import SettleApp
import SettleCore
import Testing

/// Amounts, dates and day counts per language, languages from client tags, and tone fallback.
@Suite struct TemplateFormatTests {
    let nbsp = "\u{00A0}"
    let narrow = "\u{202F}"

    func amount(_ minorUnits: Int64, _ currency: Currency, _ language: MessageLanguage) -> String {
        MessageFormatter(language).amount(Money(minorUnits: minorUnits, currency: currency))
    }

    @Test func amountsAreWrittenAsEachLanguageWritesThem() throws {
        #expect(amount(1_234_50, .EUR, .english) == "€1,234.50")
        #expect(amount(1_234_50, .EUR, .german) == "1.234,50\(nbsp)€")
        #expect(amount(1_234_50, .EUR, .french) == "1\(narrow)234,50\(nbsp)€")
        #expect(amount(1_234_50, .USD, .english) == "$1,234.50")
        #expect(amount(1_234_50, .GBP, .english) == "£1,234.50")
        #expect(amount(1_234_567_89, .EUR, .french) == "1\(narrow)234\(narrow)567,89\(nbsp)€")
        #expect(amount(5, .EUR, .english) == "€0.05")
        #expect(amount(-12_00, .EUR, .german) == "-12,00\(nbsp)€")
        #expect(amount(999_00, .EUR, .german) == "999,00\(nbsp)€")
    }

    @Test func currenciesKeepTheirOwnDecimals() throws {
        #expect(amount(1200, .JPY, .english) == "¥1,200")
        #expect(amount(1200, .JPY, .german) == "1.200\(nbsp)¥")
        #expect(amount(0, .JPY, .french) == "0\(nbsp)¥")
        #expect(amount(1250, .KWD, .english) == "KWD 1.250")
        #expect(amount(1_234_50, try Currency(code: "CHF"), .german) == "1.234,50\(nbsp)CHF")
        #expect(amount(Int64.max, .EUR, .english) == "€92,233,720,368,547,758.07")
    }

    @Test func datesAndDaysAreWrittenOut() throws {
        let day = try Day(parsing: "2024-03-31")
        #expect(MessageFormatter(.english).date(day) == "31 March 2024")
        #expect(MessageFormatter(.german).date(day) == "31. März 2024")
        #expect(MessageFormatter(.french).date(day) == "31 mars 2024")
        #expect(MessageFormatter(.french).date(try Day(parsing: "2024-08-01")) == "1er août 2024")
        #expect(MessageFormatter(.german).date(try Day(parsing: "2025-12-05")) == "5. Dezember 2025")
        #expect(MessageFormatter(.english).days(1) == "1 day")
        #expect(MessageFormatter(.english).days(12) == "12 days")
        #expect(MessageFormatter(.german).days(1) == "1 Tag")
        #expect(MessageFormatter(.german).days(12) == "12 Tage")
        #expect(MessageFormatter(.french).days(1) == "1 jour")
        #expect(MessageFormatter(.french).days(30) == "30 jours")
    }

    @Test func clientLanguagesFallBackToTheirPrimaryLanguageThenEnglish() throws {
        #expect(MessageLanguage(tag: "de-AT") == .german)
        #expect(MessageLanguage(tag: "fr-CA") == .french)
        #expect(MessageLanguage(tag: "FR") == .french)
        #expect(MessageLanguage(tag: "en-US") == .english)
        #expect(MessageLanguage(tag: "nl") == .english)
        #expect(MessageLanguage(tag: "") == .english)
        #expect(throws: TemplateError.unsupportedLanguage("nl")) { try MessageLanguage(code: "nl") }
    }

    @Test func tonesFallBackToTheNearestSofterFirst() {
        #expect(Tone.formal.wordingFallbacks == [.formal, .firm, .final, .polite, .friendly, .supportive])
        #expect(Tone.friendly.wordingFallbacks == [.friendly, .polite, .firm, .formal, .final, .supportive])
        #expect(Tone.final.wordingFallbacks == [.final, .formal, .firm, .polite, .friendly, .supportive])
        #expect(Tone.supportive.wordingFallbacks == [.supportive, .friendly, .polite, .firm, .formal, .final])
    }

    @Test func theCatalogUsesTheExactToneOrTheNearestOne() throws {
        func tone(_ name: String, _ tone: Tone, saved: [MessageTemplate] = []) -> Tone? {
            TemplateCatalog.resolve(name: name, language: .german, tone: tone, saved: saved)?.template.tone
        }
        #expect(tone("reminder", .formal) == .formal)
        #expect(tone("broken_promise", .friendly) == .polite)
        #expect(tone("broken_promise", .final) == .firm)
        #expect(tone("plan_instalment", .polite) == .friendly)
        #expect(tone("courtesy", .firm) == .friendly)
        #expect(tone("courtesy", .supportive) == .supportive)
        #expect(tone("no_such_template", .firm) == nil)
        // An organisation's own template name with only English wording still serves a German client.
        let own = MessageTemplate(name: "welcome", language: .english, tone: .friendly, subject: "Hi", text: "Hi", html: "Hi")
        let resolved = TemplateCatalog.resolve(name: "welcome", language: .german, tone: .polite, saved: [own])
        #expect(resolved?.template == own && resolved?.source == .organisation && resolved?.requestedTone == .polite)
    }
}
