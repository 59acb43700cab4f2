import SettleCore
import Yams

/// Reads and writes policies as YAML (docs/policies.md). Reading checks every field and
/// reports each problem as `FILE:LINE:COLUMN: message`; a file with problems is refused whole.
public enum PolicyFile {
    static let topKeys: Set<String> = ["name", "description", "consolidate", "courtesy_reminder", "late_fee", "interest",
                                       "promises", "plans", "stages"]
    static let stageKeys: Set<String> = ["id", "offset", "actions", "tone", "template", "conditions", "requires_approval"]

    public static func read(_ text: String, file: String) throws(ImportRejected) -> Policy {
        var reader = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ImportRejected(problems: [YAMLReader.problem(from: error, file: file)])
        }
        guard let root, let top = reader.mapping(root, "the policy", keys: topKeys) else {
            throw ImportRejected(problems: reader.problems.isEmpty
                ? [FileProblem(file: file, line: 1, column: 1, message: "the file is empty (expected a policy with name and stages)")]
                : reader.problems)
        }
        let name = reader.string(top["name"], "name", in: root) ?? ""
        if top["name"] != nil, !Organisation.isSlug(name) {
            reader.fail(top["name"], "name \"\(name)\" must be lower-case letters, digits and dashes")
        }
        var stages: [Stage] = []
        if let list = reader.sequence(top["stages"], "stages", in: root) {
            for node in list { if let stage = readStage(node, reader: &reader) { stages.append(stage) } }
            if list.isEmpty { reader.fail(top["stages"], "a policy needs at least one stage") }
        }
        var seen: Set<String> = []
        for (stage, node) in zip(stages, top["stages"]?.sequence ?? []) where !seen.insert(stage.id).inserted {
            reader.fail(node, "stage id \"\(stage.id)\" is used twice")
        }
        let policy = Policy(
            name: name,
            description: reader.optionalString(top["description"]) ?? "",
            stages: stages,
            consolidate: reader.bool(top["consolidate"], default: true),
            courtesyReminder: reader.bool(top["courtesy_reminder"], default: true),
            lateFee: top["late_fee"].flatMap { readLateFee($0, reader: &reader) },
            interest: top["interest"].map { readInterest($0, reader: &reader) } ?? .none,
            promises: top["promises"].map { readPromises($0, reader: &reader) } ?? PromiseLimits(),
            plans: top["plans"].map { readPlans($0, reader: &reader) } ?? PlanLimits())
        guard reader.problems.isEmpty else { throw ImportRejected(problems: reader.problems.sorted()) }
        return policy
    }

    private static func readStage(_ node: Node, reader: inout YAMLReader) -> Stage? {
        guard let map = reader.mapping(node, "a stage", keys: stageKeys) else { return nil }
        let before = reader.problems.count
        let id = reader.string(map["id"], "id", in: node) ?? ""
        if map["id"] != nil, !Organisation.isSlug(id) {
            reader.fail(map["id"], "stage id \"\(id)\" must be lower-case letters, digits and dashes")
        }
        let offset = reader.integer(map["offset"], "offset", in: node, range: -365...3650) ?? 0
        var actions: [ActionKind] = []
        for item in reader.sequence(map["actions"], "actions", in: node) ?? [] {
            actions += reader.choice(item, ActionKind.self, "action").map { [$0] } ?? []
        }
        if map["actions"] != nil, actions.isEmpty, reader.problems.count == before {
            reader.fail(map["actions"], "a stage needs at least one action")
        }
        let tone = map["tone"].flatMap { reader.choice($0, Tone.self, "tone") }
        if map["tone"] == nil { reader.fail(node, "stage \"\(id)\" has no tone") }
        let template = reader.optionalString(map["template"]) ?? "reminder"
        let conditions = map["conditions"].map { readConditions($0, reader: &reader) } ?? StageConditions()
        let approval = reader.bool(map["requires_approval"], default: false)
        guard reader.problems.count == before, let tone else { return nil }
        return Stage(id: id, offsetDays: offset, actions: actions, tone: tone, template: template,
                     conditions: conditions, requiresApproval: approval)
    }

    private static func readConditions(_ node: Node, reader: inout YAMLReader) -> StageConditions {
        guard let map = reader.mapping(node, "conditions", keys: ["minimum_balance", "kinds", "countries", "tags"]) else {
            return StageConditions()
        }
        var conditions = StageConditions()
        conditions.minimumBalance = map["minimum_balance"].flatMap { reader.amounts($0, "minimum_balance") }
        for item in map["kinds"].flatMap({ reader.sequence($0, "kinds", in: node) }) ?? [] {
            if let kind = reader.choice(item, ClientKind.self, "client kind") { conditions.clientKinds.insert(kind) }
        }
        for item in map["countries"].flatMap({ reader.sequence($0, "countries", in: node) }) ?? [] {
            let code = item.string?.uppercased() ?? ""
            if FieldRules.isCountry(code) { conditions.countries.insert(code) } else {
                reader.fail(item, "\"\(item.string ?? "")\" is not an ISO 3166 country code")
            }
        }
        for item in map["tags"].flatMap({ reader.sequence($0, "tags", in: node) }) ?? [] {
            if let tag = reader.optionalString(item) { conditions.tags.insert(tag) }
        }
        return conditions
    }

    private static func readLateFee(_ node: Node, reader: inout YAMLReader) -> LateFeeRule? {
        guard let map = reader.mapping(node, "late_fee", keys: ["flat", "percent", "minimum", "maximum"]) else { return nil }
        let rule = LateFeeRule(flat: map["flat"].flatMap { reader.amounts($0, "flat") },
                               percent: map["percent"].flatMap { reader.percentage($0, "percent") },
                               minimum: map["minimum"].flatMap { reader.amounts($0, "minimum") },
                               maximum: map["maximum"].flatMap { reader.amounts($0, "maximum") })
        if rule.flat == nil, rule.percent == nil, map["flat"] == nil, map["percent"] == nil {
            reader.fail(node, "a late fee needs flat, percent or both")
        }
        return rule
    }

    private static func readInterest(_ node: Node, reader: inout YAMLReader) -> InterestRule {
        guard let map = reader.mapping(node, "interest", keys: ["regime", "rate"]) else { return .none }
        switch reader.string(map["regime"], "regime", in: node) {
        case "none": return .none
        case "contractual":
            guard let rate = map["rate"].flatMap({ reader.percentage($0, "rate") }) else {
                if map["rate"] == nil { reader.fail(node, "contractual interest needs a rate (percent a year)") }
                return .none
            }
            return .contractual(rate)
        case "statutory": return .statutory(regime: nil)
        case let regime? where ["uk", "eu", "de", "fr"].contains(regime): return .statutory(regime: regime)
        case let other?:
            reader.fail(map["regime"], "interest regime \"\(other)\" must be none, contractual, statutory, uk, eu, de or fr")
            return .none
        case nil: return .none
        }
    }

    private static func readPromises(_ node: Node, reader: inout YAMLReader) -> PromiseLimits {
        guard let map = reader.mapping(node, "promises", keys: ["longest_days", "grace_days"]) else { return PromiseLimits() }
        let defaults = PromiseLimits()
        return PromiseLimits(
            longestDays: map["longest_days"].flatMap { reader.integer($0, "longest_days", in: node, range: 1...365) } ?? defaults.longestDays,
            graceDays: map["grace_days"].flatMap { reader.integer($0, "grace_days", in: node, range: 0...60) } ?? defaults.graceDays)
    }

    private static func readPlans(_ node: Node, reader: inout YAMLReader) -> PlanLimits {
        let keys: Set<String> = ["most_instalments", "smallest_instalment", "longest_days", "smallest_down_payment_percent", "grace_days"]
        guard let map = reader.mapping(node, "plans", keys: keys) else { return PlanLimits() }
        let defaults = PlanLimits()
        return PlanLimits(
            mostInstalments: map["most_instalments"].flatMap { reader.integer($0, "most_instalments", in: node, range: 1...120) } ?? defaults.mostInstalments,
            smallestInstalment: map["smallest_instalment"].flatMap { reader.amounts($0, "smallest_instalment") },
            longestDays: map["longest_days"].flatMap { reader.integer($0, "longest_days", in: node, range: 1...3650) } ?? defaults.longestDays,
            smallestDownPayment: map["smallest_down_payment_percent"].flatMap { reader.percentage($0, "smallest_down_payment_percent") }
                ?? defaults.smallestDownPayment,
            graceDays: map["grace_days"].flatMap { reader.integer($0, "grace_days", in: node, range: 0...60) } ?? defaults.graceDays)
    }
}
