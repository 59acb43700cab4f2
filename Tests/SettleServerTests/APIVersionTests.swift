import Foundation
@testable import SettleServer
import Testing

/// The version the server reports is the one its contract, `openapi.yaml`, declares.
@Test func apiVersionMatchesTheContract() throws {
    let contract = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SettleServer/openapi.yaml")
    let text = try String(contentsOf: contract, encoding: .utf8)
    #expect(text.contains("\n  version: \(SettleServerVersion.api)\n"))
}
