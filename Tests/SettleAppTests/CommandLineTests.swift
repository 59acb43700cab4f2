import Foundation
import Testing

/// The `settle` binary as a user runs it: exit codes, messages on stderr, output on stdout.
@Suite(.serialized) struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static let binary: URL = {
        // Tests/SettleAppTests/CommandLineTests.swift -> package root -> .build/debug/settle
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/settle")
    }()

    /// Runs the binary in `folder`, with `input` on its standard input and `environment` added to the test's.
    func settle(_ arguments: [String], in folder: URL, input: String? = nil, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SETTLE_DATABASE_URL"] = nil
        environment["SETTLE_ORG"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   errors: String(decoding: errorData, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settle-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func exitCodesAndMessages() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try settle(["reference", "rf", "539007547034"], in: folder).output == "RF18539007547034\n")
        #expect(try settle(["reference", "check", "RF18 5390 0754 7034"], in: folder).status == 0)
        let invalid = try settle(["reference", "check", "RF17539007547034"], in: folder)
        #expect(invalid.status == 1)
        #expect(invalid.errors.contains("wrong check digits"))
        #expect(try settle(["no-such-command"], in: folder).status == 2)
        let help = try settle(["import", "--help"], in: folder)
        #expect(help.status == 0)
        #expect(help.output.contains("clients   id,name,kind,email,phone,country,time_zone,language,terms,address"))
        #expect(try settle(["invoices", "list", "--status", "sleeping", "--database", "sqlite:x.db"], in: folder).status == 2)

        let notMigrated = try settle(["clients", "list"], in: folder)
        #expect(notMigrated.status == 1)
        #expect(notMigrated.errors.contains("run `settle migrate` first"))

        #expect(try settle(["migrate"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("settle.db").path))
        try Data("id,name,kind,country\nACME,Acme,business,US\n".utf8).write(to: folder.appendingPathComponent("clients.csv"))
        try Data("number,client,issue_date,currency,amount\nI-1,ACME,2024-01-01,USD,10.001\nI-2,ACME,2024-01-01,USD,5.00\n".utf8)
            .write(to: folder.appendingPathComponent("invoices.csv"))
        #expect(try settle(["import", "clients", "clients.csv"], in: folder).status == 0)
        let rejected = try settle(["import", "invoices", "invoices.csv"], in: folder)
        #expect(rejected.status == 1)
        #expect(rejected.errors.hasPrefix("invoices.csv:2:25: \"10.001\" has more decimals than USD allows (2 decimals)\n"))
        let listed = try settle(["invoices", "list", "--format", "csv"], in: folder)
        #expect(listed.output == "number,client,issue_date,due_date,currency,total,balance,status\n")

        try Data("number,client,issue_date,currency,amount\nI-1,ACME,2024-01-01,USD,10.00\n".utf8)
            .write(to: folder.appendingPathComponent("invoices.csv"))
        #expect(try settle(["import", "invoices", "invoices.csv"], in: folder).status == 0)
        let aging = try settle(["report", "aging", "--as-of", "2024-03-01", "--format", "json"], in: folder)
        let json = try JSONSerialization.jsonObject(with: Data(aging.output.utf8)) as? [String: Any]
        #expect(json?["as_of"] as? String == "2024-03-01")
        let totals = json?["totals"] as? [[String: String]]
        #expect(totals == [["currency": "USD", "current": "0.00", "1-30": "10.00", "31-60": "0.00", "61-90": "0.00",
                            "90+": "0.00", "total": "10.00"]])
    }
}
