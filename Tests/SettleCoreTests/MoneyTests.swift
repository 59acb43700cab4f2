import PropertyBased
import SettleCore
import Testing

@Suite("Money")
struct MoneyTests {
    @Test("parses exact decimal text and formats it canonically", arguments: [
        ("1200", Currency.JPY, Int64(1200), "1200"),
        ("-1200", .JPY, -1200, "-1200"),
        ("0", .JPY, 0, "0"),
        ("1234.50", .EUR, 123_450, "1234.50"),
        ("1234.5", .EUR, 123_450, "1234.50"),
        ("0.5", .EUR, 50, "0.50"),
        ("0.05", .EUR, 5, "0.05"),
        ("-0.05", .EUR, -5, "-0.05"),
        ("-12", .EUR, -1200, "-12.00"),
        ("007", .EUR, 700, "7.00"),
        ("-0", .EUR, 0, "0.00"),
        ("1.234", .KWD, 1234, "1.234"),
        ("-0.001", .KWD, -1, "-0.001"),
        ("1.2", .KWD, 1200, "1.200"),
    ])
    func parsesAndFormats(text: String, currency: Currency, minorUnits: Int64, canonical: String) throws {
        let money = try Money(parsing: text, currency: currency)
        #expect(money.minorUnits == minorUnits)
        #expect(money.currency == currency)
        #expect(money.decimalString == canonical)
        #expect(money.description == "\(canonical) \(currency.code)")
    }

