/// Where a setting's value came from.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    /// A command-line option, such as `--port`.
    case flag(String)
    /// An environment variable, such as `SETTLE_PORT`.
    case environment(String)
    /// The YAML settings file, at a line and column.
    case file(path: String, line: Int, column: Int)
    /// Nothing set it: the development default.
    case defaultValue

    /// `flag --port`, `environment SETTLE_PORT`, `file settle.yaml:3:9` or `default`.
    public var description: String {
        switch self {
        case .flag(let flag): "flag \(flag)"
        case .environment(let variable): "environment \(variable)"
        case .file(let path, let line, let column): "file \(path):\(line):\(column)"
        case .defaultValue: "default"
        }
    }
}

/// Settings that cannot be used: every problem found, each naming the setting, where its value
/// came from and what is wrong. A secret's value is never part of a message.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One thing wrong with the settings.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The setting (`server.port`); nil when the problem is the file itself.
        public var setting: String?
        public var source: SettingSource
        /// What is wrong and what is expected: `'http' is not a port number (1-65535)`.
        public var message: String

        public init(setting: String?, source: SettingSource, message: String) {
            self.setting = setting
            self.source = source
            self.message = message
        }

        /// `SETTLE_PORT: 'http' is not a port number (1-65535)`, `--port: ...`, or
        /// `settle.yaml:3:9: server.port: ...` (file, line and column first, as for every file).
        public var description: String {
            switch source {
            case .flag(let flag): "\(flag): \(message)"
            case .environment(let variable): "\(variable): \(message)"
            case .file(let path, let line, let column): "\(path):\(line):\(column): " + (setting.map { "\($0): " } ?? "") + message
            case .defaultValue: (setting.map { "\($0): " } ?? "") + message
            }
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
