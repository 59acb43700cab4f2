import Foundation
import ArgumentParser
import SettleApp
import SettleCore

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect", abstract: "Run the day's collections cycle: decide and record what happens to every open invoice.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Flag(name: .customLong("dry-run"), help: "Decide and print, record nothing.") var dryRun = false
    @Flag(help: "Also list the actions recorded as skipped on catch-up (otherwise counted).") var all = false

    func run() async throws {
        let result = try await global.withSettle { try await $0.collect(dryRun: dryRun, listSkipped: all) }
        let shown = all ? result.actions : result.actions.filter { $0.status != .skipped }
        CollectCommand.write(shown, messages: result.messages, asOf: result.asOf, skipped: result.skipped, format: output.format)
        if output.format == .table {
            if result.skipped > 0, !all {
                print("\(result.skipped) actions of stages passed meanwhile recorded as skipped (--all lists them)")
            }
            for posted in result.fees { print("posted \(posted.amount) to \(posted.invoice)") }
            if dryRun { print("dry run: nothing recorded") }
        }
    }

    /// Prints one row per action; a consolidated message is one row listing every invoice it
    /// covers. JSON is written row by row: a first run over a large book plans millions.
    static func write(_ actions: [PlannedAction], messages: [OutgoingMessage], asOf: Day, skipped: Int? = nil,
                      format: OutputFormat) {
        let rows = ActionRow.rows(actions, messages: messages)
        guard format == .json else {
            let columns = ["invoice", "client", "stage", "kind", "tone", "status", "reason"]
            let table = Table(columns: columns, rows: rows.map { row in
                [row.invoices?.joined(separator: "+") ?? row.invoice, row.client, row.stage, row.kind, row.tone, row.status, row.reason]
            })
            print((format == .table ? "Collections as of \(asOf)\n" : "") + table.render(format), terminator: "")
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = "{\n  \"as_of\": \"\(asOf)\",\n  \"actions\": ["
        for (index, row) in rows.enumerated() {
            out += (index == 0 ? "\n    " : ",\n    ") + String(decoding: (try? encoder.encode(row)) ?? Data("null".utf8), as: UTF8.self)
            if out.utf8.count >= 1 << 16 {
                print(out, terminator: "")
                out = ""
            }
        }
        out += rows.isEmpty ? "]" : "\n  ]"
        if let skipped { out += ",\n  \"skipped\": \(skipped)" }
        print(out + "\n}")
    }
}

/// One line of `collect` / `simulate` output.
struct ActionRow: Encodable {
    var key, invoice, client, stage, kind, tone, status, template, reason: String
    /// Set for a message consolidating several invoices.
    var invoices: [String]?

    /// Linear in the actions: each action is looked up by key once.
    static func rows(_ actions: [PlannedAction], messages: [OutgoingMessage]) -> [ActionRow] {
        let byKey = Dictionary(actions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [ActionRow] = []
        var inMessage: Set<String> = []
        for message in messages where message.actionKeys.count > 1 {
            inMessage.formUnion(message.actionKeys)
            let covered = message.actionKeys.compactMap { byKey[$0] }
            rows.append(ActionRow(
                key: message.key, invoice: message.invoices[0].value, client: message.client, stage: covered.first?.stage ?? "",
                kind: message.kind.rawValue, tone: message.tone.rawValue, status: "due", template: message.template,
                reason: "one message for \(message.invoices.count) invoices: "
                    + covered.map { "\($0.invoice) \($0.stage)" }.joined(separator: ", "),
                invoices: message.invoices.map(\.value)))
        }
        for action in actions where !inMessage.contains(action.key) {
            rows.append(ActionRow(key: action.key, invoice: action.invoice.value, client: action.client, stage: action.stage,
                                  kind: action.kind.rawValue, tone: action.tone.rawValue, status: action.status.rawValue,
                                  template: action.template, reason: action.reason))
        }
        return rows
    }
}

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Show what would happen each day, assuming no payment arrives; writes nothing.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(help: "First day (default today).") var from: String?
    @Option(help: "How many days.") var days = 30

    func run() async throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be from 1 to 3650") }
        let simulated = try await global.withSettle { settle in
            let today = settle.today(for: try await settle.organisation())
            let start = try from.map { try Day(parsing: $0) } ?? today
            return try await settle.simulate(from: start, days: days)
        }
        for day in simulated where !day.actions.isEmpty {
            CollectCommand.write(day.actions, messages: day.messages, asOf: day.day, format: output.format)
        }
    }
}

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Stage by stage: what was done, what will be done when, and what holds it back.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The invoice number.") var invoice: String

    func run() async throws {
        let explanation = try await global.withSettle { try await $0.explain(invoice) }
        let rows = explanation.lines.map { [$0.stage, $0.day.description, $0.actions, $0.state, $0.detail] }
        if output.format == .json {
            print(JSONOutput.string([
                "invoice": explanation.invoice.value, "policy": explanation.policy, "as_of": explanation.asOf.description,
                "status": explanation.status.rawValue, "balance": explanation.balance.decimalString, "holds": explanation.holds,
                "stages": rows.map { Dictionary(uniqueKeysWithValues: zip(["stage", "day", "actions", "state", "detail"], $0)) },
            ] as [String: Any]), terminator: "")
            return
        }
        print("Invoice \(explanation.invoice) under policy \(explanation.policy), as of \(explanation.asOf): "
              + "\(explanation.status.rawValue), \(explanation.balance) owed")
        for hold in explanation.holds { print("  \(hold)") }
        print(Table(columns: ["stage", "day", "actions", "state", "detail"], rows: rows).render(output.format), terminator: "")
    }
}
