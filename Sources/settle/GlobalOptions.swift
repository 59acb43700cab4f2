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

    @Option(help: ArgumentHelp("A YAML settings file (env SETTLE_CONFIG; see docs/configuration.md).", valueName: "FILE"))
    var config: String?

    /// The settings given as options, by setting name.
    var settingFlags: [String: String] {
        var flags: [String: String] = [:]
        flags["database.url"] = database
        flags["organisation"] = org
        flags["clock.now"] = asOf
        return flags
    }

    /// The settings from these options, the environment and the settings file, with their sources.
    func loadSettings() throws(SettingsError) -> LoadedSettings {
        try SettleSettings.resolve(flags: settingFlags, environment: ProcessInfo.processInfo.environment, file: config)
    }

    /// Opens Settle with these options, runs `body`, and closes the database whatever happens.
    func withSettle<R>(_ body: (Settle) async throws -> R) async throws -> R {
        try await withSettle(loadSettings().settings, body)
    }

    /// Opens Settle with `settings`, runs `body`, and closes the database whatever happens.
    func withSettle<R>(_ settings: SettleSettings, _ body: (Settle) async throws -> R) async throws -> R {
        let settle = try await Settle.open(settings.configuration)
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
