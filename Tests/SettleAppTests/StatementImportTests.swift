import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Reading bank statements into the organisation's accounts: all or nothing, and never twice.
@Suite struct StatementImportTests {
    func importing(_ settle: Settle, _ data: Data, dryRun: Bool = false) async throws -> StatementImport {
        try await settle.importStatement(InputStream(data: data), file: "stmt.xml", dryRun: dryRun)
    }

    /// Two equal transfers the same day without a bank reference: both are payments.
    static let twins = """
        <Ntry><Amt Ccy="EUR">40.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-04-03</Dt></BookgDt>
          <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Moss Ltd</Nm></Dbtr></RltdPties><RmtInf><Ustrd>M-1</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        <Ntry><Amt Ccy="EUR">40.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-04-03</Dt></BookgDt>
          <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Moss Ltd</Nm></Dbtr></RltdPties><RmtInf><Ustrd>M-1</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        """

    @Test(arguments: TestEngine.available)
    func entriesAreStoredOnceEvenWhenStatementsOverlap(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.addBankAccount(iban: "DE89 3704 0044 0532 0130 00", currency: "eur", name: "Main account")
            let body = CamtReaderTests.single + CamtReaderTests.batch + Self.twins
            let dry = try await importing(settle, CamtReaderTests.document("08", body: body), dryRun: true)
            #expect(dry.entries == 6 && dry.new == 6 && dry.credits == 5 && dry.debits == 1)
            #expect(try await count("statement_entries", in: settle) == 0)

            let first = try await importing(settle, CamtReaderTests.document("08", body: body))
            #expect(first.new == 6 && first.account == "Main account" && first.format == .camt053)
            #expect(try await count("statement_entries", in: settle) == 6)
            // The same file again, and a notification overlapping it with one entry more.
            #expect(try await importing(settle, CamtReaderTests.document("08", body: body)).new == 0)
            let more = CamtReaderTests.single.replacingOccurrences(of: "BANK-REF-1", with: "BANK-REF-2")
            let overlap = try await importing(settle, CamtReaderTests.document("02", message: "054", body: Self.twins + more))
            #expect(overlap.entries == 3 && overlap.new == 1)
            #expect(try await count("statement_entries", in: settle) == 7)
        }
    }

    @Test func aStatementForAnotherAccountOrCurrencyIsRefused() async throws {
        try await withSettle(.sqlite) { settle in
            let unknown = try #require(await #expect(throws: FileProblem.self) {
                _ = try await importing(settle, CamtReaderTests.document("02", body: CamtReaderTests.single))
            })
            #expect(unknown.message.contains("DE89370400440532013000, which is not one of the organisation's"))
            _ = try await settle.addBankAccount(iban: "DE89370400440532013000", currency: "CHF", name: "Franken")
            let currency = try #require(await #expect(throws: FileProblem.self) {
                _ = try await importing(settle, CamtReaderTests.document("02", body: CamtReaderTests.single))
            })
            #expect(currency.message.contains("in EUR but account Franken is in CHF"))
            #expect(try await count("statement_entries", in: settle) == 0)
            await #expect(throws: InputError.self) {
                _ = try await settle.addBankAccount(iban: "DE89 3704 0044 0532 0130 00", currency: "EUR", name: "Again")
            }
            await #expect(throws: (any Error).self) {
                _ = try await settle.addBankAccount(iban: "DE88 3704 0044 0532 0130 00", currency: "EUR", name: "Bad digits")
            }
        }
    }
}

/// `settle bank add` and `settle import statement` through the binary.
@Suite(.serialized) struct StatementCommandLineTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func bankAccountAndStatement() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        try CamtReaderTests.document("08", body: CamtReaderTests.single).write(to: folder.appendingPathComponent("stmt.xml"))
        let unknown = try cli.settle(["import", "statement", "stmt.xml"], in: folder)
        #expect(unknown.status == 1 && unknown.errors.contains("stmt.xml:"), "\(unknown.errors)")
        let added = try cli.settle(["bank", "add", "--iban", "DE89370400440532013000", "--currency", "EUR", "--name", "Main"], in: folder)
        #expect(added.output == "bank account 1: Main, DE89 3704 0044 0532 0130 00, EUR\n")
        let read = try cli.settle(["import", "statement", "stmt.xml"], in: folder)
        #expect(read.output == "stmt.xml: camt.053 for Main: 1 entry (1 credit, 0 debits), 1 new\n"
                + "applied 0, reversed 0, suggested 0, unmatched 1, ignored 0 (see `settle reconcile list`)\n")
        let again = try cli.settle(["import", "statement", "stmt.xml"], in: folder)
        #expect(again.output == "stmt.xml: camt.053 for Main: 1 entry (1 credit, 0 debits), 0 new, 1 read before\n"
                + "applied 0, reversed 0, suggested 0, unmatched 0, ignored 0\n")
    }
}
