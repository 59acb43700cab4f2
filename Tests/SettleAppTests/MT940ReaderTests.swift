import Foundation
import SettleApp
import SettleCore
import Testing

/// MT940 statements as German and other banks write them, read line by line, every field checked.
@Suite struct MT940ReaderTests {
    static let ownIBAN = "DE89370400440532013000"

    /// Two statements of one account, named first by IBAN and then by bank code and account number,
    /// in SWIFT block wrappers with CRLF line ends: a structured :86: with EREF, SVWZ and an RF
    /// reference running over three lines, a returned direct debit (GVC 109) booked in December with
    /// a January value date, a reversed credit (RC), a reversed debit (RD) with a returned transfer's
    /// GVC 159, and free text.
    static let german = Data([
        "{1:F01COBADEFFAXXX0000000000}{2:I940COBADEFFXXXXN}{4:",
        ":20:STARTUMS1",
        ":25:DE89370400440532013000",
        ":28C:00042/001",
        ":60F:C231228EUR1000,00",
        ":61:2312291229CR1250,00NTRFNONREF//BANKREF-001",
        ":86:166?00SEPA-GUTSCHRIFT?109310?20EREF+E2E-2023-17?21SVWZ+Rechnu",
        "ng K-1 und K-2?22 RF18 5390 0754 7034 danke?",
        "30COBADEFFXXX?31DE02 1203 0000 0000 2020 51?32Klee und Söhne Maschinenb?33au GmbH",
        ":61:2401021229DR89,90NRTIKD-7//RET-0001",
        ":86:109?00RUECKLASTSCHRIFT?10931?20EREF+LS-2023-991?21MREF+M-77?22CRED+DE98ZZZ09999999999",
        "?23SVWZ+Beitrag Dezember?24ABWA+Rook Vereinsservice?30GENODEF1S04?31DE44500105175407324931",
        "?32Rook SARL?34MD06",
        ":61:231229RC15,00NMSC//STORNO-1",
        ":86:Storno Gutschrift vom 27.12.",
        "wegen doppelter Buchung",
        ":62F:C231229EUR2145,10",
        "-}",
        "{1:F01COBADEFFAXXX0000000000}{2:I940COBADEFFXXXXN}{4:",
        ":20:STARTUMS2",
        ":25:37040044/0532013000",
        ":28C:00043/001",
        ":60F:C231229EUR2145,10",
        ":61:240103RD40,00NDDT//RD-REF-9",
        ":86:159?00RETOURE?20SVWZ+Retoure Ueberweisung?21 R-5 AC04?32Noad Ltd",
        ":61:2401030103CR300,00NTRFKD-REF-55//BANK-5",
        ":86:Zahlung Rechnung R-1",
        "Ref. \(CreditorReference(invoiceNumber: "R-1").printed) danke",
        ":62F:C240103EUR2485,10",
        "-}{5:{CHK:123456789ABC}}",
    ].joined(separator: "\r\n").utf8)

    /// Statements of two accounts, LF line ends, one line in ISO-8859-1 and one in UTF-8: an IBAN
    /// with its currency after it, a debit opening balance, an amount written `120,`, and an
    /// intermediate statement (:60M:/:62M:) of an account with neither IBAN nor bank code.
    static let twoAccounts = Data("""
        :20:940-NL-1
        :25:NL91ABNA0417164300EUR
        :28C:1/1
        :60F:D240430EUR20,00
        :61:240502C120,NTRFNONREF

        """.utf8)
        + ":86:051?00GUTSCHRIFT?20SVWZ+Miete Mai Müller?32Jürgen Müller\n".data(using: .isoLatin1)!
        + Data("""
        :62F:C240502EUR100,00
        :20:940-US-7
        :25:12345678
        :28C:7/2
        :60M:C240501USD0,00
        :61:240501D5,50NCHGNONREF//FEE-1
        :86:Kontoführung Mai
        :62M:D240501USD5,50

        """.utf8)

    static let germanEntries = [
        StatementEntry(amount: money("1250.00"), direction: .credit, bookingDate: day("2023-12-29"), valueDate: day("2023-12-29"),
                       bankReference: "BANKREF-001", endToEndReference: "E2E-2023-17",
                       remittance: ["Rechnung K-1 und K-2 RF18 5390 0754 7034 danke"], creditorReferences: ["RF18539007547034"],
                       counterpartyName: "Klee und Söhne Maschinenbau GmbH", counterpartyAccount: "DE02120300000000202051",
                       position: StatementPosition(entry: 1)),
        StatementEntry(amount: money("89.90"), direction: .debit, reversal: true, bookingDate: day("2023-12-29"),
                       valueDate: day("2024-01-02"), bankReference: "RET-0001", endToEndReference: "LS-2023-991",
                       remittance: ["Beitrag Dezember"], counterpartyName: "Rook SARL", counterpartyAccount: "DE44500105175407324931",
                       position: StatementPosition(entry: 2)),
        StatementEntry(amount: money("15.00"), direction: .debit, reversal: true, valueDate: day("2023-12-29"),
                       bankReference: "STORNO-1", remittance: ["Storno Gutschrift vom 27.12.", "wegen doppelter Buchung"],
                       position: StatementPosition(entry: 3)),
        StatementEntry(amount: money("40.00"), direction: .credit, reversal: true, valueDate: day("2024-01-03"),
                       bankReference: "RD-REF-9", remittance: ["Retoure Ueberweisung R-5 AC04"], counterpartyName: "Noad Ltd",
                       position: StatementPosition(entry: 4)),
        StatementEntry(amount: money("300.00"), direction: .credit, bookingDate: day("2024-01-03"), valueDate: day("2024-01-03"),
                       bankReference: "BANK-5", endToEndReference: "KD-REF-55",
                       remittance: ["Zahlung Rechnung R-1", "Ref. \(CreditorReference(invoiceNumber: "R-1").printed) danke"],
                       creditorReferences: [CreditorReference(invoiceNumber: "R-1").value], position: StatementPosition(entry: 5)),
    ]

