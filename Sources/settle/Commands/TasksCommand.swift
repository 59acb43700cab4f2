import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "The worklist: calls to make and other work for a person.", subcommands: [List.self, Complete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open tasks due by a day (default today).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Include tasks due up to this day.") var due: String?

        func run() async throws {
            let day = try due.map { try Day(parsing: $0) }
            let tasks = try await global.withSettle { try await $0.worklist(dueBy: day) }
            print(Table(columns: ["id", "kind", "client", "risk", "invoice", "due", "reason"], rows: tasks.map {
                [String($0.task.id), $0.task.kind.rawValue, $0.task.client, BehaviourText.risk($0.risk), $0.task.invoice ?? "",
                 $0.task.dueDay.description, $0.task.reason]
            }).render(output.format), terminator: "")
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Complete a task; a promise or dispute outcome records the promise or dispute too.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The task id.") var id: Int64
        @Option(help: "reached, voicemail, no_answer, promise, dispute, wrong_number or done.") var outcome: String
        @Option(help: "What happened.") var note = ""
        @Option(name: .customLong("promise-date"), help: "With --outcome promise: the promised day.") var promiseDate: String?
        @Option(name: .customLong("promise-amount"), help: "With --outcome promise: the amount (default all).") var promiseAmount: String?
        @Option(name: .customLong("dispute-reason"), help: "With --outcome dispute: the reason.") var disputeReason: String?

        func run() async throws {
            guard let outcome = TaskOutcome(rawValue: outcome) else {
                throw ValidationError("--outcome must be one of \(TaskOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let day = try promiseDate.map { try Day(parsing: $0) }
            var reason: DisputeReason?
            if let disputeReason {
                guard let parsed = DisputeReason(rawValue: disputeReason) else {
                    throw ValidationError("--dispute-reason must be one of \(DisputeReason.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                reason = parsed
            }
            try await global.withSettle {
                try await $0.completeTask(id, outcome: outcome, note: note, promiseDate: day, promiseAmount: promiseAmount,
                                          disputeReason: reason)
            }
            print("task \(id) done: \(outcome.rawValue)")
        }
    }
}
