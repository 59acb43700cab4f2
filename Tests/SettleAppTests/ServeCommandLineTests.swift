import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `settle serve` as an operator runs it: a real key made with `settle apikey create`, the API
/// answered over TCP, and a graceful stop on SIGTERM.
@Suite(.serialized) struct ServeCommandLineTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func serveAnswersWithARealKeyAndStopsOnSIGTERM() async throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        try """
            id,name,kind,email,phone,country,time_zone,language,terms
            ACME,Acme Inc,business,ap@acme.example,,DE,Europe/Berlin,de,net 30

            """.write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        try """
            number,client,issue_date,due_date,currency,amount,description
            INV/1,ACME,2024-03-01,2024-03-31,EUR,99.00,x

            """.write(to: folder.appendingPathComponent("i.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.settle(["import", "clients", "c.csv"], in: folder).status == 0)
        #expect(try cli.settle(["import", "invoices", "i.csv"], in: folder).status == 0)
        let created = try cli.settle(["apikey", "create", "--role", "viewer", "--format", "json"], in: folder)
        let key = try #require((try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: String])?["key"])

        let server = try await LiveServer.start(in: folder, arguments: ["--no-delivery"],
                                                environment: ["SETTLE_TODAY": "2024-04-10", "SETTLE_LOG_FORMAT": "json"])
        defer { server.stop() }
        let invoice = try await server.request("/api/v1/invoices/INV%2F1", key: key)
        let fields = (try? JSONSerialization.jsonObject(with: Data(invoice.body.utf8))) as? [String: Any] ?? [:]
        #expect(invoice.status == 200 && fields["balance"] as? String == "99.00" && fields["number"] as? String == "INV/1", "\(invoice.body)")
        #expect(try await server.request("/api/v1/invoices/INV%2F1").status == 401)
        #expect(try await server.request("/api/v1/invoices/INV%2F1", key: key + "x").status == 401)
        // The scheduler ran the day on start (catch-up): INV/1 is ten days overdue.
        let timeline = try await server.request("/api/v1/clients/ACME/timeline", key: key)
        let events = ((try? JSONSerialization.jsonObject(with: Data(timeline.body.utf8))) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(timeline.status == 200 && events.contains { $0["kind"] as? String == "reminder" && $0["invoice"] as? String == "INV/1" },
                "\(timeline.body)")

        server.stop()
        let log = server.logText
        #expect(server.process.terminationStatus == 0, "\(log)")
        // Log lines are JSON objects (log.format json); the day's cycle logged its work.
        let lines = log.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(lines.contains { $0["message"] == "daily cycle" && $0["org"] == "default" && $0["day"] == "2024-04-10" }, "\(log)")
        // The key is never shown again.
        let listed = try cli.settle(["apikey", "list", "--format", "json"], in: folder)
        #expect(listed.output.contains("viewer") && !listed.output.contains(key))
    }
}
