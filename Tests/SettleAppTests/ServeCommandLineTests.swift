import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `settle serve` as an operator runs it: a real key made with `settle apikey create`, the API
/// answered over TCP, and a graceful stop on SIGTERM.
@Suite(.serialized) struct ServeCommandLineTests {
    let cli = CommandLineTests()

    func request(_ url: String, key: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

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

        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--port", String(port), "--no-delivery"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SETTLE_DATABASE_URL"] = nil
        environment["SETTLE_TODAY"] = "2024-04-10"
        environment["SETTLE_LOG_FORMAT"] = "json"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await request(base + "/ready"))?.status == 200
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(ready)
        let invoice = try await request(base + "/api/v1/invoices/INV%2F1", key: key)
        let fields = (try? JSONSerialization.jsonObject(with: Data(invoice.body.utf8))) as? [String: Any] ?? [:]
        #expect(invoice.status == 200 && fields["balance"] as? String == "99.00" && fields["number"] as? String == "INV/1", "\(invoice.body)")
        #expect(try await request(base + "/api/v1/invoices/INV%2F1").status == 401)
        #expect(try await request(base + "/api/v1/invoices/INV%2F1", key: key + "x").status == 401)
        // The scheduler ran the day on start (catch-up): INV/1 is ten days overdue.
        let timeline = try await request(base + "/api/v1/clients/ACME/timeline", key: key)
        let events = ((try? JSONSerialization.jsonObject(with: Data(timeline.body.utf8))) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(timeline.status == 200 && events.contains { $0["kind"] as? String == "reminder" && $0["invoice"] as? String == "INV/1" },
                "\(timeline.body)")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(log)")
        // Log lines are JSON objects (log.format json); the day's cycle logged its work.
        let lines = log.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(lines.contains { $0["message"] == "daily cycle" && $0["org"] == "default" && $0["day"] == "2024-04-10" }, "\(log)")
        // The key is never shown again.
        let listed = try cli.settle(["apikey", "list", "--format", "json"], in: folder)
        #expect(listed.output.contains("viewer") && !listed.output.contains(key))
    }
}
