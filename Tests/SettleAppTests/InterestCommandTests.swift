import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Interest through the app on every engine: stored rate corrections change calculations,
/// and rates past a table's known-through day are reported, not silently assumed.
@Suite struct InterestAppTests {
    /// Worked example 13: EU directive, 10,000.00 EUR due 2024-12-20, paid 2025-01-19.
    func example13(_ settle: Settle) async throws -> InterestCalculation {
        try await settle.calculateInterest(principal: try Money(parsing: "10000.00", currency: .EUR), due: try Day(parsing: "2024-12-20"),
                                           until: try Day(parsing: "2025-01-19"), regime: .eu, debtor: .business)
    }

    func julyDebt(_ settle: Settle) async throws -> InterestCalculation {
        try await settle.calculateInterest(principal: try Money(parsing: "10000.00", currency: .EUR), due: try Day(parsing: "2025-06-20"),
                                           until: try Day(parsing: "2025-07-10"), regime: .eu, debtor: .business)
    }

    @Test(arguments: TestEngine.available)
    func addedRateChangesACalculation(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            #expect(try await example13(settle).interest.decimalString == "94.96")
            let table = try await settle.addRate(table: "ecb-mro", effectiveFrom: "2024-12-18", rate: "3.00", knownThrough: nil)
            #expect(table.changes.count == ReferenceRates.shipped[.ecbMainRefinancingRate].changes.count)
            // H1 2025 now at 3.00 + 8: 10000 * 11 % * 19 / 365 = 57.26, beside the unchanged 36.92 for December.
            let corrected = try await example13(settle)
            #expect(corrected.periods.map(\.interest.decimalString) == ["36.92", "57.26"])
            #expect(corrected.interest.decimalString == "94.18")
            let listed = try await settle.rates(table: "ecb-mro")
            #expect(listed.map(\.name) == [.ecbMainRefinancingRate])
            #expect(try listed.first?.rate(on: Day(parsing: "2025-01-01")).rate.rateString == "3.00")
            // Rates are public facts: another organisation sees the same correction.
            _ = try await settle.createOrganisation(Organisation(slug: "acme", name: "Acme", currency: .EUR,
                                                                 timeZone: "Europe/Paris", country: "FR"))
            let other = try reopened(settle, organisation: "acme", today: "2025-02-01")
            #expect(try await example13(other).interest.decimalString == "94.18")
        }
    }

    @Test(arguments: TestEngine.available)
    func knownThroughWarningUntilTheTableIsExtended(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let before = try await julyDebt(settle)
            #expect(before.warnings.map(\.table) == [.ecbMainRefinancingRate])
            #expect(before.warnings.first?.description.contains("known only through 2025-06-30") == true)
            let table = try await settle.addRate(table: "ecb-mro", effectiveFrom: "2025-06-11", rate: "2.15", knownThrough: "2025-12-31")
            #expect(table.knownThrough == (try Day(parsing: "2025-12-31")))
            let after = try await julyDebt(settle)
            #expect(after.warnings.isEmpty)
            #expect(after.interest == before.interest)
            // A change after the known-through day needs the day moved with it.
            _ = try await settle.addRate(table: "ecb-mro", effectiveFrom: "2025-12-01", rate: "2.00", knownThrough: nil)
            await #expect(throws: InputError.self) {
                try await settle.addRate(table: "ecb-mro", effectiveFrom: "2026-02-01", rate: "1.90", knownThrough: nil)
            }
            let extended = try await settle.addRate(table: "ecb-mro", effectiveFrom: "2026-02-01", rate: "1.90", knownThrough: "2026-03-31")
            #expect(extended.changes.last?.rate.rateString == "1.90")
        }
    }

    @Test(arguments: TestEngine.available)
    func addRateRefusesWhatIsNotARate(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            await #expect(throws: InterestError.unknownRateTable("fed-funds")) {
                try await settle.addRate(table: "fed-funds", effectiveFrom: "2025-01-01", rate: "4", knownThrough: nil)
            }
            await #expect(throws: DayError.invalid("2025-02-30")) {
                try await settle.addRate(table: "ecb-mro", effectiveFrom: "2025-02-30", rate: "4", knownThrough: nil)
            }
            await #expect(throws: MoneyError.invalidPercentage("four")) {
                try await settle.addRate(table: "ecb-mro", effectiveFrom: "2025-01-01", rate: "four", knownThrough: nil)
            }
            await #expect(throws: InputError.self) {
                try await settle.addRate(table: "ecb-mro", effectiveFrom: "2025-01-01", rate: "150", knownThrough: nil)
            }
            await #expect(throws: InputError.self) {
                try await settle.addRate(table: "de-basiszinssatz", effectiveFrom: "2025-01-01", rate: "2.27", knownThrough: "2024-12-31")
            }
            await #expect(throws: InterestError.unknownRateTable("x")) { try await settle.rates(table: "x") }
            let stored = try await count("reference_rates", in: settle)
            let tables = try await settle.rates()
            #expect(stored == 0)
            #expect(tables == ReferenceRates.shipped.all)
        }
    }

    @Test(arguments: TestEngine.available)
    func calculatesWithTheShippedTablesBeforeMigration(engine: TestEngine) async throws {
        try await withEmptyDatabase(engine) { url in
            let settle = try await Settle.open(SettleConfiguration(database: url, time: FixedDay(try Day(parsing: "2024-03-31"))))
            do {
                #expect(try await example13(settle).interest.decimalString == "94.96")
                await #expect(throws: StoreError.notMigrated) {
                    try await settle.addRate(table: "ecb-mro", effectiveFrom: "2025-01-01", rate: "3", knownThrough: nil)
                }
            } catch {
                await settle.close()
                throw error
            }
            await settle.close()
        }
    }
}