    static func money(_ text: String, _ currency: Currency = .EUR) -> Money { try! Money(parsing: text, currency: currency) }
    static func day(_ text: String) -> Day { try! Day(parsing: text) }

    func read(_ data: Data, file: String = "stmt.sta") throws -> ([StatementAccount], [StatementEntry]) {
        var accounts: [StatementAccount] = [], entries: [StatementEntry] = []
        try MT940Reader.read(data, file: file, account: { accounts.append($0) }, entry: { entries.append($0) })
        return (accounts, entries)
    }

    @Test func germanStatementsWithEveryField() throws {
        let (accounts, entries) = try read(Self.german)
        // The second statement names the account by bank code and account number: the same IBAN.
        #expect(accounts == [StatementAccount(id: Self.ownIBAN, currency: .EUR, statementID: "STARTUMS1"),
                             StatementAccount(id: Self.ownIBAN, currency: .EUR, statementID: "STARTUMS2")])
        #expect(entries.count == Self.germanEntries.count)
        for (read, expected) in zip(entries, Self.germanEntries) {
            #expect(read == expected)
        }
    }

    @Test func statementsOfTwoAccountsInTwoEncodings() throws {
        let (accounts, entries) = try read(Self.twoAccounts)
        #expect(accounts == [StatementAccount(id: "NL91ABNA0417164300", currency: .EUR, statementID: "940-NL-1"),
                             StatementAccount(id: "12345678", currency: .USD, statementID: "940-US-7")])
        #expect(entries == [
            StatementEntry(amount: Self.money("120.00"), direction: .credit, valueDate: Self.day("2024-05-02"),
                           remittance: ["Miete Mai Müller"], counterpartyName: "Jürgen Müller", position: StatementPosition(entry: 1)),
            StatementEntry(amount: Self.money("5.50", .USD), direction: .debit, valueDate: Self.day("2024-05-01"),
                           bankReference: "FEE-1", remittance: ["Kontoführung Mai"], position: StatementPosition(entry: 2)),
        ])
    }

    @Test func germanSubfieldsAndSEPAKeywords() throws {
        let file = Data("""
            :20:KW
            :25:DE89370400440532013000
            :60F:C240601EUR0,00
            :61:240603CR7,00NTRFNONREF
            :86:166>00GUTSCHRIFT>20Rechnung 5 EREF+X-1>21SVWZ+Abo>22 Juni>31DE021203 00000000202051>32Moss Ltd
            :61:240603DR2,00NDDTNOTPROVIDED
            :86:105?00LASTSCHRIFT?20EREF+NOTPROVIDED?21KREF+K-9?22MREF+M-1?23CRED+DE98ZZZ09999999999
            ?24ABWA+Klee GmbH?25SVWZ+Abo Ma
            ?26i?60 und Juni
            :61:240603CR1,00NTRFNONREF
            :86:123,45 EUR Miete
            :62F:C240603EUR6,00
            """.utf8)
        let (_, entries) = try read(file)
        // The separator is whatever follows the GVC; text before the first keyword is remittance too.
        #expect(entries.first == StatementEntry(
            amount: Self.money("7.00"), direction: .credit, valueDate: Self.day("2024-06-03"), endToEndReference: "X-1",
            remittance: ["Rechnung 5", "Abo Juni"], counterpartyName: "Moss Ltd", counterpartyAccount: "DE02120300000000202051",
            position: StatementPosition(entry: 1)))
        // NOTPROVIDED is no reference; KREF, MREF and CRED are not remittance; without ?32 the payer on
        // whose behalf (ABWA) names the counterparty; ?60 continues the remittance of ?20 to ?29.
        #expect(entries[1] == StatementEntry(
            amount: Self.money("2.00"), direction: .debit, valueDate: Self.day("2024-06-03"),
            remittance: ["Abo Mai und Juni"], counterpartyName: "Klee GmbH", position: StatementPosition(entry: 2)))
        // Free text that starts with digits is not taken for a structured field.
        #expect(entries.last?.remittance == ["123,45 EUR Miete"] && entries.count == 3)
    }

    /// Far more than one read of the stream: lines and CRLF pairs cut between chunks.
    @Test func aLargeFileIsReadAsAStream() throws {
        var text = ":20:BIG\r\n:25:DE89370400440532013000\r\n:60F:C240101EUR0,00\r\n"
        for index in 1...20_000 {
            text += ":61:2401020102CR1,\(String(format: "%02d", index % 100))NTRFNONREF//B-\(index)\r\n:86:166?20SVWZ+Rechnung \(index)\r\n"
        }
        let cents = (1...20_000).reduce(0) { $0 + 100 + $1 % 100 }
        text += ":62F:C240102EUR\(cents / 100),\(String(format: "%02d", cents % 100))\r\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mt940-\(UUID().uuidString).sta")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var count = 0, last: StatementEntry?
        try MT940Reader.read(try #require(InputStream(url: url)), file: "big.sta", account: { _ in }, entry: {
            count += 1
            last = $0
        })
        #expect(count == 20_000)
        #expect(last?.bankReference == "B-20000" && last?.remittance == ["Rechnung 20000"] && last?.amount == Self.money("1.00"))
    }
}
