import SettleApp
import SettleTestSupport
import Testing

/// Every bad input the import names is reported as FILE:LINE:COLUMN: message, and nothing is written.
@Suite struct ImportRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let kind: String
        let text: String
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown currency", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01,,EUX,100.00,x\n",
             expected: "bad.csv:2:22: unknown currency \"EUX\""),
        Case(name: "too many decimals", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01,,USD,100.005,x\n",
             expected: "bad.csv:2:26: \"100.005\" has more decimals than USD allows (2 decimals)"),
        Case(name: "JPY with decimals", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01,,JPY,1200.5,x\n",
             expected: "bad.csv:2:26: \"1200.5\" has more decimals than JPY allows (0 decimals)"),
        Case(name: "amount not a number", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01,,USD,12o.00,x\n",
             expected: "bad.csv:2:26: \"12o.00\" is not an amount"),
        Case(name: "bad date", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-02-30,,USD,100.00,x\n",
             expected: "bad.csv:2:10: \"2024-02-30\" is not a date"),
        Case(name: "due before issue", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-03-01,2024-02-01,USD,100.00,x\n",
             expected: "bad.csv:2:21: due date 2024-02-01 is before the issue date 2024-03-01"),
        Case(name: "unknown client", kind: "invoices",
             text: invoicesHeader + "I-1,NOPE,2024-01-01,,USD,100.00,x\n",
             expected: "bad.csv:2:5: unknown client \"NOPE\""),
        Case(name: "duplicate number in the file", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01,,USD,100.00,x\nI-1,ACME,2024-01-02,,USD,50.00,y\n",
             expected: "bad.csv:3:1: duplicate invoice number \"I-1\" (also on line 2)"),
        Case(name: "duplicate number already stored", kind: "invoices",
             text: invoicesHeader + "STORED-1,ACME,2024-01-01,,USD,100.00,x\n",
             expected: "bad.csv:2:1: invoice \"STORED-1\" already exists"),
        Case(name: "payment currency differs from the invoice's", kind: "payments",
             text: paymentsHeader + "ACME,2024-02-01,EUR,10.00,bank_transfer,r,STORED-1\n",
             expected: "bad.csv:2:17: currency EUR differs from invoice STORED-1's USD"),
        Case(name: "missing required column", kind: "invoices",
             text: "number,client,issue_date,due_date,currency,description\nI-1,ACME,2024-01-01,,USD,x\n",
             expected: "bad.csv:1:55: missing required column \"amount\""),
        Case(name: "short row", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01\n",
             expected: "bad.csv:2:20: expected 7 fields, found 3 (missing due_date, currency, amount, description)"),
        Case(name: "unterminated quote", kind: "invoices",
             text: invoicesHeader + "I-1,ACME,2024-01-01,,USD,100.00,\"never closed\n",
             expected: "bad.csv:2:33: unterminated quoted field"),
        Case(name: "not UTF-8", kind: "clients",
             text: clientsHeader + "C9,Caf\u{FFFD},business,,,FR,Europe/Paris,fr,net 30\n",
             expected: "bad.csv:2:7: the file is not UTF-8 (byte 0xE9)"),
        Case(name: "unknown payment client", kind: "payments",
             text: paymentsHeader + "GHOST,2024-02-01,USD,10.00,card,r,\n",
             expected: "bad.csv:2:1: unknown client \"GHOST\""),
        Case(name: "bad client country and terms", kind: "clients",
             text: clientsHeader + "C9,Cafe,business,,,XX,Europe/Paris,fr,net thirty\n",
             expected: "bad.csv:2:20: \"XX\" is not an ISO 3166 country code"),
    ]

    @Test(arguments: TestEngine.available, cases)
    func rejectsAndWritesNothing(engine: TestEngine, testCase: Case) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            _ = try await settle.importCSV("invoices", invoicesHeader + "STORED-1,ACME,2024-01-01,,USD,100.00,kept\n")
            let before = [try await count("clients", in: settle), try await count("invoices", in: settle),
                          try await count("payments", in: settle), try await count("ledger_entries", in: settle)]
            var bytes = Array(testCase.text.utf8)
            if testCase.name == "not UTF-8" {
                // "Café" saved as Latin-1: é is the single byte 0xE9.
                let marker = Array("\u{FFFD}".utf8)
                let index = try #require(bytes.firstRange(of: marker))
                bytes.replaceSubrange(index, with: [0xE9])
            }
            let error = await #expect(throws: ImportRejected.self) {
                switch testCase.kind {
                case "clients": _ = try await settle.importClients(bytes, file: "bad.csv", dryRun: false)
                case "invoices": _ = try await settle.importInvoices(bytes, file: "bad.csv", dryRun: false)
                default: _ = try await settle.importPayments(bytes, file: "bad.csv", dryRun: false)
                }
            }
            let messages = error?.problems.map(\.description) ?? []
            #expect(messages.contains { $0.hasPrefix(testCase.expected) }, "got \(messages)")
            let after = [try await count("clients", in: settle), try await count("invoices", in: settle),
                         try await count("payments", in: settle), try await count("ledger_entries", in: settle)]
            #expect(after == before)
        }
    }

    @Test(arguments: TestEngine.available)
    func listsEveryProblemOfAFileAndKeepsTheGoodRowsOut(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            _ = try await settle.importCSV("clients", twoClients)
            let text = invoicesHeader + """
                OK-1,ACME,2024-01-01,,USD,100.00,fine
                BAD-1,ACME,2024-01-01,,USD,1.234,x
                BAD-2,NOPE,2024-13-01,,USD,5.00,y

                """
            let error = await #expect(throws: ImportRejected.self) {
                _ = try await settle.importCSV("invoices", text, file: "mixed.csv")
            }
            #expect(error?.problems.map(\.description) == [
                "mixed.csv:3:28: \"1.234\" has more decimals than USD allows (2 decimals)",
                "mixed.csv:4:7: unknown client \"NOPE\" (import it first with `settle import clients`)",
                "mixed.csv:4:12: \"2024-13-01\" is not a date (expected YYYY-MM-DD, such as 2024-03-31)",
            ])
            #expect(try await count("invoices", in: settle) == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func dryRunChecksWithoutWriting(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let summary = try await settle.importCSV("clients", twoClients, dryRun: true)
            #expect(summary.rows == 2 && summary.dryRun)
            #expect(try await count("clients", in: settle) == 0)
        }
    }
}
