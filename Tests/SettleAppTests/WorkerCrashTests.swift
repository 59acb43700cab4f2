import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import Testing

/// Two `settle deliver` processes on one PostgreSQL drain 1,000 messages to a real SMTP server;
/// one is killed with SIGKILL in the middle. Nothing is lost, and only what the killed worker
/// had in flight is sent again, with the same Message-ID.
@Suite(.serialized, .timeLimit(.minutes(5))) struct WorkerCrashTests {
    static let count = 1000

    func worker(_ database: String, smtp: String, at instant: String, batch: Int) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["deliver", "--database", database, "--as-of", instant, "--batch", String(batch)]
        var environment = ProcessInfo.processInfo.environment
        environment["SETTLE_SMTP_URL"] = smtp
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(.enabled(if: TestEngine.available.contains(.postgres)
                   && FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func twoWorkersOneKilledNothingLostNothingTwiceButTheInFlight() async throws {
        try await withEmptyDatabase(.postgres) { url in
            guard case .postgres(let text) = url else { return }
            let settle = try await Settle.open(SettleConfiguration(database: url, time: FixedDay(try Day(parsing: "2024-04-01"))))
            do {
                try await run(settle, database: text)
            } catch {
                await settle.close()
                throw error
            }
            await settle.close()
        }
    }

    func run(_ settle: Settle, database text: String) async throws {
        try await settle.migrate()
        var clients = clientsHeader, invoices = invoicesHeader
        for index in 1...Self.count {
            // The server of the first message keeps its sender waiting for the answer.
            let address = index == 1 ? "slow-ap1@client.example" : "ap\(index)@client.example"
            clients += "C\(index),Client \(index) GmbH,business,\(address),,DE,Europe/Berlin,de,net 30\n"
            invoices += "I-\(index),C\(index),2024-03-01,2024-03-31,EUR,\(index).00,Work\n"
        }
        _ = try await settle.importCSV("clients", clients)
        _ = try await settle.importCSV("invoices", invoices)
        _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(senderEmail: "ar@acme.example"))
        _ = try await settle.collect(dryRun: false)
        #expect(try await settle.queueMessages().queued == Self.count)

        try await withSMTPTestServer(.plain) { server in
            // 11:00 in Berlin. The first worker claims the first ten messages and hands the first one
            // over; the server has stored it but not answered when the worker is killed.
            let instant = "2024-04-01T09:00:00Z"
            let first = try worker(text, smtp: server.url(), at: instant, batch: 10)
            let deadline = Date().addingTimeInterval(25)
            while (try? server.receivedMessages().count) ?? 0 < 1, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let second = try worker(text, smtp: server.url(), at: instant, batch: 10)
            while (try? server.receivedMessages().count) ?? 0 < Self.count / 4, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(second.terminationStatus == 0)

            let inFlight = try await settle.outbox(status: .sending)
            #expect(inFlight.count == 10, "the killed worker's batch is in doubt, nothing else")
            let stored = try #require(inFlight.first { $0.recipient == "slow-ap1@client.example" })
            // After the lease (ten minutes) another run sends those once more, with the same bytes.
            let later = try worker(text, smtp: server.url(), at: "2024-04-01T09:11:00Z", batch: 50)
            later.waitUntilExit()
            #expect(later.terminationStatus == 0)

            let outbox = try await settle.outbox()
            #expect(outbox.count == Self.count)
            #expect(outbox.allSatisfy { $0.status == .sent }, "none lost")
            let received = try server.receivedMessages()
            var seen: [String: Int] = [:]
            for message in received { seen[message.headers["Message-ID"] ?? "", default: 0] += 1 }
            #expect(Set(outbox.compactMap(\.messageID)) == Set(seen.keys), "every message arrived")
            #expect(Set(seen.filter { $0.value > 1 }.keys) == [stored.messageID ?? "-"],
                    "only the message the server had when its sender died arrives twice, with the same Message-ID")
            #expect(received.count == Self.count + 1)
            let copies = received.filter { $0.headers["Message-ID"] == stored.messageID }.map(\.rawBase64)
            #expect(copies.count == 2 && copies[0] == copies[1], "byte for byte the same message")
            #expect(Set(outbox.filter { $0.attempts == 2 }.map(\.id)) == Set(inFlight.map(\.id)))
        }
    }
}
