import Foundation
import Testing

/// Schemathesis (PyPI, installed by `make deps`) generates requests from the served
/// `openapi.yaml` against a live `settle serve` on the demo book with an admin key: no answer may
/// be a 5xx, and every answer must fit the document (status code, content type and schema).
@Suite(.serialized) struct SchemathesisTests {
    let cli = CommandLineTests()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func theServedContractHoldsUnderGeneratedRequests() async throws {
        let schemathesis = try #require(Self.executable("st"), "schemathesis is not installed: run `make deps` (or `make test`)")
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.settle(["migrate"], in: folder).status == 0)
        #expect(try cli.settle(["--as-of", "2025-03-31", "demo"], in: folder).status == 0)
        let created = try cli.settle(["apikey", "create", "--role", "admin", "--format", "json"], in: folder)
        let key = try #require((try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: String])?["key"])
        let server = try await LiveServer.start(in: folder, arguments: ["--no-delivery", "--no-scheduler"],
                                                environment: ["SETTLE_TODAY": "2025-03-31"])
        defer { server.stop() }

        // One worker: with several threads CPython's ast module (used by Hypothesis to describe
        // its filters) can fail with "AST constructor recursion depth mismatch" (CPython #106905).
        let process = Process()
        process.executableURL = schemathesis
        process.arguments = ["--no-color", "run", server.base + "/api/openapi.yaml", "--header", "Authorization: Bearer \(key)",
                             "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                             "--max-examples", "10", "--workers", "1", "--seed", "20261129",
                             // A debug build on two cores shared with the rest of the suite: latency is not the check here.
                             "--request-timeout", "60"]
        process.currentDirectoryURL = folder
        let output = folder.appendingPathComponent("schemathesis.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        let report = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        print(report.split(separator: "\n").suffix(12).joined(separator: "\n"))
        #expect(process.terminationStatus == 0, "\(report)\n--- server log ---\n\(server.logText.suffix(4000))")
        // Every operation of the document was selected and tested.
        let selected = report.firstMatch(of: /Selected: (\d+)\/(\d+)/).map { (Int($0.1) ?? 0, Int($0.2) ?? 0) }
        let tested = report.firstMatch(of: /Tested: (\d+)/).flatMap { Int($0.1) }
        #expect(selected != nil && selected?.0 == selected?.1 && tested == selected?.1 && (tested ?? 0) >= 55, "\(report)")
    }

    /// A program on the PATH.
    static func executable(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
