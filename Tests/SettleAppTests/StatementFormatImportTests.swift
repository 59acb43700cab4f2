import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// MT940 and CSV statements imported like camt: told apart by their start or named, all or nothing, never twice.
@Suite struct StatementFormatImportTests {
    func importing(_ settle: Settle, _ data: Data, file: String = "stmt.sta", format: StatementFormat? = nil,
                   mapping: String? = nil) async throws -> StatementImport {
        try await settle.importStatement(InputStream(data: data), file: file, format: format, mapping: mapping, dryRun: false)
    }

    func addSparkasse(_ settle: Settle) async throws -> StoredStatementMapping {
        try await settle.addStatementMapping(
            name: "sparkasse", account: "DE89 3704 0044 0532 0130 00", bookingDate: "Buchungstag", valueDate: "Valutadatum",
            amount: .signed(column: "Betrag"), currencyColumn: "Waehrung", counterpartyName: "Beguenstigter/Zahlungspflichtiger",
            counterpartyAccount: "Kontonummer/IBAN", text: ["Buchungstext", "Verwendungszweck"], decimalSeparator: .comma,
            dateFormat: .dotted, delimiter: .semicolon, skipRows: 3)
    }

    @Test(arguments: TestEngine.available)
    func anMT940FileIsStoredOnce(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main account")
            // Detected from its start; its second statement names the account by bank code and account number.
            let first = try await importing(settle, MT940ReaderTests.german)
            #expect(first.file == "stmt.sta" && first.account == "Main account" && first.format == .mt940 && !first.dryRun)
            #expect(first.entries == 5 && first.new == 5 && first.credits == 3 && first.debits == 2)
            #expect(try await count("statement_entries", in: settle) == 5)
            let again = try await importing(settle, MT940ReaderTests.german, format: .mt940)
            #expect(again.entries == 5 && again.new == 0)
            #expect(try await count("statement_entries", in: settle) == 5)
            // Two accounts in one file: refused, nothing stored.
            _ = try await settle.addBankAccount(iban: "NL91ABNA0417164300", currency: "EUR", name: "Dutch")
            _ = try await settle.addBankAccount(accountNumber: "12345678", currency: "USD", name: "Dollars")
            let two = try #require(await #expect(throws: FileProblem.self) {
                _ = try await importing(settle, MT940ReaderTests.twoAccounts)
            })
            #expect(two.description.hasPrefix("stmt.sta:9:1: the file holds statements of two accounts"), "\(two)")
            #expect(try await count("statement_entries", in: settle) == 5)
        }
    }

    @Test(arguments: TestEngine.available)
    func aCSVFileThroughItsMapping(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let account = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main account")
            let saved = try await addSparkasse(settle)
            #expect(saved.bankAccountID == account.id && saved.mapping == CSVStatementReaderTests.sparkasse)
            #expect(try await settle.statementMappings() == [saved])

            let first = try await importing(settle, CSVStatementReaderTests.sparkasseFile, file: "bank.csv", mapping: "sparkasse")
            #expect(first.file == "bank.csv" && first.account == "Main account" && first.format == .csv)
            #expect(first.entries == 3 && first.new == 3 && first.credits == 2 && first.debits == 1)
            let again = try await importing(settle, CSVStatementReaderTests.sparkasseFile, file: "bank.csv", format: .csv,
                                            mapping: "sparkasse")
            #expect(again.new == 0)
            #expect(try await count("statement_entries", in: settle) == 3)

            // A file that does not fit: refused at the line and column, nothing of it stored (not even its new row).
            let misfit = Data((CSVStatementReaderTests.sparkasseText
                + "\"05.04.2024\";\"05.04.2024\";\"GUTSCHRIFT\";\"neu\";\"Moss\";\"\";\"7,00\";\"EUR\"\n"
                + "\"05.04.2024\";\"05.04.2024\";\"GUTSCHRIFT\";\"neu\";\"Moss\";\"\";\"12,5x\";\"EUR\"\n").utf8)
            let problem = try #require(await #expect(throws: FileProblem.self) {
                _ = try await importing(settle, misfit, file: "misfit.csv", mapping: "sparkasse")
            })
            #expect(problem.description == "misfit.csv:9:56: amount '12,5x' (column 'Betrag') is not a number with a decimal comma")
            #expect(try await count("statement_entries", in: settle) == 3)
        }
    }

    @Test func mappingsAndFormatsRefusedClearly() async throws {
        try await withSettle(.sqlite) { settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main account")
            let none = try #require(await #expect(throws: InputError.self) {
                _ = try await importing(settle, CSVStatementReaderTests.sparkasseFile, mapping: "sparkasse")
            })
            #expect(none.description == "no CSV mapping named 'sparkasse' (save one with `settle bank mapping add`)")
            _ = try await addSparkasse(settle)
            let unknown = try #require(await #expect(throws: InputError.self) {
                _ = try await importing(settle, CSVStatementReaderTests.sparkasseFile, mapping: "spk")
            })
            #expect(unknown.description == "no CSV mapping named 'spk' (there are: sparkasse)")
            let twice = try #require(await #expect(throws: InputError.self) { _ = try await addSparkasse(settle) })
            #expect(twice.description == "a mapping named 'sparkasse' exists already (see `settle bank mapping list`)")
            let noAccount = try #require(await #expect(throws: InputError.self) {
                _ = try await settle.addStatementMapping(name: "x", account: "DE02120300000000202051", bookingDate: "D",
                                                         amount: .signed(column: "A"))
            })
            #expect(noAccount.description.hasPrefix("no bank account DE02120300000000202051"))
            let badName = try #require(await #expect(throws: InputError.self) {
                _ = try await settle.addStatementMapping(name: "my bank", account: "DE89370400440532013000", bookingDate: "D",
                                                         amount: .signed(column: "A"))
            })
            #expect(badName.description.hasPrefix("a mapping name is 1 to 40 letters"))

            // CSV is never guessed; camt053 asked for must be what the file holds.
            let csv = try #require(await #expect(throws: FileProblem.self) {
                _ = try await importing(settle, CSVStatementReaderTests.sparkasseFile, file: "bank.csv")
            })
            #expect(csv.description.hasPrefix("bank.csv:1:1: the file starts with 'Umsätze Girokonto;D', neither camt (XML) nor MT940"))
            await #expect(throws: InputError.self) { _ = try await importing(settle, CSVStatementReaderTests.sparkasseFile, format: .csv) }
            let camt = CamtReaderTests.document("08", body: CamtReaderTests.single)
            let other = try #require(await #expect(throws: FileProblem.self) { _ = try await importing(settle, camt, format: .camt054) })
            #expect(other.message.hasPrefix("the file holds a camt.053 statement, not the camt.054 asked for"), "\(other)")
            #expect(try await importing(settle, camt, format: .camt053).format == .camt053)
            #expect(try await count("statement_entries", in: settle) == 1)
        }
    }

    @Test func mappingsBelongToTheirOrganisation() async throws {
        try await withSettle(.sqlite) { settle in
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Main account")
            let ours = try await addSparkasse(settle)
            _ = try await settle.createOrganisation(Organisation(
                slug: "other", name: "Other GmbH", currency: .EUR, timeZone: "Europe/Berlin", country: "DE"))
            let other = try reopened(settle, organisation: "other", today: "2024-03-31")
            #expect(try await other.statementMappings().isEmpty)
            // The same name in another organisation, for its own account of the same IBAN.
            _ = try await other.addBankAccount(iban: "DE89370400440532013000", currency: "EUR", name: "Theirs")
            let theirs = try await addSparkasse(other)
            #expect(theirs.bankAccountID != ours.bankAccountID)
            #expect(try await settle.statementMappings() == [ours])
            #expect(try await other.statementMappings() == [theirs])
            let read = try await other.importStatement(InputStream(data: CSVStatementReaderTests.sparkasseFile), file: "bank.csv",
                                                       mapping: "sparkasse", dryRun: true)
            #expect(read.account == "Theirs" && read.entries == 3 && read.new == 3)
        }
    }

    @Test func aBankAccountByNumber() async throws {
        try await withSettle(.sqlite) { settle in
            let added = try await settle.addBankAccount(accountNumber: "0012345678", currency: "usd", name: "First National")
            #expect(added.account == "0012345678" && added.currency == .USD)
            for (iban, number) in [(nil, "ab"), (nil, "1234 5678"), ("DE89370400440532013000", "0012345678"), (nil, nil)] as [(String?, String?)] {
                await #expect(throws: InputError.self) {
                    _ = try await settle.addBankAccount(iban: iban, accountNumber: number, currency: "EUR", name: "x")
                }
            }
            _ = try await settle.addStatementMapping(
                name: "first-national", account: "0012345678", bookingDate: "Date", valueDate: "Posted",
                amount: .split(credit: "Credit", debit: "Debit"), text: ["Description"], bankReference: "Reference",
                dateFormat: .slashedMonthFirst)
            let read = try await importing(settle, CSVStatementReaderTests.usFile, file: "us.csv", mapping: "first-national")
            #expect(read.account == "First National" && read.entries == 3 && read.credits == 1 && read.debits == 2)
        }
    }
}