    @Test("more decimals than the currency has is an error, never rounded", arguments: [
        ("12.345", Currency.EUR, 2),
        ("12.340", .EUR, 2),
        ("1200.0", .JPY, 0),
        ("1200.00", .JPY, 0),
        ("1.2345", .KWD, 3),
    ])
    func tooManyDecimals(text: String, currency: Currency, allowed: Int) {
        #expect(throws: MoneyError.tooManyDecimals(text, currency: currency.code, allowed: allowed)) {
            try Money(parsing: text, currency: currency)
        }
    }

    @Test("text that is not a plain decimal is refused",
          arguments: ["", "1,50", "1.", ".5", "abc", "1e3", "--1", "-", "+1", " 1", "1 ", "1.2.3", "-.5", "1_000"])
    func notANumber(text: String) {
        #expect(throws: MoneyError.notANumber(text)) { try Money(parsing: text, currency: .EUR) }
    }

    @Test("currency codes must be active ISO 4217 codes in upper case", arguments: ["EUX", "eur", "", "EURO", "XAU"])
    func unknownCurrency(code: String) {
        #expect(throws: MoneyError.unknownCurrency(code)) { try Money(parsing: "1", currencyCode: code) }
    }

    @Test("known currency constants agree with the ISO 4217 table")
    func currencyTable() throws {
        for known in [Currency.EUR, .USD, .GBP, .JPY, .KWD] {
            #expect(try Currency(code: known.code) == known)
        }
        #expect(try Currency(code: "CLF").exponent == 4)
        #expect(try Money(parsing: "1200", currencyCode: "JPY") == Money(minorUnits: 1200, currency: .JPY))
    }

    @Test("arithmetic is exact within one currency")
    func arithmetic() throws {
        #expect(try eur("1234.50") + eur("0.75") == eur("1235.25"))
        #expect(try eur("10.00") - eur("12.50") == eur("-2.50"))
        #expect(try -eur("2.50") == eur("-2.50"))
        #expect(try Money.min(eur("3.00"), eur("2.99")) == eur("2.99"))
        #expect(try eur("-0.01").isLess(than: .zero(.EUR)))
    }

    @Test("arithmetic across currencies throws")
    func mixedCurrencies() throws {
        let euros = try eur("1.00")
        let dollars = Money(minorUnits: 100, currency: .USD)
        let mismatch = MoneyError.currencyMismatch("EUR", "USD")
        #expect(throws: mismatch) { try euros + dollars }
        #expect(throws: mismatch) { try euros - dollars }
        #expect(throws: mismatch) { try euros.isLess(than: dollars) }
        #expect(throws: mismatch) { try Money.min(euros, dollars) }
    }

    @Test("overflow throws instead of wrapping or trapping")
    func overflow() throws {
        let largest = Money(minorUnits: .max, currency: .EUR)
        let smallest = Money(minorUnits: .min, currency: .EUR)
        let cent = Money(minorUnits: 1, currency: .EUR)
        #expect(throws: MoneyError.overflow) { try largest + cent }
        #expect(throws: MoneyError.overflow) { try smallest - cent }
        #expect(throws: MoneyError.overflow) { try largest.percent(Percentage(basisPoints: 20_000)) }
        #expect(throws: MoneyError.overflow) { try Money(parsing: "92233720368547758.08", currency: .EUR) }
        #expect(throws: MoneyError.overflow) { try Money(parsing: "9223372036854775808", currency: .JPY) }
        #expect(try Money(parsing: "9223372036854775807", currency: .JPY).minorUnits == .max)
    }

    @Test("percent rounds half-up, away from zero", arguments: [
        (Int64(1_000_000), 200, Int64(20_000)), // 2 % of 10,000.00 = 200.00 (worked example 7)
        (100, 50, 1), // 0.5 % of 1.00 = 0.005 -> 0.01
        (-100, 50, -1), // -0.005 -> -0.01
        (15, 1000, 2), // 10 % of 0.15 = 0.015 -> 0.02
        (14, 1000, 1), // 0.014 -> 0.01
        (-15, 1000, -2),
        (-14, 1000, -1),
        (49, 100, 0), // 1 % of 0.49 = 0.0049 -> 0.00
        (500_000, 1325, 66_250), // 13.25 % of 5,000.00
        (123_456, 0, 0),
    ])
    func percentRounding(minorUnits: Int64, basisPoints: Int, expected: Int64) throws {
        let amount = Money(minorUnits: minorUnits, currency: .EUR)
        #expect(try amount.percent(Percentage(basisPoints: basisPoints)) == Money(minorUnits: expected, currency: .EUR))
    }

    @Test("percentages parse exactly and print without needless zeros", arguments: [
        ("2", 20_000, "2"), ("2.5", 25_000, "2.5"), ("13.25", 132_500, "13.25"), ("2%", 20_000, "2"),
        ("0.05", 500, "0.05"), ("8.875", 88_750, "8.875"), ("0.0001", 1, "0.0001"),
    ])
    func percentage(text: String, millionths: Int, canonical: String) throws {
        let percentage = try Percentage(parsing: text)
        #expect(percentage.millionths == millionths)
        #expect(percentage.description == canonical)
    }

    @Test("a percentage with five decimals or no number is refused", arguments: ["2.55555", "", "%", "two", "2 %"])
    func invalidPercentage(text: String) {
        #expect(throws: MoneyError.invalidPercentage(text)) { try Percentage(parsing: text) }
    }

    @Test("parse(format(x)) == x for currencies of exponent 0, 2, 3 and 4")
    func textRoundTrip() async {
        let currencies = [Currency.JPY, .EUR, .KWD, try! Currency(code: "CLF")]
        await propertyCheck(input: Gen.int64(in: -Int64.max ... Int64.max), Gen<Currency?>.element(of: currencies)) { units, currency throws in
            let currency = try #require(currency)
            let money = Money(minorUnits: units, currency: currency)
            let text = money.decimalString
            #expect(try Money(parsing: text, currency: currency) == money)
            let decimals = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
            #expect(decimals == currency.exponent)
        }
    }

    @Test("the range of amounts is symmetric: -Int64.max round-trips, Int64.min is refused as too large")
    func extremeAmounts() throws {
        let largest = Money(minorUnits: -.max, currency: .EUR)
        #expect(try Money(parsing: largest.decimalString, currency: .EUR) == largest)
        #expect(throws: MoneyError.overflow) { try Money(parsing: "-92233720368547758.08", currency: .EUR) }
    }
}