/// `settle interest` and `settle rates` as a user runs them.
@Suite(.serialized) struct InterestCommandLineTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func interestJSONAndWarnings() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example1 = try cli.settle(["interest", "--regime", "uk", "--kind", "business", "--principal", "5000.00", "--currency", "GBP",
                                       "--due", "2024-01-31", "--until", "2024-03-16", "--format", "json"], in: folder)
        #expect(example1.status == 0)
        #expect(example1.errors.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(example1.output.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["regime", "days", "rate_percent", "interest", "fixed_compensation", "total", "periods"])
        #expect(json["regime"] as? String == "uk")
        #expect(json["days"] as? Int == 45)
        #expect(json["rate_percent"] as? String == "13.25")
        #expect(json["interest"] as? String == "81.68")
        #expect(json["fixed_compensation"] as? String == "70.00")
        #expect(json["total"] as? String == "5151.68")
        let periods = try #require(json["periods"] as? [[String: Any]])
        #expect(periods.count == 1)
        #expect(periods.first?["from"] as? String == "2024-02-01" && periods.first?["to"] as? String == "2024-03-16")
        #expect(periods.first?["days"] as? Int == 45 && periods.first?["rate_percent"] as? String == "13.25")
        #expect(periods.first?["interest"] as? String == "81.68")

        let table = try cli.settle(["interest", "--regime", "de", "--kind", "business", "--principal", "20000.00", "--currency", "EUR",
                                    "--due", "2023-06-20", "--until", "2023-07-10"], in: folder)
        #expect(table.status == 0)
        #expect(table.output.contains("2023-07-01  2023-07-10  10    12.12   66.41"))
        #expect(table.output.contains("total               20164.60"))

        let consumer = try cli.settle(["interest", "--regime", "uk", "--kind", "consumer", "--principal", "100.00", "--currency", "GBP",
                                       "--due", "2024-01-31", "--until", "2024-03-16"], in: folder)
        #expect(consumer.status == 1)
        #expect(consumer.errors.contains("between businesses only"))
        #expect(try cli.settle(["interest", "--regime", "contract", "--principal", "1.00", "--currency", "EUR",
                                "--due", "2024-01-31", "--until", "2024-03-16"], in: folder).status == 2)

        let july = ["interest", "--regime", "eu", "--kind", "business", "--principal", "10000.00", "--currency", "EUR",
                    "--due", "2025-06-20", "--until", "2025-07-10", "--format", "json"]
        let warned = try cli.settle(july, in: folder)
        #expect(warned.status == 0)
        #expect(warned.errors.contains("settle: warning:") && warned.errors.contains("ecb-mro") && warned.errors.contains("2025-06-30"))

        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        let added = try cli.settle(["rates", "add", "ecb-mro", "--from", "2025-06-11", "--rate", "2.15", "--known-through", "2025-12-31"],
                                   in: folder)
        #expect(added.status == 0)
        #expect(added.output == "ecb-mro: 2.15 % from 2025-06-11; known through 2025-12-31\n")
        let quiet = try cli.settle(july, in: folder)
        #expect(quiet.status == 0 && quiet.errors.isEmpty)
        let listed = try cli.settle(["rates", "list", "--table", "ecb-mro", "--format", "json"], in: folder)
        let tables = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(tables.first?["known_through"] as? String == "2025-12-31")
        #expect(try cli.settle(["rates", "add", "nope", "--from", "2025-01-01", "--rate", "1"], in: folder).status == 1)
    }
}
