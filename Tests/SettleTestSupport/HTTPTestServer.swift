import AsyncHTTPClient
import Foundation
import SettleDelivery

/// A real HTTP server (scripts/http_test_server.py) run for one SMS or webhook test:
/// it records every request and answers a scripted sequence, Twilio-shaped where asked.
public struct HTTPTestServer: Sendable {
    /// One scripted answer (see the script's docstring).
    public enum Answer: Sendable {
        case status(Int, body: String = "", headers: [String: String] = [:])
        case twilioMessage
        case twilioError(status: Int, code: Int, message: String)
        case closeConnection

        public var json: [String: Any] {
            switch self {
            case .status(let status, let body, let headers): return ["status": status, "body": body, "headers": headers]
            case .twilioMessage: return ["twilio": "message"]
            case .twilioError(let status, let code, let message):
                return ["twilio_error": ["status": status, "code": code, "message": message]]
            case .closeConnection: return ["close": true]
            }
        }
    }

    /// What the server recorded about one request.
    public struct Request: Decodable, Sendable {
        public var method: String
        public var path: String
        public var query: String
        public var headers: [[String]]
        public var body: String
        public var bodyBase64: String
        public var form: [String: String]?
        public var signatureValid: Bool?

        /// The first value of header `name`, compared without case.
        public func header(_ name: String) -> String? {
            headers.first { $0.count == 2 && $0[0].lowercased() == name.lowercased() }?[1]
        }

        /// The body's exact bytes.
        public var bodyBytes: [UInt8] { Data(base64Encoded: bodyBase64).map(Array.init) ?? [] }
    }

    public let port: Int
    public let log: URL

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The requests so far, in the order they came.
    public func requests() throws -> [Request] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }
}

/// Starts the test server with `script` (and Twilio-style `basicAuth`, webhook
/// `webhookSecret` checking when given), runs `body` with the server and an
/// `HTTPClient` configured as `settleDelivery`, and stops both whatever happens.
public func withHTTPTestServer<R>(
    script: [HTTPTestServer.Answer] = [], basicAuth: String? = nil, webhookSecret: String? = nil,
    _ body: (HTTPTestServer, HTTPClient) async throws -> R
) async throws -> R {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settle-http-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("requests.jsonl")
    let output = folder.appendingPathComponent("stdout.txt"), errors = folder.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

    let scriptJSON = String(decoding: try JSONSerialization.data(withJSONObject: script.map(\.json)), as: UTF8.self)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", root.appendingPathComponent("scripts/http_test_server.py").path,
                         "--log", log.path, "--script", scriptJSON]
        + (basicAuth.map { ["--basic-auth", $0] } ?? []) + (webhookSecret.map { ["--webhook-secret", $0] } ?? [])
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    defer { stopHTTPTestServer(process) }

    let deadline = Date().addingTimeInterval(30)
    var port: Int?
    while port == nil {
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        port = printed.split(separator: "\n").first { $0.hasPrefix("PORT ") }.flatMap { Int($0.dropFirst(5)) }
        if port != nil { break }
        guard process.isRunning, Date() < deadline else {
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw HTTPTestServerError(description: "The HTTP test server did not start (needs python3). Its output:\n\(stderr)")
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    let server = HTTPTestServer(port: port ?? 0, log: log)
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .settleDelivery)
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

public struct HTTPTestServerError: Error, CustomStringConvertible {
    public var description: String
}

/// Records the backoff delays of the SMS and webhook senders instead of waiting them out.
public actor SleepLog {
    public private(set) var delays: [Duration] = []
    public init() {}
    public func record(_ delay: Duration) { delays.append(delay) }
}

/// SIGTERM, then SIGKILL if the server has not gone within five seconds.
private func stopHTTPTestServer(_ process: Process) {
    if process.isRunning { process.terminate() }
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}
