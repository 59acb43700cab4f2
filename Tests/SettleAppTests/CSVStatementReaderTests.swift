import Foundation
import SettleApp
import SettleCore
import Testing

/// Banks' CSV exports read through a saved column mapping, every field checked.
@Suite struct CSVStatementReaderTests {
    static let sparkasse = try! StatementCSVMapping(
        name: "sparkasse", account: "DE89370400440532013000", bookingDate: "Buchungstag", valueDate: "Valutadatum",
        amount: .signed(column: "Betrag"), currency: .column(name: "Waehrung"), counterpartyName: "Beguenstigter/Zahlungspflichtiger",
        counterpartyAccount: "Kontonummer/IBAN", text: ["Buchungstext", "Verwendungszweck"], decimalSeparator: .comma,
        dateFormat: .dotted, delimiter: .semicolon, skipRows: 3)

    /// A preamble of three lines (one empty), quoted fields with `;` and a line break inside, an
    /// amount with a thousands point, a lower-case currency, and a row in ISO-8859-1.
    static let sparkasseText = """
        Umsätze Girokonto;DE89370400440532013000
        Zeitraum: 01.04.2024 - 30.04.2024

        "Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"Betrag";"Waehrung"
        "02.04.2024";"02.04.2024";"GUTSCHRIFT";"Rechnung K-1 RF18 5390 0754 7034";"Klee & Söhne GmbH";"DE02 1203 0000 0000 2020 51";"1.234,56";"EUR"
        "03.04.2024";"";"LASTSCHRIFT";"Miete; April
        zweite Zeile";"Vermieter";"";"-89,90";"eur"\r

        """
    static let sparkasseFile = Data(sparkasseText.utf8)
        + "04.04.2024;04.04.2024;GUTSCHRIFT;R-2;Jürgen Müller;;12,00;EUR\n".data(using: .isoLatin1)!

    static let us = try! StatementCSVMapping(
        name: "first-national", account: "0012345678", bookingDate: "Date", valueDate: "Posted",
        amount: .split(credit: "Credit", debit: "Debit"), currency: .fixed(code: "USD"), text: ["Description"],
        bankReference: "Reference", decimalSeparator: .point, dateFormat: .slashedMonthFirst, delimiter: .comma)

    /// Credits and debits in columns of their own: a debit written negative, a zero in the unused column.
    static let usFile = Data("""
        Date,Posted,Description,Reference,Credit,Debit
        04/01/2024,04/02/2024,"Invoice 1001, thanks",TX-1,"1,234.50",
        04/03/2024,04/03/2024,Fee,TX-2,,-15.00
        4/3/2024,4/4/2024,Refund,TX-3,0.00,20.00
        """.utf8)

    static func money(_ text: String, _ currency: Currency = .EUR) -> Money { try! Money(parsing: text, currency: currency) }
    static func day(_ text: String) -> Day { try! Day(parsing: text) }

    func read(_ data: Data, _ mapping: StatementCSVMapping) throws -> ([StatementAccount], [StatementEntry]) {
        var accounts: [StatementAccount] = [], entries: [StatementEntry] = []
        try CSVStatementReader.read(data, file: "bank.csv", mapping: mapping, account: { accounts.append($0) },
                                    entry: { entries.append($0) })
        return (accounts, entries)
    }

    @Test func aSignedAmountAndACurrencyColumn() throws {
        let (accounts, entries) = try read(Self.sparkasseFile, Self.sparkasse)
        // Rows name their currency, so the account's header has none.
        #expect(accounts == [StatementAccount(id: "DE89370400440532013000", currency: nil, statementID: nil)])
        #expect(entries == [
            StatementEntry(amount: Self.money("1234.56"), direction: .credit, bookingDate: Self.day("2024-04-02"),
                           valueDate: Self.day("2024-04-02"), remittance: ["GUTSCHRIFT Rechnung K-1 RF18 5390 0754 7034"],
                           creditorReferences: ["RF18539007547034"], counterpartyName: "Klee & Söhne GmbH",
                           counterpartyAccount: "DE02120300000000202051", position: StatementPosition(entry: 1)),
            StatementEntry(amount: Self.money("89.90"), direction: .debit, bookingDate: Self.day("2024-04-03"),
                           remittance: ["LASTSCHRIFT Miete; April\nzweite Zeile"], counterpartyName: "Vermieter",
                           position: StatementPosition(entry: 2)),
            StatementEntry(amount: Self.money("12.00"), direction: .credit, bookingDate: Self.day("2024-04-04"),
                           valueDate: Self.day("2024-04-04"), remittance: ["GUTSCHRIFT R-2"], counterpartyName: "Jürgen Müller",
                           position: StatementPosition(entry: 3)),
        ])
    }

    @Test func creditAndDebitColumns() throws {
        let (accounts, entries) = try read(Self.usFile, Self.us)
        #expect(accounts == [StatementAccount(id: "0012345678", currency: .USD, statementID: nil)])
        #expect(entries == [
            StatementEntry(amount: Self.money("1234.50", .USD), direction: .credit, bookingDate: Self.day("2024-04-01"),
                           valueDate: Self.day("2024-04-02"), bankReference: "TX-1", remittance: ["Invoice 1001, thanks"],
                           position: StatementPosition(entry: 1)),
            StatementEntry(amount: Self.money("15.00", .USD), direction: .debit, bookingDate: Self.day("2024-04-03"),
                           valueDate: Self.day("2024-04-03"), bankReference: "TX-2", remittance: ["Fee"],
                           position: StatementPosition(entry: 2)),
            StatementEntry(amount: Self.money("20.00", .USD), direction: .debit, bookingDate: Self.day("2024-04-03"),
                           valueDate: Self.day("2024-04-04"), bankReference: "TX-3", remittance: ["Refund"],
                           position: StatementPosition(entry: 3)),
        ])
    }

    @Test func tabsCompactDatesAndApostrophes() throws {
        let mapping = try StatementCSVMapping(name: "swiss", account: "CH9300762011623852957", bookingDate: "Datum",
                                              amount: .signed(column: "Betrag"), currency: .fixed(code: "CHF"), text: ["Text"],
                                              dateFormat: .compact, delimiter: .tab)
        let (_, entries) = try read(Data("Datum\tBetrag\tText\n20240402\t1'250.00\tRE 5\n20240403\t-3.5\t\n".utf8), mapping)
        #expect(entries == [
            StatementEntry(amount: Self.money("1250.00", .CHF), direction: .credit, bookingDate: Self.day("2024-04-02"),
                           remittance: ["RE 5"], position: StatementPosition(entry: 1)),
            StatementEntry(amount: Self.money("3.50", .CHF), direction: .debit, bookingDate: Self.day("2024-04-03"),
                           position: StatementPosition(entry: 2)),
        ])
    }

    /// A file of many rows, read across many chunks of the stream.
    @Test func aLargeFileIsReadAsAStream() throws {
        var text = "Date,Posted,Description,Reference,Credit,Debit\r\n"
        for index in 1...30_000 { text += "04/01/2024,04/02/2024,\"Invoice \(index), thanks\",TX-\(index),1.00,\r\n" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var count = 0, last: StatementEntry?
        try CSVStatementReader.read(try #require(InputStream(url: url)), file: "big.csv", mapping: Self.us, account: { _ in }, entry: {
            count += 1
            last = $0
        })
        #expect(count == 30_000 && last?.bankReference == "TX-30000" && last?.remittance == ["Invoice 30000, thanks"])
    }
}

extension Currency {
    static let CHF = try! Currency(code: "CHF")
}
