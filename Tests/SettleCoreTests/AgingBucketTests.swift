import SettleCore
import Testing

@Suite("Aging")
struct AgingBucketTests {
    /// Worked example 3, as of 2024-03-31: due date, amount, days past due, bucket.
    static let example3: [(String, String, Int, AgingBucket)] = [
        ("2024-04-15", "1000.00", -15, .current),
        ("2024-03-31", "500.00", 0, .current),
        ("2024-03-01", "2000.00", 30, .days1To30),
        ("2024-02-01", "750.00", 59, .days31To60),
        ("2024-01-31", "300.00", 60, .days31To60),
        ("2024-01-01", "1200.00", 90, .days61To90),
        ("2023-12-31", "400.00", 91, .over90),
        ("2023-10-15", "900.00", 168, .over90),
    ]

    @Test("worked example 3: days past due and buckets", arguments: example3)
    func workedExample3(due: String, amount: String, daysPastDue: Int, bucket: AgingBucket) throws {
        let invoice = Invoice(number: try invoiceNumber("INV-1"), client: "ACME", issueDate: try day("2023-01-01"),
                              dueDate: try day(due), currency: .EUR, total: try eur(amount))
        #expect(try invoice.daysPastDue(asOf: day("2024-03-31")) == daysPastDue)
        #expect(AgingBucket(daysPastDue: daysPastDue) == bucket)
    }

    @Test("worked example 3: totals per bucket")
    func workedExample3Totals() throws {
        var amounts = AgingAmounts(currency: .EUR)
        for (due, amount, _, _) in Self.example3 {
            try amounts.add(eur(amount), to: AgingBucket(daysPastDue: day("2024-03-31").days(since: day(due))))
        }
        #expect(try AgingBucket.allCases.map { amounts[$0] } == ["1500.00", "2000.00", "1050.00", "1200.00", "1300.00"].map(eur))
        #expect(try amounts.total == eur("7050.00"))
    }

    @Test("bucket boundaries", arguments: [
        (-5, AgingBucket.current), (0, .current), (1, .days1To30), (30, .days1To30), (31, .days31To60),
        (60, .days31To60), (61, .days61To90), (90, .days61To90), (91, .over90), (10_000, .over90),
    ])
    func boundaries(daysPastDue: Int, bucket: AgingBucket) {
        #expect(AgingBucket(daysPastDue: daysPastDue) == bucket)
    }

    @Test("due-date ranges agree with days past due for every day in -5...200",
          arguments: ["2024-03-31", "2024-03-01", "2025-01-15"])
    func dueDateRangesAgree(asOf text: String) throws {
        let asOf = try day(text)
        for daysPastDue in -5 ... 200 {
            let due = asOf.adding(days: -daysPastDue)
            let containing = AgingBucket.allCases.filter { bucket in
                let range = bucket.dueDates(asOf: asOf)
                return (range.from.map { $0 <= due } ?? true) && (range.through.map { due <= $0 } ?? true)
            }
            #expect(containing == [AgingBucket(daysPastDue: daysPastDue)], "\(daysPastDue) days past due")
        }
    }

    @Test("bucket names as stored and shown")
    func names() {
        #expect(AgingBucket.allCases.map(\.rawValue) == ["current", "1-30", "31-60", "61-90", "90+"])
    }

    @Test("the report orders rows by client then currency and totals each currency apart")
    func reportTotalsPerCurrency() throws {
        func amounts(_ currency: Currency, _ entries: [(AgingBucket, Int64)]) throws -> AgingAmounts {
            var amounts = AgingAmounts(currency: currency)
            for (bucket, units) in entries { try amounts.add(Money(minorUnits: units, currency: currency), to: bucket) }
            return amounts
        }
        let report = try AgingReport(asOf: day("2024-03-31"), rows: [
            .init(key: "BETA", name: "Beta", amounts: try amounts(.EUR, [(.current, 10_000), (.over90, 5_000)])),
            .init(key: "ACME", name: "Acme", amounts: try amounts(.USD, [(.days1To30, 7_000)])),
            .init(key: "ACME", name: "Acme", amounts: try amounts(.EUR, [(.current, 2_500), (.days31To60, 1_000)])),
        ])
        #expect(report.rows.map { "\($0.key) \($0.amounts.currency)" } == ["ACME EUR", "ACME USD", "BETA EUR"])
        #expect(report.totals.map(\.currency) == [.EUR, .USD])
        let euros = try #require(report.totals.first)
        #expect(AgingBucket.allCases.map { euros[$0].minorUnits } == [12_500, 0, 1_000, 0, 5_000])
        #expect(euros.total == Money(minorUnits: 18_500, currency: .EUR))
        #expect(report.totals.last?.total == Money(minorUnits: 7_000, currency: .USD))
    }

    @Test("amounts in another currency cannot be added to a row")
    func rowCurrencyMismatch() {
        var amounts = AgingAmounts(currency: .EUR)
        #expect(throws: MoneyError.currencyMismatch("EUR", "USD")) {
            try amounts.add(Money(minorUnits: 1, currency: .USD), to: .current)
        }
    }
}
