import Foundation
import SettleCore
import Testing

/// Reference rate tables: lookups, known-through warnings, corrections, and the shipped data.
@Suite("Reference rate tables")
struct ReferenceRateTableTests {
    func change(_ text: String, _ rate: String) throws -> RateChange {
        RateChange(effectiveFrom: try day(text), rate: try Percentage(parsing: rate))
    }

    @Test("the rate in force on a day is the latest change on or before it")
    func lookup() throws {
        let table = ReferenceRates.shipped[.ecbMainRefinancingRate]
        #expect(try table.rate(on: day("2023-07-01")).rate.rateString == "4.00")
        #expect(try table.rate(on: day("2023-06-21")).rate.rateString == "4.00")
        #expect(try table.rate(on: day("2023-06-20")).rate.rateString == "3.75")
        #expect(try table.rate(on: day("2025-01-01")).effectiveFrom == day("2024-12-18"))
        #expect(try table.rate(on: day("2025-06-30")).warning == nil)
        #expect(throws: InterestError.noReferenceRate(table: .ecbMainRefinancingRate, day: try day("2016-03-15"))) {
            try table.rate(on: day("2016-03-15"))
        }
    }

    @Test("past the known-through day the latest rate comes with a warning, not silently")
    func pastKnownThrough() throws {
        let lookup = try ReferenceRates.shipped[.basiszinssatz].rate(on: day("2026-01-01"))
        #expect(lookup.rate.rateString == "1.27")
        #expect(lookup.warning == RateWarning(table: .basiszinssatz, day: try day("2026-01-01"), knownThrough: try day("2025-12-31")))
    }

    @Test("a correction for a day replaces the shipped change; the later known-through day wins")
    func merging() throws {
        let shipped = ReferenceRates.shipped[.ecbMainRefinancingRate]
        let merged = shipped.merging([try change("2024-12-18", "3.00"), try change("2025-09-10", "2.00")], knownThrough: try day("2025-12-31"))
        #expect(merged.changes.count == shipped.changes.count + 1)
        #expect(try merged.rate(on: day("2025-01-01")).rate.rateString == "3.00")
        #expect(try merged.rate(on: day("2025-10-01")).rate.rateString == "2.00")
        #expect(merged.knownThrough == (try day("2025-12-31")))
        #expect(shipped.merging([], knownThrough: try day("2020-01-01")).knownThrough == shipped.knownThrough)
        #expect(shipped.merging([], knownThrough: nil) == shipped)
    }

    @Test("rates print with at least two decimals", arguments: [("14", "14.00"), ("13.25", "13.25"), ("-0.88", "-0.88"),
                                                               ("8.875", "8.875"), ("0", "0.00"), ("0.1234", "0.1234")])
    func rateString(text: String, expected: String) throws {
        #expect(try Percentage(parsing: text).rateString == expected)
    }

    @Test("table names", arguments: ReferenceRateTableName.allCases)
    func names(name: ReferenceRateTableName) throws {
        #expect(try ReferenceRateTableName(parsing: name.rawValue) == name)
        #expect(throws: InterestError.unknownRateTable("fed")) { try ReferenceRateTableName(parsing: "fed") }
    }

    static let ratesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/rates")

    /// ShippedRates.swift is a copy of ../shared/reference/rates; this keeps the copy honest where the files are at hand.
    @Test("the shipped tables match the reference CSV files",
          .enabled(if: FileManager.default.fileExists(atPath: ratesFolder.appendingPathComponent("known-through.csv").path)),
          arguments: ReferenceRateTableName.allCases)
    func shippedMatchesReference(name: ReferenceRateTableName) throws {
        func rows(_ file: String) throws -> [[String]] {
            let text = try String(contentsOf: Self.ratesFolder.appendingPathComponent(file), encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        }
        let table = ReferenceRates.shipped[name]
        let expected = try rows("\(name.rawValue).csv").map { try change($0[0], $0[1]) }
        #expect(table.changes == expected)
        let known = try rows("known-through.csv").first { $0[0] == name.rawValue }
        #expect(known.map { $0[1] } == table.knownThrough.description)
    }
}
