import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// Two `settle worker` processes and one `settle serve` on one PostgreSQL, each with the
/// scheduler and the delivery worker, run the day of a 10,000-invoice book: every action the
/// cycle decides is recorded once, by one process; every message is created once; every email
/// sent reaches the SMTP server once.
@Suite(.serialized, .timeLimit(.minutes(8))) struct ServerClusterTests {
    static let instant = "2025-03-31T08:30:00Z"  // a Monday, 10:30 in Berlin

    func start(_ arguments: [String], database: String, smtp: String, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SETTLE_DATABASE_URL"] = database
        environment["SETTLE_NOW"] = Self.instant
        environment["SETTLE_SMTP_URL"] = smtp
        environment["SETTLE_LOG_FORMAT"] = "json"
        environment["SETTLE_WORKER_POLL_INTERVAL"] = "1"
        process.environment = environment
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(.enabled(if: TestEngine.available.contains(.postgres)
                   && FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func twoWorkersAndAServerRunTheDayOnce() async throws {
        try await withEmptyDatabase(.postgres) { url in
            guard case .postgres(let text) = url else { return }
            let time = FixedInstant(ISO8601DateFormatter().date(from: Self.instant)!)
            let settle = try await Settle.open(SettleConfiguration(database: url, time: time))
            do {
                try await run(settle, database: text)
            } catch {
                await settle.close()
                throw error
            }
            await settle.close()
        }
    }

    func run(_ settle: Settle, database: String) async throws {
        try await settle.migrate()
        _ = try await settle.loadDemo(clients: 400, invoices: 10_000, seed: 7)
        _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(senderEmail: "ar@demo.example"))
        let expected = try await settle.collect(dryRun: true, listSkipped: false)
        #expect(expected.actions.count > 1000 && expected.messages.count > 100,
                "the day should be busy: \(expected.actions.count) actions, \(expected.messages.count) messages")
        let sql = settle.database.sql
        func count(_ query: String) async throws -> Int {
            try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? -1
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settle-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withSMTPTestServer(.plain) { smtp in
            let logs = (1...3).map { folder.appendingPathComponent("process\($0).log") }
            let port = Int.random(in: 20_000...40_000)
            let processes = [
                try start(["worker"], database: database, smtp: smtp.url(), log: logs[0]),
                try start(["worker"], database: database, smtp: smtp.url(), log: logs[1]),
                try start(["serve", "--port", String(port)], database: database, smtp: smtp.url(), log: logs[2]),
            ]
            defer { for process in processes where process.isRunning { process.terminate() } }
            // Until nothing changes for a while: the cycle recorded, the messages queued and sent.
            var last: [Int] = [], steady = 0
            let deadline = Date().addingTimeInterval(360)
            while steady < 4, Date() < deadline {
                try await Task.sleep(for: .seconds(2))
                let now = [try await count("SELECT COUNT(*) AS n FROM actions"), try await count("SELECT COUNT(*) AS n FROM messages"),
                           try await count("SELECT COUNT(*) AS n FROM messages WHERE status IN ('sent', 'sending')"),
                           (try? smtp.receivedMessages().count) ?? -1]
                steady = now == last && now[0] > 0 ? steady + 1 : 0
                last = now
            }
            for process in processes { kill(process.processIdentifier, SIGTERM) }
            for process in processes { process.waitUntilExit() }
            let logText = logs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(logText.map { $0.suffix(2000) })")

            // Every action once: as many as the dry run decided (those due and those recorded as skipped
            // because their stage passed before the book existed), each key once, all by one process.
            let recorded = try await count("SELECT COUNT(*) AS n FROM actions")
            #expect(recorded == expected.actions.count + expected.skipped, "recorded \(recorded), expected \(expected.actions.count) + \(expected.skipped)")
            #expect(try await count("SELECT COUNT(DISTINCT key) AS n FROM actions") == recorded)
            let cycles = logText.flatMap { $0.split(separator: "\n") }
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
                .filter { $0["message"] == "daily cycle" }
            #expect(cycles.compactMap { Int($0["actions"] ?? "") }.reduce(0, +) == expected.actions.count,
                    "the cycles the processes logged: \(cycles)")
            #expect(cycles.filter { ($0["actions"] ?? "0") != "0" }.count == 1, "one process ran the day: \(cycles)")
            // Every message once, and every email sent received once.
            #expect(try await count("SELECT COUNT(*) AS n FROM messages") == expected.messages.count)
            #expect(try await count("SELECT COUNT(*) AS n FROM messages WHERE status = 'sending'") == 0)
            let sent = try await count("SELECT COUNT(*) AS n FROM messages WHERE status = 'sent' AND channel = 'email'")
            let received = try smtp.receivedMessages()
            let ids = received.compactMap { $0.headers["Message-ID"] ?? $0.headers["Message-Id"] }
            #expect(sent > 50 && received.count == sent && Set(ids).count == sent, "sent \(sent), received \(received.count)")
            print("cluster: \(expected.actions.count) actions (\(expected.skipped) skipped), \(expected.messages.count) messages, \(sent) emails sent once each")
        }
    }
}
