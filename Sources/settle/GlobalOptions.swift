import ArgumentParser
import Foundation
import SettleApp

/// Options every command takes, before or after the command name.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Database: sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db (env SETTLE_DATABASE_URL; default sqlite:settle.db).", valueName: "URL"))
    var database: String?

    @Option(help: ArgumentHelp("Organisation slug (env SETTLE_ORG; default default).", valueName: "SLUG"))
    var org: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Run as of a day or instant: YYYY-MM-DD or 2024-03-17T12:00:00Z (env SETTLE_TODAY / SETTLE_NOW).", valueName: "DAY|TIMESTAMP"))
    var asOf: String?

    /// Opens Settle with these options, runs `body`, and closes the database whatever happens.
    func withSettle<R>(_ body: (Settle) async throws -> R) async throws -> R {
        let configuration = try SettleConfiguration.resolve(
            database: database, organisation: org, asOf: asOf, environment: ProcessInfo.processInfo.environment)
        let settle = try await Settle.open(configuration)
        do {
            let result = try await body(settle)
            await settle.close()
            return result
        } catch {
            await settle.close()
            throw error
        }
    }
}

/// How read commands print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}
