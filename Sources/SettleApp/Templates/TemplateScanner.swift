import Foundation

/// A `{{…}}` tag found in mustache source, with where it starts.
struct TemplateTag: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case variable, section, invertedSection, closing, comment
        /// `{{{x}}}` or `{{&x}}`.
        case unescaped
        /// Partials, blocks, delimiter changes and pragmas (`>`, `<`, `$`, `=`, `%`).
        case unsupported(Character)
    }

    var kind: Kind
    var name: String
    var line: Int
    var column: Int
}

/// Finds the tags of mustache source with the default `{{ }}` delimiters. Deliberately small:
/// delimiter changes are reported as unsupported tags, so the default delimiters always hold.
enum TemplateScanner {
    /// The tags in order, and the position of a tag that is opened but never closed, if any.
    static func tags(in source: String) -> (tags: [TemplateTag], unclosedAt: (line: Int, column: Int)?) {
        let characters = Array(source)
        var tags: [TemplateTag] = []
        var line = 1
        var column = 1
        var index = 0
        func advance(to end: Int) {
            while index < end {
                if characters[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
        }
        while index < characters.count {
            guard characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" else {
                advance(to: index + 1)
                continue
            }
            let start = (line, column)
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            let closing: [Character] = triple ? ["}", "}", "}"] : ["}", "}"]
            let contentStart = index + (triple ? 3 : 2)
            guard let end = find(closing, in: characters, from: contentStart) else {
                return (tags, start)
            }
            let content = String(characters[contentStart..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            tags.append(tag(content, triple: triple, line: start.0, column: start.1))
            advance(to: end + closing.count)
        }
        return (tags, nil)
    }

    private static func tag(_ content: String, triple: Bool, line: Int, column: Int) -> TemplateTag {
        if triple { return TemplateTag(kind: .unescaped, name: content, line: line, column: column) }
        let sigil = content.first
        let rest = String(content.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
        let kind: TemplateTag.Kind
        switch sigil {
        case "#": kind = .section
        case "^": kind = .invertedSection
        case "/": kind = .closing
        case "!": kind = .comment
        case "&": kind = .unescaped
        case ">", "<", "$", "=", "%": kind = .unsupported(sigil ?? " ")
        default: return TemplateTag(kind: .variable, name: content, line: line, column: column)
        }
        return TemplateTag(kind: kind, name: rest, line: line, column: column)
    }

    private static func find(_ pattern: [Character], in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= characters.count {
            if Array(characters[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }
}
