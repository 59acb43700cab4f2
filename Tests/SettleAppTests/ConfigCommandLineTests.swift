import Foundation
import Testing

/// `settle config show` and `settle config check`, and a command reading its settings from a file.
@Suite(.serialized) struct ConfigCommandLineTests {
    static let binary = CommandLineTests.binary
    static let secret = "config-test-secret-0123456789-abcdefghij"

    /// Runs the binary with exactly the `SETTLE_*` variables given (none inherited).
    func settle(_ arguments: [String], environment settings: [String: String] = [:], in folder: URL) throws -> CommandLineTests.Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SETTLE_") }
            .merging(settings) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandLineTests.Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                                    errors: String(decoding: errorData, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func showAndCheckWithTheEnvironmentAndAFile() throws {
        let folder = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            database: {url: "sqlite:books.db"}
            server:
              port: 9090
              public_url: https://pay.example.com
            webhook: {url: "https://hooks.example.com/settle", secret: whsec_0123456789abcdef}

            """.utf8).write(to: folder.appendingPathComponent("settle.yaml"))
        let environment = ["SETTLE_PORT": "8081", "SETTLE_SECRET": Self.secret,
                           "SETTLE_SMTP_URL": "smtp://ar:mail-password@mail.example.com", "SETTLE_PROT": "1"]

        let shown = try settle(["config", "show", "--config", "settle.yaml", "--org", "acme", "--format", "json"],
                               environment: environment, in: folder)
        #expect(shown.status == 0, "\(shown.errors)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [[String: String]])
        let table = Dictionary(uniqueKeysWithValues: rows.map { ($0["setting"] ?? "", ($0["value"] ?? "", $0["source"] ?? "")) })
        #expect(table["database.url"]! == ("sqlite:books.db", "file settle.yaml:1:17"))
        #expect(table["organisation"]! == ("acme", "flag --org"))
        #expect(table["server.port"]! == ("8081", "environment SETTLE_PORT"))
        #expect(table["server.public_url"]! == ("https://pay.example.com", "file settle.yaml:4:15"))
        #expect(table["server.secret"]! == ("(set)", "environment SETTLE_SECRET"))
        #expect(table["webhook.secret"]! == ("(set)", "file settle.yaml:5:60"))
        #expect(table["smtp.url"]?.0.hasPrefix("smtp://ar:***@mail.example.com:587") == true)
        #expect(table["server.host"]! == ("127.0.0.1", "default"))
        for secret in [Self.secret, "whsec_0123456789abcdef", "mail-password"] {
            #expect(!shown.output.contains(secret) && !shown.errors.contains(secret))
        }

        let valid = try settle(["config", "check", "--config", "settle.yaml"], environment: environment, in: folder)
        #expect(valid.status == 0)
        #expect(valid.output == "settings are valid (file settle.yaml)\n")
        #expect(valid.errors == "warning: SETTLE_PROT is not a Settle setting and is ignored\n")

        try Data("server:\n  prot: 8080\n".utf8).write(to: folder.appendingPathComponent("typo.yaml"))
        let invalid = try settle(["config", "check"], environment: [
            "SETTLE_CONFIG": "typo.yaml", "SETTLE_PORT": "http", "SETTLE_WEBHOOK_SECRET": "tiny-secret",
        ], in: folder)
        #expect(invalid.status == 1)
        #expect(invalid.output.isEmpty)
        #expect(invalid.errors == """
            typo.yaml:2:3: unknown setting 'server.prot' (server has host, port, public_url, secret)
            SETTLE_PORT: 'http' is not a port number (1-65535)
            SETTLE_WEBHOOK_SECRET: the secret has 11 characters; use at least 16 random ones (for example the output of `openssl rand -base64 48`)

            """)
        let warned = try settle(["config", "check"], in: folder)
        #expect(warned.status == 0 && warned.errors.contains("server.secret (SETTLE_SECRET) is not set"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func everyCommandReadsTheSettingsFile() throws {
        let folder = try CommandLineTests().temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("database:\n  url: sqlite:from-file.db\n".utf8).write(to: folder.appendingPathComponent("settle.yaml"))
        #expect(try settle(["--config", "settle.yaml", "migrate"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-file.db").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("settle.db").path))
        #expect(try settle(["clients", "list"], environment: ["SETTLE_CONFIG": "settle.yaml"], in: folder).status == 0)

        let wrong = try settle(["clients", "list", "--as-of", "yesterday"], environment: ["SETTLE_CONFIG": "settle.yaml"], in: folder)
        #expect(wrong.status == 1)
        #expect(wrong.errors == "--as-of: 'yesterday' is not a day or an instant (expected YYYY-MM-DD or 2024-03-17T12:00:00Z)\n")
        let missing = try settle(["clients", "list", "--config", "nowhere.yaml"], in: folder)
        #expect(missing.status == 1 && missing.errors == "--config: cannot read 'nowhere.yaml': no such file\n")
    }
}
