import Yams

/// One setting's value as a source gave it, before it is checked.
struct RawSetting: Sendable {
    var text: String
    var source: SettingSource
}

/// The settings in a YAML file, with nested keys (`server: {port: 8080}`) and the line and
/// column of each value. A key that names no setting is a problem: a typo must not pass silently.
/// A key without a value (`url:` or `url: ~`) leaves the setting unset.
struct SettingsFile {
    let path: String
    private(set) var values: [String: RawSetting] = [:]
    private(set) var problems: [SettingsError.Problem] = []

    init(text: String, path: String) {
        self.path = path
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            problems.append(Self.problem(from: error, path: path))
            return
        }
        guard let root, root.null == nil else { return }
        read(root, section: nil)
    }

    private static let names = SettleSettings.keys.map(\.name)

    /// The keys allowed in `section` (nil: at the top).
    private static func keys(in section: String?) -> [String] {
        var keys: [String] = []
        for name in names {
            guard let section else {
                let top = String(name.prefix { $0 != "." })
                if !keys.contains(top) { keys.append(top) }
                continue
            }
            if name.hasPrefix(section + ".") { keys.append(String(name.dropFirst(section.count + 1))) }
        }
        return keys
    }

    private mutating func read(_ node: Node, section: String?) {
        guard let mapping = node.mapping else {
            let example = section.map { "\($0): {\(Self.keys(in: $0)[0]): ...}" } ?? "server: {port: 8080}"
            fail(node, setting: section, "expected a mapping of settings (such as \(example))")
            return
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let name = section.map { "\($0).\(key)" } ?? key
            guard seen.insert(key).inserted else {
                fail(keyNode, setting: name, "given twice")
                continue
            }
            if Self.names.contains(name) {
                guard value.null == nil else { continue }
                guard let scalar = value.scalar else {
                    fail(value, setting: name, "expected a single value, not a list or a mapping")
                    continue
                }
                let mark = value.mark ?? keyNode.mark
                values[name] = RawSetting(text: scalar.string,
                                          source: .file(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1))
            } else if section == nil, Self.names.contains(where: { $0.hasPrefix(name + ".") }) {
                if value.null == nil { read(value, section: name) }
            } else {
                let expected = Self.keys(in: section).joined(separator: ", ")
                fail(keyNode, setting: nil,
                     "unknown setting '\(name)' (\(section.map { "\($0) has " } ?? "expected ")\(expected))")
            }
        }
    }

    private mutating func fail(_ node: Node, setting: String?, _ message: String) {
        let mark = node.mark
        problems.append(.init(setting: setting, source: .file(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1),
                              message: message))
    }

    /// A YAML syntax error at its line and column; never the text around it, which may hold a secret.
    private static func problem(from error: any Error, path: String) -> SettingsError.Problem {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .init(setting: nil, source: .file(path: path, line: mark.line, column: mark.column),
                         message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .init(setting: nil, source: .file(path: path, line: context.mark.line, column: context.mark.column),
                         message: "\(duplicates.map { "'\($0)'" }.joined(separator: ", ")) given twice")
        default:
            return .init(setting: nil, source: .file(path: path, line: 1, column: 1), message: "not valid YAML")
        }
    }
}
