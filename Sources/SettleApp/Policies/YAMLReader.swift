import SettleCore
import Yams

/// Reads typed values out of a YAML node tree, collecting every problem with its line and column.
struct YAMLReader {
    let file: String
    private(set) var problems: [FileProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func fail(_ node: Node?, _ message: String) {
        let mark = node?.mark
        problems.append(FileProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// A mapping with string keys; unknown keys are problems (a typo must not be ignored silently).
    mutating func mapping(_ node: Node, _ what: String, keys: Set<String>) -> [String: Node]? {
        guard let mapping = node.mapping else {
            fail(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if keys.contains(name) {
                result[name] = value
            } else {
                fail(key, "unknown key \"\(name)\" in \(what) (expected \(keys.sorted().joined(separator: ", ")))")
            }
        }
        return result
    }

    mutating func string(_ node: Node?, _ key: String, in parent: Node) -> String? {
        guard let node else {
            fail(parent, "missing \"\(key)\"")
            return nil
        }
        return optionalString(node)
    }

    mutating func optionalString(_ node: Node?) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            fail(node, "expected a text value")
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ node: Node?, _ key: String, in parent: Node, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, key, in: parent) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(node, "\(key) \"\(text)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, default value: Bool) -> Bool {
        guard let node else { return value }
        switch node.string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(node, "expected true or false")
            return value
        }
    }

    mutating func sequence(_ node: Node?, _ key: String, in parent: Node) -> [Node]? {
        guard let node else {
            fail(parent, "missing \"\(key)\"")
            return nil
        }
        guard let sequence = node.sequence else {
            fail(node, "\(key) must be a list")
            return nil
        }
        return Array(sequence)
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ type: T.Type, _ what: String) -> T?
    where T.RawValue == String {
        let text = node.string ?? ""
        guard let value = T(rawValue: text) else {
            fail(node, "unknown \(what) \"\(text)\" (expected \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return value
    }

    mutating func percentage(_ node: Node, _ key: String) -> Percentage? {
        let text = node.string ?? ""
        do {
            return try Percentage(parsing: text)
        } catch {
            fail(node, "\(key): \(error.description)")
            return nil
        }
    }

    /// `"40.00"` (any currency) or `{EUR: "40.00", GBP: "35.00"}`.
    mutating func amounts(_ node: Node, _ key: String) -> AmountsByCurrency? {
        var table: [String: String] = [:]
        if let scalar = node.scalar {
            table["*"] = scalar.string
        } else if let mapping = node.mapping {
            for (code, value) in mapping { table[code.string?.uppercased() ?? ""] = value.string ?? "" }
        } else {
            fail(node, "\(key) must be an amount or a mapping of currency to amount")
            return nil
        }
        do {
            return try AmountsByCurrency(table)
        } catch {
            fail(node, "\(key): \(error.description)")
            return nil
        }
    }

    /// A YAML syntax error, located.
    static func problem(from error: any Error, file: String) -> FileProblem {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return FileProblem(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
            default: break
            }
        }
        return FileProblem(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
    }
}
