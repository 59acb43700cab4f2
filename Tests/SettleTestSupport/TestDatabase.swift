import Foundation
import SettleStore
import SQLKit
import Testing

/// The engines store and app tests run on: SQLite always, PostgreSQL when
/// `SETTLE_TEST_POSTGRES_URL` is set (`make test` starts a server and sets it).
public enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public static var available: [TestEngine] {
        let url = ProcessInfo.processInfo.environment["SETTLE_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }

    public var testDescription: String { rawValue }
}

/// Gives `body` the URL of a fresh, empty database — a temporary SQLite file, or a new
/// database on the test PostgreSQL server — and removes it afterwards, whatever happens.
public func withEmptyDatabase<R>(_ engine: TestEngine, _ body: (DatabaseURL) async throws -> R) async throws -> R {
    let name = "settle_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    switch engine {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        return try await body(.sqlite(path: path))
    case .postgres:
        let base = ProcessInfo.processInfo.environment["SETTLE_TEST_POSTGRES_URL"] ?? ""
        try await administer(base, "CREATE DATABASE \(name)")
        let prefix = base[..<(base.lastIndex(of: "/") ?? base.endIndex)]
        do {
            let result = try await body(.postgres(url: prefix + "/" + name))
            try await administer(base, "DROP DATABASE IF EXISTS \(name)")
            return result
        } catch {
            try? await administer(base, "DROP DATABASE IF EXISTS \(name)")
            throw error
        }
    }
}

private func administer(_ url: String, _ statement: String) async throws {
    let admin = try await SettleDatabase.open(try DatabaseURL(parsing: url))
    do {
        try await admin.sql.raw(SQLQueryString(statement)).run()
    } catch {
        await admin.close()
        throw error
    }
    await admin.close()
}
