import Foundation
import Testing

/// `settle collect` through the binary: the JSON a script reads, and the table a person reads.
@Suite(.serialized) struct CollectCommandLineTests {
    let cli = CommandLineTests()

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func jsonListsMessagesAndCountsSkippedActions() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        try Data("id,name,kind,email,country\nACME,Acme,business,ap@acme.example,DE\n".utf8)
            .write(to: folder.appendingPathComponent("clients.csv"))
        // A-1 was due in January: by 15 March its stages up to overdue-30 have passed (catch-up);
        // A-2 and A-3 fall due on 18 March: their pre-due reminders go out with A-1's in one email.
        try Data("""
            number,client,issue_date,due_date,currency,amount
            A-1,ACME,2024-01-01,2024-02-14,EUR,100.00
            A-2,ACME,2024-02-17,2024-03-18,EUR,200.00
            A-3,ACME,2024-02-17,2024-03-18,EUR,300.00

            """.utf8).write(to: folder.appendingPathComponent("invoices.csv"))
        #expect(try cli.settle(["import", "clients", "clients.csv"], in: folder).status == 0)
        #expect(try cli.settle(["import", "invoices", "invoices.csv"], in: folder).status == 0)

        let dry = try cli.settle(["collect", "--dry-run", "--all", "--format", "json", "--as-of", "2024-03-15"], in: folder)
        #expect(dry.status == 0, "\(dry.errors)")
        let listed = try #require(try object(dry.output)["actions"] as? [[String: Any]])
        let skippedRows = listed.filter { $0["status"] as? String == "skipped" }
        #expect(skippedRows.map { "\($0["invoice"] ?? "") \($0["stage"] ?? "")" }.sorted()
                == ["A-1 overdue-1", "A-1 overdue-14", "A-1 overdue-7", "A-1 overdue-7", "A-1 pre-due"])

        let run = try cli.settle(["collect", "--format", "json", "--as-of", "2024-03-15"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
        let json = try object(run.output)
        #expect(json["as_of"] as? String == "2024-03-15")
        #expect(json["skipped"] as? Int == skippedRows.count)
        let rows = try #require(json["actions"] as? [[String: Any]])
        #expect(!rows.contains { $0["status"] as? String == "skipped" })
        let email = try #require(rows.first { $0["kind"] as? String == "email" })
        #expect(email["invoices"] as? [String] == ["A-1", "A-2", "A-3"])
        #expect(email["key"] as? String == "ACME/2024-03-15/email")
        #expect(email["tone"] as? String == "formal")
        #expect(email["reason"] as? String == "one message for 3 invoices: A-1 overdue-30, A-2 pre-due, A-3 pre-due")
        #expect(rows.contains { $0["kind"] as? String == "letter" && $0["invoice"] as? String == "A-1" })

        let again = try cli.settle(["collect", "--as-of", "2024-03-15"], in: folder)
        #expect(again.output == "Collections as of 2024-03-15\ninvoice  client  stage  kind  tone  status  reason\n")
    }
}
