import SettleCore
import Testing

@Suite("Exchange rates")
struct ExchangeRateTests {
    @Test("rates are exact decimals; trailing zeros dropped")
    func parsing() throws {
        let rate = try ExchangeRate(parsing: "0.9215")
        #expect(rate.units == 9215 && rate.decimals == 4 && rate.description == "0.9215")
        #expect(try ExchangeRate(parsing: "1.50").description == "1.5")
        #expect(try ExchangeRate(parsing: "158").description == "158")
        #expect(try ExchangeRate(parsing: "0.000000000001").description == "0.000000000001")
    }

    @Test("what is not a positive rate is refused", arguments: [
        ("abc", ExchangeRateError.notARate("abc")), ("", .notARate("")), ("-1", .notARate("-1")), ("1.", .notARate("1.")),
        ("1e5", .notARate("1e5")), ("1,5", .notARate("1,5")), ("0", .notPositive("0")), ("0.000", .notPositive("0.000")),
        ("0.0000000000001", .tooManyDecimals("0.0000000000001")), ("99999999999999999", .tooLarge("99999999999999999")),
    ])
    func refused(text: String, error: ExchangeRateError) {
        #expect(throws: error) { try ExchangeRate(parsing: text) }
    }

    @Test("conversion rounds half-up to the target's minor unit, across exponents")
    func conversion() throws {
        let rate = try ExchangeRate(parsing: "0.9215")
        // 1000.00 USD * 0.9215 = 921.50 EUR.
        #expect(try rate.convert(Money(parsing: "1000.00", currency: .USD), into: .EUR).description == "921.50 EUR")
        // 0.01 * 0.9215 = 0.009215 -> 0.01.
        #expect(try rate.convert(Money(parsing: "0.01", currency: .USD), into: .EUR).description == "0.01 EUR")
        let half = try ExchangeRate(parsing: "0.5")
        // 0.03 * 0.5 = 0.015 -> 0.02, and -0.015 -> -0.02 (away from zero).
        #expect(try half.convert(Money(parsing: "0.03", currency: .USD), into: .EUR).description == "0.02 EUR")
        #expect(try half.convert(Money(parsing: "-0.03", currency: .USD), into: .EUR).description == "-0.02 EUR")
        // 1000 JPY * 0.006123 = 6.123 EUR -> 6.12; 12.34 EUR * 161.5 = 1992.91 JPY -> 1993; 1.234 KWD * 3 = 3.702 EUR -> 3.70.
        #expect(try ExchangeRate(parsing: "0.006123").convert(Money(parsing: "1000", currency: .JPY), into: .EUR).description == "6.12 EUR")
        #expect(try ExchangeRate(parsing: "161.5").convert(Money(parsing: "12.34", currency: .EUR), into: .JPY).description == "1993 JPY")
        #expect(try ExchangeRate(parsing: "3").convert(Money(parsing: "1.234", currency: .KWD), into: .EUR).description == "3.70 EUR")
    }

    @Test("the latest rate on or before the day; a missing one names the currency, the day and the command")
    func lookup() throws {
        let rates = ExchangeRates(into: .EUR, rates: [
            DatedExchangeRate(currency: .USD, day: try day("2024-03-01"), rate: try ExchangeRate(parsing: "0.93")),
            DatedExchangeRate(currency: .USD, day: try day("2024-01-31"), rate: try ExchangeRate(parsing: "0.92")),
        ])
        #expect(try rates.rate(of: .USD, on: day("2024-02-29")).rate.description == "0.92")
        #expect(try rates.rate(of: .USD, on: day("2024-03-01")).rate.description == "0.93")
        #expect(try rates.convert(Money(parsing: "100.00", currency: .USD), on: day("2024-03-31")).description == "93.00 EUR")
        #expect(try rates.convert(eur("5.00"), on: day("2020-01-01")).description == "5.00 EUR")
        let missing = ExchangeRateError.missing(currency: "USD", day: try day("2024-01-30"), into: "EUR")
        #expect(throws: missing) { try rates.rate(of: .USD, on: day("2024-01-30")) }
        #expect(missing.description == "no exchange rate for USD on or before 2024-01-30 (to convert into EUR); "
            + "add one with: settle fx add USD 2024-01-30 RATE (RATE = EUR for 1 USD)")
        #expect(throws: ExchangeRateError.missing(currency: "GBP", day: try day("2024-03-31"), into: "EUR")) {
            try rates.rate(of: .GBP, on: day("2024-03-31"))
        }
    }
}
