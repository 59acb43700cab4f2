import SettleApp
import SettleCore

/// A policy's stages as the policy page's form edits them: one numbered row per stage, plus an
/// empty row to add one. Row N sends `id-N`, `offset-N`, `action-N-KIND` (one checkbox per
/// action), `tone-N`, `template-N`, `approval-N`, `remove-N`, and `original-N`: the id of the
/// saved stage the row began as, whose conditions it keeps (conditions are edited in the YAML).
struct PolicyStageRows {
    struct Row {
        var index: Int
        var original: String
        var id: String
        var offset: String
        var actions: Set<ActionKind>
        var tone: String
        var template: String
        var approval: Bool
        var remove: Bool

        /// How the page and its problems name the row.
        var name: String { "Stage \(index + 1)" + (id.isEmpty ? "" : " (\(id))") }
        /// The row left empty for a new stage (tone and template have defaults, so they do not count).
        var isBlank: Bool { original.isEmpty && id.isEmpty && offset.isEmpty && actions.isEmpty }
    }

    var rows: [Row]

    /// The saved stages, and an empty row.
    init(_ policy: Policy) {
        rows = policy.stages.enumerated().map { index, stage in
            Row(index: index, original: stage.id, id: stage.id, offset: String(stage.offsetDays), actions: Set(stage.actions),
                tone: stage.tone.rawValue, template: stage.template, approval: stage.requiresApproval, remove: false)
        }
        rows.append(Self.empty(at: rows.count))
    }

    /// The rows as the form sent them, in their order.
    init(form: [String: String]) {
        let indices = form.keys.compactMap { key in key.hasPrefix("id-") ? Int(key.dropFirst(3)) : nil }.sorted()
        rows = indices.prefix(Self.mostRows).map { index in
            func field(_ name: String) -> String { (form["\(name)-\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            return Row(index: index, original: field("original"), id: field("id"), offset: field("offset"),
                       actions: Set(ActionKind.allCases.filter { form["action-\(index)-\($0.rawValue)"] != nil }),
                       tone: field("tone"), template: field("template"), approval: form["approval-\(index)"] != nil,
                       remove: form["remove-\(index)"] != nil)
        }
    }

    /// More rows than any policy needs are not read.
    static let mostRows = 100

    static func empty(at index: Int) -> Row {
        Row(index: index, original: "", id: "", offset: "", actions: [], tone: Tone.polite.rawValue, template: "reminder",
            approval: false, remove: false)
    }

    /// The policy the rows make: the saved policy's other settings with these stages (removed and
    /// empty rows left out), checked as `settle policy apply` checks a file, and its YAML. Each
    /// problem names the row and the field.
    func proposal(replacing saved: Policy, templates: Set<String>) -> Result<(policy: Policy, yaml: String), PolicyRowsRejected> {
        var problems: [String] = []
        var staged: [(row: Row, stage: Stage)] = []
        for row in rows where !row.remove && !row.isBlank {
            let before = problems.count
            // The id and the template go into the YAML as they are, so only safe words pass.
            if !Organisation.isSlug(row.id) {
                problems.append(row.id.isEmpty ? "\(row.name), id: give the stage an id (lower-case letters, digits and dashes)"
                                               : "\(row.name), id: \"\(row.id)\" must be lower-case letters, digits and dashes")
            }
            let offset = Int(row.offset)
            if offset == nil {
                problems.append("\(row.name), offset: \"\(row.offset)\" is not a whole number of days (negative is before the due date)")
            }
            if row.actions.isEmpty { problems.append("\(row.name), actions: tick at least one action") }
            let tone = Tone(rawValue: row.tone)
            if tone == nil {
                problems.append("\(row.name), tone: \"\(row.tone)\" is not a tone (expected \(Tone.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let template = row.template.isEmpty ? "reminder" : row.template
            if !templates.contains(template) {
                problems.append("\(row.name), template: there is no template \"\(template)\" (known: \(templates.sorted().joined(separator: ", ")))")
            }
            guard problems.count == before, let offset, let tone else { continue }
            let conditions = saved.stage(row.original)?.conditions ?? StageConditions()
            staged.append((row, Stage(id: row.id, offsetDays: offset, actions: ActionKind.allCases.filter(row.actions.contains), tone: tone,
                                      template: template, conditions: conditions, requiresApproval: row.approval)))
        }
        if problems.isEmpty, staged.isEmpty { problems.append("Policy: a policy needs at least one stage") }
        guard problems.isEmpty else { return .failure(PolicyRowsRejected(problems: problems)) }
        // In the policy's order (by offset, rows of one offset as given), so each YAML stage maps back to its row.
        staged = staged.enumerated().sorted { ($0.element.stage.offsetDays, $0.offset) < ($1.element.stage.offsetDays, $1.offset) }
            .map(\.element)
        var policy = saved
        policy.stages = staged.map(\.stage)
        let yaml = PolicyFile.yaml(policy)
        do {
            return .success((try PolicyFile.read(yaml, file: "policy \(saved.name)"), yaml))
        } catch {
            // The YAML's stage k starts on the line of its k-th `  - id:`.
            let starts = yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.hasPrefix("  - id: ") }.map { $0.offset + 1 }
            return .failure(PolicyRowsRejected(problems: error.problems.map { problem in
                guard let stage = starts.lastIndex(where: { $0 <= problem.line }) else { return "Policy: \(problem.message)" }
                return "\(staged[stage].row.name): \(problem.message)"
            }))
        }
    }

    /// What the page's template shows of each row.
    func values(templates: Set<String>, saved: Policy) -> [[String: Any]] {
        rows.map { row in
            let index = row.index
            let conditions = saved.stage(row.original).map { Self.describe($0.conditions) } ?? ""
            return [
                "index": index, "number": index + 1, "new": row.original.isEmpty, "original": row.original, "id": row.id,
                "offset": row.offset, "approval": row.approval, "remove": row.remove,
                "actions": ActionKind.allCases.map {
                    ["index": index, "kind": $0.rawValue, "label": $0.rawValue.replacingOccurrences(of: "_", with: " "),
                     "checked": row.actions.contains($0)] as [String: Any]
                },
                "tones": Tone.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == row.tone] as [String: Any] },
                "templates": templates.union([row.template]).sorted().map { ["value": $0, "selected": $0 == row.template] as [String: Any] },
                "conditions": conditions, "hasConditions": !conditions.isEmpty,
            ]
        }
    }

    /// A stage's conditions in words; empty when it has none.
    static func describe(_ conditions: StageConditions) -> String {
        var parts: [String] = []
        if let minimum = conditions.minimumBalance {
            parts.append("at least " + minimum.amounts.sorted { $0.key < $1.key }
                .map { $0.key == "*" ? $0.value : "\($0.value) \($0.key)" }.joined(separator: " or ") + " owed")
        }
        if !conditions.clientKinds.isEmpty { parts.append("\(conditions.clientKinds.map(\.rawValue).sorted().joined(separator: "/")) clients") }
        if !conditions.countries.isEmpty { parts.append("clients in \(conditions.countries.sorted().joined(separator: ", "))") }
        if !conditions.tags.isEmpty { parts.append("clients tagged \(conditions.tags.sorted().joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }
}

/// The rows do not make a valid policy; each problem names the row and the field.
struct PolicyRowsRejected: Error {
    var problems: [String]
}
