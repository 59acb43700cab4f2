import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

@Suite struct ExchangeRateAppTests {
    @Test(arguments: TestEngine.available)
    func ratesAreStoredPerOrganisationAndReplacedPerDay(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let first = try await settle.addExchangeRate(currency: "USD", day: "2024-03-31", rate: "0.9215")
            #expect(!first.replaced && first.rate.rate.description == "0.9215")
            _ = try await settle.addExchangeRate(currency: "GBP", day: "2024-01-31", rate: "1.1700")
            _ = try await settle.addExchangeRate(currency: "USD", day: "2024-02-29", rate: "0.92")
            let again = try await settle.addExchangeRate(currency: "USD", day: "2024-03-31", rate: "0.93")
            #expect(again.replaced)
            let rates = try await settle.exchangeRates()
            #expect(rates.into == .EUR)
            #expect(rates.rates.map { "\($0.currency) \($0.day) \($0.rate)" }
                    == ["GBP 2024-01-31 1.17", "USD 2024-02-29 0.92", "USD 2024-03-31 0.93"])
            #expect(try rates.rate(of: .USD, on: Day(parsing: "2024-03-30")).rate.description == "0.92")

            // Another organisation (in GBP) has its own rates, and EUR is a foreign currency there.
            _ = try await settle.createOrganisation(Organisation(slug: "uk", name: "UK Ltd", currency: .GBP,
                                                                 timeZone: "Europe/London", country: "GB"))
            let other = try reopened(settle, organisation: "uk", today: "2024-03-31")
            #expect(try await other.exchangeRates().rates.isEmpty)
            _ = try await other.addExchangeRate(currency: "EUR", day: "2024-03-31", rate: "0.855")
            #expect(try await other.exchangeRates().rates.map(\.currency) == [.EUR])
            #expect(try await settle.exchangeRates().rates.count == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func badRatesAreRefusedWithAMessage(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            await #expect(throws: MoneyError.unknownCurrency("USX")) {
                _ = try await settle.addExchangeRate(currency: "USX", day: "2024-03-31", rate: "1")
            }
            await #expect(throws: DayError.invalid("2024-02-30")) {
                _ = try await settle.addExchangeRate(currency: "USD", day: "2024-02-30", rate: "1")
            }
            await #expect(throws: ExchangeRateError.notPositive("0")) {
                _ = try await settle.addExchangeRate(currency: "USD", day: "2024-03-31", rate: "0")
            }
            await #expect(throws: ExchangeRateError.notARate("-0.5")) {
                _ = try await settle.addExchangeRate(currency: "USD", day: "2024-03-31", rate: "-0.5")
            }
            await #expect(throws: ExchangeRateError.notARate("about 1")) {
                _ = try await settle.addExchangeRate(currency: "USD", day: "2024-03-31", rate: "about 1")
            }
            await #expect(throws: ExchangeRateError.ownCurrency("EUR")) {
                _ = try await settle.addExchangeRate(currency: "EUR", day: "2024-03-31", rate: "1")
            }
            #expect(ExchangeRateError.ownCurrency("EUR").description == "EUR is the organisation's own currency: it needs no exchange rate")
            let rates = try await settle.exchangeRates()
            #expect(rates.rates.isEmpty)
        }
    }
}
