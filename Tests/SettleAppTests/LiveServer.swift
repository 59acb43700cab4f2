import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `settle serve` started from the built binary in a folder, on a free port, its log written to
/// `serve.log` in the folder (a file, so a busy server never blocks on a full pipe).
struct LiveServer {
    let process: Process
    let base: String
    let log: URL

    /// Starts the server and waits (up to ten seconds) until `/ready` answers 200.
    static func start(in folder: URL, arguments: [String] = [], environment extra: [String: String] = [:]) async throws -> LiveServer {
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--port", String(port)] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SETTLE_DATABASE_URL"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let log = folder.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let server = LiveServer(process: process, base: "http://127.0.0.1:\(port)", log: log)
        for _ in 0..<100 {
            if (try? await server.request("/ready"))?.status == 200 { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "settle serve did not become ready: \(server.logText)"])
    }

    func request(_ path: String, key: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: base + path)!)
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// SIGTERM, then waits for the process to end.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}
