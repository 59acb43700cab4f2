import ArgumentParser
import Foundation
import SettleApp

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The settings in effect and where each comes from.",
        discussion: """
            Settings come from options (--database, --org, --as-of), then SETTLE_* environment variables, \
            then the YAML file of --config or SETTLE_CONFIG, then the defaults. Every setting is listed in \
            docs/configuration.md.
            """,
        subcommands: [Show.self, Check.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every setting with its value and source; secrets show as (set), passwords as ***.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rows = try global.loadSettings().entries.map { [$0.key.name, $0.value, $0.source.description] }
            print(Table(columns: ["setting", "value", "source"], rows: rows).render(output.format), terminator: "")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the settings: prints every problem and exits 1 when there is one.",
            discussion: "Also lists SETTLE_* variables that name no setting (Settle ignores them: most likely a typo).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let unknown = SettleSettings.unknownVariables(in: environment)
            let loaded: LoadedSettings
            do {
                loaded = try global.loadSettings()
            } catch {
                for problem in error.problems { printError(problem.description) }
                Self.warn(unknown: unknown)
                throw ExitCode(1)
            }
            print("settings are valid" + (loaded.file.map { " (file \($0))" } ?? ""))
            Self.warn(unknown: unknown)
            if loaded.settings.server.secret == nil {
                printError("warning: server.secret (SETTLE_SECRET) is not set: portal links are signed with the development "
                           + "secret; production must set it")
            }
        }

        static func warn(unknown: [String]) {
            for name in unknown { printError("warning: \(name) is not a Settle setting and is ignored") }
        }
    }
}
