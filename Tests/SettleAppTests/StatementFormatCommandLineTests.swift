import Foundation
import Testing

/// `settle bank mapping` and `settle import statement` with MT940 and CSV files, through the binary.
@Suite(.serialized) struct StatementFormatCommandLineTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func mt940AndCSVStatements() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ data: Data, _ name: String) throws { try data.write(to: folder.appendingPathComponent(name)) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        try write(MT940ReaderTests.german, "stmt.sta")
        try write(CSVStatementReaderTests.sparkasseFile, "bank.csv")
        try write(Data((CSVStatementReaderTests.sparkasseText + "01.05.2024;;x;y;z;;1,5.0;EUR\n").utf8), "bad.csv")
        try write(CamtReaderTests.document("08", body: CamtReaderTests.single), "camt.xml")

        let added = try cli.settle(["bank", "add", "--iban", "DE89370400440532013000", "--currency", "EUR", "--name", "Main"], in: folder)
        #expect(added.output == "bank account 1: Main, DE89 3704 0044 0532 0130 00, EUR\n")
        let read = try cli.settle(["import", "statement", "stmt.sta"], in: folder)
        #expect(read.output == "stmt.sta: MT940 for Main: 5 entries (3 credits, 2 debits), 5 new\n"
                + "applied 0, reversed 0, suggested 0, unmatched 4, ignored 1 (see `settle reconcile list`)\n", "\(read.errors)")
        let again = try cli.settle(["import", "statement", "stmt.sta", "--format", "mt940"], in: folder)
        #expect(again.output == "stmt.sta: MT940 for Main: 5 entries (3 credits, 2 debits), 0 new, 5 read before\n"
                + "applied 0, reversed 0, suggested 0, unmatched 0, ignored 0\n")

        let unknown = try cli.settle(["import", "statement", "bank.csv", "--mapping", "sparkasse"], in: folder)
        #expect(unknown.status == 1 && unknown.errors == "settle: no CSV mapping named 'sparkasse' (save one with `settle bank mapping add`)\n")
        let mapping = try cli.settle(["bank", "mapping", "add", "sparkasse", "--account", "DE89 3704 0044 0532 0130 00",
                                      "--date", "Buchungstag", "--value-date", "Valutadatum", "--amount", "Betrag",
                                      "--currency-column", "Waehrung", "--counterparty", "Beguenstigter/Zahlungspflichtiger",
                                      "--counterparty-account", "Kontonummer/IBAN", "--text", "Buchungstext", "--text", "Verwendungszweck",
                                      "--decimal", "comma", "--date-format", "DD.MM.YYYY", "--delimiter", ";", "--skip-rows", "3"], in: folder)
        #expect(mapping.output == "mapping sparkasse for DE89 3704 0044 0532 0130 00: booking date: Buchungstag, value date: Valutadatum, "
                + "amount: Betrag, currency: Waehrung, counterparty: Beguenstigter/Zahlungspflichtiger, "
                + "counterparty account: Kontonummer/IBAN, text: Buchungstext, text: Verwendungszweck\n", "\(mapping.errors)")
        let list = try cli.settle(["bank", "mapping", "list", "--format", "csv"], in: folder)
        #expect(list.output.hasPrefix("name,account,columns,decimal,date_format,delimiter,skip_rows\nsparkasse,DE89 3704 0044 0532 0130 00,"))
        #expect(list.output.hasSuffix(",comma,DD.MM.YYYY,;,3\n"))
        let both = try cli.settle(["bank", "mapping", "add", "x", "--account", "DE89370400440532013000", "--date", "D",
                                   "--amount", "A", "--credit", "C"], in: folder)
        #expect(both.status == 2 && both.errors.contains("give --amount COLUMN, or --credit COLUMN and --debit COLUMN"))

        let csv = try cli.settle(["import", "statement", "bank.csv", "--mapping", "sparkasse"], in: folder)
        #expect(csv.output == "bank.csv: CSV for Main: 3 entries (2 credits, 1 debit), 3 new\n"
                + "applied 0, reversed 0, suggested 0, unmatched 2, ignored 1 (see `settle reconcile list`)\n", "\(csv.errors)")
        #expect(try cli.settle(["import", "statement", "bank.csv", "--mapping", "sparkasse"], in: folder).output
                == "bank.csv: CSV for Main: 3 entries (2 credits, 1 debit), 0 new, 3 read before\n"
                + "applied 0, reversed 0, suggested 0, unmatched 0, ignored 0\n")
        let bad = try cli.settle(["import", "statement", "bad.csv", "--mapping", "sparkasse"], in: folder)
        #expect(bad.status == 1 && bad.errors == "settle: bad.csv:8:20: amount '1,5.0' (column 'Betrag') is not a number with a decimal comma\n")
        let guessed = try cli.settle(["import", "statement", "bank.csv"], in: folder)
        #expect(guessed.status == 1 && guessed.errors.contains("for a CSV file give --mapping NAME"))
        let wrongCamt = try cli.settle(["import", "statement", "camt.xml", "--format", "camt054"], in: folder)
        #expect(wrongCamt.status == 1 && wrongCamt.errors.contains("camt.xml:") && wrongCamt.errors.contains("not the camt.054 asked for"))
        let notForClients = try cli.settle(["import", "clients", "bank.csv", "--mapping", "sparkasse"], in: folder)
        #expect(notForClients.status == 2)
    }
}
