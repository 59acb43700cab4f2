import Foundation

/// Settings as loaded, with where each value came from (`settle config show`).
public struct LoadedSettings: Sendable {
    public var settings: SettleSettings
    /// The source of each setting's value, by setting name.
    public var sources: [String: SettingSource]
    /// The YAML file read, if any.
    public var file: String?

    /// One line of `settle config show`.
    public struct Entry: Sendable, Hashable {
        public var key: SettingKey
        /// Secrets as `(set)`, passwords in URLs as `***`.
        public var value: String
        public var source: SettingSource
    }

    /// Every setting with its shown value and source, in the order of `SettleSettings.keys`.
    public var entries: [Entry] {
        SettleSettings.keys.map { Entry(key: $0, value: settings.shownValue(of: $0.name), source: sources[$0.name] ?? .defaultValue) }
    }
}

extension SettleSettings {
    /// The settings from, highest first: `flags` (setting name, such as `server.port`, to the
    /// text given on the command line), `environment` (the `SETTLE_*` variables; an empty one
    /// counts as unset), the YAML file `file` (else the one `SETTLE_CONFIG` names, if any), then
    /// the defaults. Reads that file and nothing else: the caller hands in the environment.
    /// - Throws: every problem found, each naming the setting, its source and what is wrong.
    public static func load(flags: [String: String], environment: [String: String],
                            file: String?) throws(SettingsError) -> SettleSettings {
        try resolve(flags: flags, environment: environment, file: file).settings
    }

    /// As `load`, keeping where each value came from.
    public static func resolve(flags: [String: String], environment: [String: String],
                               file: String?) throws(SettingsError) -> LoadedSettings {
        var problems: [SettingsError.Problem] = []
        var flagValues: [String: RawSetting] = [:]
        for (name, text) in flags.sorted(by: { $0.key < $1.key }) {
            guard let key = keys.first(where: { $0.name == name }) else {
                problems.append(.init(setting: name, source: .flag(name), message: "no such setting"))
                continue
            }
            flagValues[name] = RawSetting(text: text, source: .flag(key.flag ?? name))
        }
        var environmentValues: [String: RawSetting] = [:]
        for key in keys {
            if let text = environment[key.environment], !text.isEmpty {
                environmentValues[key.name] = RawSetting(text: text, source: .environment(key.environment))
            }
        }
        var fileValues: [String: RawSetting] = [:]
        let path = file ?? environment[configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let path {
            do throws(InvalidSetting) {
                let settingsFile = SettingsFile(text: try read(path), path: path)
                fileValues = settingsFile.values
                problems += settingsFile.problems
            } catch {
                problems.append(.init(setting: nil, source: file == nil ? .environment(configFileVariable) : .flag("--config"),
                                      message: error.message))
            }
        }
        var reader = SettingsReader(layers: [flagValues, environmentValues, fileValues])
        let settings = reader.settings()
        problems += reader.problems
        guard problems.isEmpty else { throw SettingsError(problems: problems) }
        return LoadedSettings(settings: settings, sources: reader.sources, file: path)
    }

    private static func read(_ path: String) throws(InvalidSetting) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InvalidSetting("cannot read '\(path)': no such file")
        }
        guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw InvalidSetting("cannot read '\(path)': \(isFolder.boolValue ? "a folder, not a file" : "permission denied")")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InvalidSetting("cannot read '\(path)': not UTF-8 text") }
        return text
    }
}
