import Foundation

/// A real SMTP server (scripts/smtp_test_server.py, on aiosmtpd) run for one test.
public struct SMTPTestServer: Sendable {
    public enum Mode: String, CaseIterable, Sendable {
        case plain, starttls, tls
    }

    /// What the server wrote about one message it accepted.
    public struct ReceivedMessage: Decodable, Sendable {
        public struct Attachment: Decodable, Sendable {
            public var filename: String?
            public var contentType: String
            public var size: Int
            public var base64: String
        }
        public var headers: [String: String]
        public var text: String?
        public var html: String?
        public var attachments: [Attachment]
        public var mailFrom: String
        public var recipients: [String]
        public var connection: Int
        public var authMechanism: String?
        public var tls: Bool
        public var rawBase64: String
    }

    public static let user = "settle"
    public static let password = "s3cret:pass"

    public let mode: Mode
    public let port: Int
    public let certificate: String?
    public let mailbox: URL

    /// `SETTLE_SMTP_URL` for this server, trusting its certificate.
    public func url(extra: [String] = []) -> String {
        let scheme = mode == .tls ? "smtps" : "smtp"
        let query = (certificate.map { ["ca=\($0)"] } ?? []) + extra
        let password = Self.password.replacingOccurrences(of: ":", with: "%3A")
        return "\(scheme)://\(Self.user):\(password)@localhost:\(port)"
            + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The messages accepted so far, in the order they came.
    public func receivedMessages() throws -> [ReceivedMessage] {
        let names = try FileManager.default.contentsOfDirectory(atPath: mailbox.path)
        let numbers = names.compactMap { $0.hasSuffix(".json") ? Int($0.dropLast(5)) : nil }.sorted()
        return try numbers.map { number in
            let data = try Data(contentsOf: mailbox.appendingPathComponent("\(number).json"))
            return try JSONDecoder().decode(ReceivedMessage.self, from: data)
        }
    }
}

public struct SMTPTestServerError: Error, CustomStringConvertible {
    public var description: String
}

/// Starts the test server in `mode` (offering only `auth` when given), runs `body`,
/// and stops the server whatever happens. Fails clearly when python3 or aiosmtpd
/// is missing (`make test` installs them through scripts/ensure-deps.sh).
public func withSMTPTestServer<R>(
    _ mode: SMTPTestServer.Mode, auth: String? = nil, _ body: (SMTPTestServer) async throws -> R
) async throws -> R {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settle-smtp-" + UUID().uuidString)
    let mailbox = folder.appendingPathComponent("mailbox")
    try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("stdout.txt"), errors = folder.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", root.appendingPathComponent("scripts/smtp_test_server.py").path,
                         "--mode", mode.rawValue, "--mailbox", mailbox.path] + (auth.map { ["--auth", $0] } ?? [])
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    defer { stop(process) }

    let deadline = Date().addingTimeInterval(30)
    var portLine: Substring?
    while portLine == nil {
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        portLine = printed.split(separator: "\n").first { $0.hasPrefix("PORT ") }
        if portLine != nil { break }
        guard process.isRunning, Date() < deadline else {
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw SMTPTestServerError(description: """
                The SMTP test server did not start (needs python3 and the PyPI package aiosmtpd: \
                run `make deps` or `python3 -m pip install aiosmtpd`). Its output:
                \(stderr)
                """)
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    let words = portLine?.split(separator: " ") ?? []
    guard words.count == 4, let port = Int(words[1]) else {
        throw SMTPTestServerError(description: "unexpected line from the SMTP test server: \(portLine ?? "")")
    }
    let certificate = words[3] == "-" ? nil : String(words[3])
    return try await body(SMTPTestServer(mode: mode, port: port, certificate: certificate, mailbox: mailbox))
}

/// SIGTERM, then SIGKILL if the server has not gone within five seconds.
private func stop(_ process: Process) {
    if process.isRunning { process.terminate() }
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}
