import Mustache

/// Checks mustache source against the merge-field vocabulary before it is saved, so that a
/// misspelt field is caught by the person writing the template and not by a client reading
/// a message with a hole in it.
public enum TemplateValidator {
    /// Every problem in a whole template, as saving it checks: each part's merge fields, a
    /// subject of one line, and no empty part.
    public static func problems(in template: MessageTemplate, partNames: TemplatePartNames = TemplatePartNames()) -> [TemplateProblem] {
        var found = problems(in: template.subject, source: partNames.subject)
        if template.subject.contains(where: \.isNewline) {
            found.append(TemplateProblem(source: partNames.subject, line: 1, column: 1, message: "the subject must be one line"))
        }
        for (text, source) in [(template.subject, partNames.subject), (template.text, partNames.text), (template.html, partNames.html)]
        where text.allSatisfy(\.isWhitespace) {
            found.append(TemplateProblem(source: source, line: 1, column: 1, message: "this part of the template is empty"))
        }
        found += problems(in: template.text, source: partNames.text)
        found += problems(in: template.html, source: partNames.html)
        return found
    }

    /// Every problem in one part of a template; empty when the part is fine. `source` names the
    /// part in the messages (a file name, or `subject`).
    public static func problems(in text: String, source: String) -> [TemplateProblem] {
        let (tags, unclosed) = TemplateScanner.tags(in: text)
        var problems: [TemplateProblem] = []
        func report(_ tag: TemplateTag, _ message: String) {
            problems.append(TemplateProblem(source: source, line: tag.line, column: tag.column, message: message))
        }
        // Each open section: its name and the field whose children it makes available (nil: none).
        var sections: [(tag: TemplateTag, scope: MergeField?)] = []
        for tag in tags {
            let scopes = [MergeFields.root] + sections.compactMap(\.scope)
            switch tag.kind {
            case .comment:
                continue
            case .variable:
                guard let field = resolve(tag.name, in: scopes) else {
                    report(tag, unknownMessage(tag.name, inList: sections.contains { $0.scope?.kind == .list }))
                    continue
                }
                if field.kind != .text {
                    report(tag, "\"\(tag.name)\" is a \(field.kind == .flag ? "flag" : field.kind.rawValue), not text; "
                        + "use it as a section: {{#\(tag.name)}}…{{/\(tag.name)}}")
                }
            case .section, .invertedSection:
                let field = resolve(tag.name, in: scopes)
                if field == nil {
                    report(tag, unknownMessage(tag.name, inList: sections.contains { $0.scope?.kind == .list }))
                }
                // An inverted section renders only when there is nothing, so it offers no fields.
                let opensScope = tag.kind == .section && (field?.kind == .object || field?.kind == .list)
                sections.append((tag, opensScope ? field : nil))
            case .closing:
                guard let open = sections.last else {
                    report(tag, "{{/\(tag.name)}} closes no section")
                    continue
                }
                if open.tag.name != tag.name {
                    report(tag, "{{/\(tag.name)}} does not match {{#\(open.tag.name)}} opened on line \(open.tag.line)")
                }
                sections.removeLast()
            case .unescaped:
                report(tag, "unescaped tags ({{{\(tag.name)}}} or {{&\(tag.name)}}) are not allowed; write {{\(tag.name)}}: "
                    + "values are escaped in the HTML body and left as they are in the subject and text")
            case .unsupported(let sigil):
                report(tag, "{{\(sigil)…}} tags (partials, blocks, delimiters, pragmas) are not supported in message templates")
            }
        }
        for open in sections {
            report(open.tag, "{{\(open.tag.kind == .section ? "#" : "^")\(open.tag.name)}} is never closed")
        }
        if let unclosed {
            problems.append(TemplateProblem(source: source, line: unclosed.line, column: unclosed.column,
                                            message: "a tag opened with {{ is never closed with }}"))
        }
        if problems.isEmpty, let problem = compileProblem(text, source: source) { problems.append(problem) }
        return problems
    }

    /// The field a name stands for where it is used, resolved as mustache does: the innermost
    /// section whose value has the first part of the name, then the rest of the name from there.
    static func resolve(_ name: String, in scopes: [MergeField]) -> MergeField? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, !parts.contains(where: \.isEmpty),
              var field = scopes.reversed().lazy.compactMap({ $0.field(first) }).first else { return nil }
        for part in parts.dropFirst() {
            guard field.kind == .object, let child = field.field(part) else { return nil }
            field = child
        }
        return field
    }

    private static func unknownMessage(_ name: String, inList: Bool) -> String {
        if name.isEmpty { return "empty tag {{}}" }
        if name.contains("(") { return "transforms such as \(name) are not supported; use the merge field itself" }
        let listHint = inList ? "; inside {{#invoices}} also \(MergeFields.invoiceFields.map(\.name).joined(separator: ", "))" : ""
        return "unknown merge field \"\(name)\" (known: see docs/templates.md\(listHint))"
    }

    /// Whatever the scanner let through must also compile; the parser's own location is kept.
    private static func compileProblem(_ text: String, source: String) -> TemplateProblem? {
        do {
            _ = try MustacheTemplate(string: text)
            return nil
        } catch let error as MustacheTemplate.ParserError {
            return TemplateProblem(source: source, line: error.context.lineNumber, column: error.context.columnNumber,
                                   message: "the template does not compile: \(error.error)")
        } catch {
            return TemplateProblem(source: source, line: 1, column: 1, message: "the template does not compile: \(error)")
        }
    }
}
