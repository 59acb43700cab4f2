import Foundation
import Testing

/// The web app in a real browser: Tests/Browser/web_flow.py drives Debian's chromium through
/// Playwright (both installed by `make deps`) against a live `settle serve` on a fresh database,
/// with axe-core on every page and screenshots at desktop and phone widths written to
/// `test-output/screenshots/` at the package's root.
@Suite(.serialized) struct BrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let screenshots = root.appendingPathComponent("test-output/screenshots")

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func theWebAppWorksInABrowser() throws {
        let chromium = try #require(SchemathesisTests.executable("chromium"), "chromium is not installed: run `make deps` (or `make test`)")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("settle-browser-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: work) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("Tests/Browser/web_flow.py").path,
                             "--settle", CommandLineTests.binary.path, "--work", work.path,
                             "--screenshots", Self.screenshots.path, "--chromium", chromium.path]
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let log = work.appendingPathComponent("browser.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        print(output)
        let serverLog = (try? String(contentsOf: work.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(output)\n--- server log ---\n\(serverLog.suffix(4000))")
        // Every step ran, and every page was photographed at both widths.
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("ok: ") }.count >= 8, "\(output)")
        let shots = (try? FileManager.default.contentsOfDirectory(atPath: Self.screenshots.path)) ?? []
        #expect(shots.filter { $0.hasSuffix("-desktop.png") }.count >= 12 && shots.filter { $0.hasSuffix("-phone.png") }.count >= 12,
                "\(shots.sorted())")
    }
}
