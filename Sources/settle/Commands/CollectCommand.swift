import ArgumentParser
import SettleApp
import SettleCore

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect", abstract: "Run the day's collections cycle: decide and record what happens to every open invoice.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Flag(name: .customLong("dry-run"), help: "Decide and print, record nothing.") var dryRun = false
    @Flag(help: "Also list actions recorded as skipped on catch-up (JSON always lists them).") var all = false

    func run() async throws {
        let result = try await global.withSettle { try await $0.collect(dryRun: dryRun) }
        let shown = all || output.format == .json ? result.actions : result.actions.filter { $0.status != .skipped }
        print(CollectCommand.render(shown, messages: result.messages, asOf: result.asOf, format: output.format), terminator: "")
        if output.format == .table {
            let skipped = result.actions.count - shown.count
            if skipped > 0 { print("\(skipped) actions of stages passed meanwhile recorded as skipped (--all lists them)") }
            for posted in result.fees { print("posted \(posted.amount) to \(posted.invoice)") }
            if dryRun { print("dry run: nothing recorded") }
        }
    }

    /// One row per action; a consolidated message is one row listing every invoice it covers.
    static func render(_ actions: [PlannedAction], messages: [OutgoingMessage], asOf: Day, format: OutputFormat) -> String {
        var rows: [[String: Any]] = []
        var inMessage: Set<String> = []
        for message in messages where message.actionKeys.count > 1 {
            inMessage.formUnion(message.actionKeys)
            let first = actions.first { $0.key == message.actionKeys[0] }
            rows.append(["key": message.key, "invoice": message.invoices[0].value, "invoices": message.invoices.map(\.value),
                         "client": message.client, "stage": first?.stage ?? "", "kind": message.kind.rawValue,
                         "tone": message.tone.rawValue, "status": "due", "template": message.template,
                         "reason": "one message for \(message.invoices.count) invoices: "
                            + actions.filter { message.actionKeys.contains($0.key) }.map { "\($0.invoice) \($0.stage)" }.joined(separator: ", ")])
        }
        for action in actions where !inMessage.contains(action.key) {
            rows.append(["key": action.key, "invoice": action.invoice.value, "client": action.client, "stage": action.stage,
                         "kind": action.kind.rawValue, "tone": action.tone.rawValue, "status": action.status.rawValue,
                         "template": action.template, "reason": action.reason])
        }
        if format == .json { return JSONOutput.string(["as_of": asOf.description, "actions": rows] as [String: Any]) }
        let columns = ["invoice", "client", "stage", "kind", "tone", "status", "reason"]
        let table = Table(columns: columns, rows: rows.map { row in
            columns.map { column in
                if column == "invoice", let invoices = row["invoices"] as? [String] { return invoices.joined(separator: "+") }
                return row[column] as? String ?? ""
            }
        })
        return (format == .table ? "Collections as of \(asOf)\n" : "") + table.render(format)
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
            print(CollectCommand.render(day.actions, messages: day.messages, asOf: day.day, format: output.format), terminator: "")
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
