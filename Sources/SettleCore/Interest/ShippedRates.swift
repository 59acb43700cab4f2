// The reference rates Settle ships with, copied from ../shared/reference/rates/*.csv (gathered from the
// Bank of England, the ECB and the Deutsche Bundesbank; see ../shared/reference/rules.md) together with
// known-through.csv. Core does no I/O, so the numbers live here as data; users correct and extend them
// with `settle rates add`, which the store merges over these. Rates are in basis points (1 % = 100).

extension ReferenceRates {
    /// The tables as shipped, each known complete through the day in known-through.csv.
    public static let shipped = ReferenceRates([
        ShippedTable.table(.bankOfEnglandBankRate, knownThrough: (2025, 12, 31), changes: [
            (2020,  3, 11,   25),
            (2020,  3, 19,   10),
            (2021, 12, 16,   25),
            (2022,  2,  3,   50),
            (2022,  3, 17,   75),
            (2022,  5,  5,  100),
            (2022,  6, 16,  125),
            (2022,  8,  4,  175),
            (2022,  9, 22,  225),
            (2022, 11,  3,  300),
            (2022, 12, 15,  350),
            (2023,  2,  2,  400),
            (2023,  3, 23,  425),
            (2023,  5, 11,  450),
            (2023,  6, 22,  500),
            (2023,  8,  3,  525),
            (2024,  8,  1,  500),
            (2024, 11,  7,  475),
            (2025,  2,  6,  450),
            (2025,  5,  8,  425),
            (2025,  8,  7,  400),
            (2025, 12, 18,  375),
        ]),
        ShippedTable.table(.ecbMainRefinancingRate, knownThrough: (2025, 6, 30), changes: [
            (2016,  3, 16,    0),
            (2022,  7, 27,   50),
            (2022,  9, 14,  125),
            (2022, 11,  2,  200),
            (2022, 12, 21,  250),
            (2023,  2,  8,  300),
            (2023,  3, 22,  350),
            (2023,  5, 10,  375),
            (2023,  6, 21,  400),
            (2023,  8,  2,  425),
            (2023,  9, 20,  450),
            (2024,  6, 12,  425),
            (2024,  9, 18,  365),
            (2024, 10, 23,  340),
            (2024, 12, 18,  315),
            (2025,  2,  5,  290),
            (2025,  3, 12,  265),
            (2025,  4, 23,  240),
            (2025,  6, 11,  215),
        ]),
        ShippedTable.table(.basiszinssatz, knownThrough: (2025, 12, 31), changes: [
            (2016,  7,  1,  -88),
            (2023,  1,  1,  162),
            (2023,  7,  1,  312),
            (2024,  1,  1,  362),
            (2024,  7,  1,  337),
            (2025,  1,  1,  227),
            (2025,  7,  1,  127),
        ]),
    ])
}

/// Builds shipped tables from literal (year, month, day, basis points) rows.
private enum ShippedTable {
    typealias Row = (year: Int, month: Int, day: Int, basisPoints: Int)

    static func table(_ name: ReferenceRateTableName, knownThrough: (Int, Int, Int), changes: [Row]) -> ReferenceRateTable {
        ReferenceRateTable(
            name: name,
            changes: changes.map { RateChange(effectiveFrom: day($0.year, $0.month, $0.day), rate: Percentage(basisPoints: $0.basisPoints)) },
            knownThrough: day(knownThrough.0, knownThrough.1, knownThrough.2))
    }

    /// The literals above are real days (the tests compare them with the CSV files), so the
    /// civil-day arithmetic is used directly rather than the failable initialiser.
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(daysSinceEpoch: Day.daysFromCivil(year: year, month: month, day: day))
    }
}
