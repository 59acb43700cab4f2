import Foundation
import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Payment plans: instalments chased instead of the invoices.",
        subcommands: [Create.self, List.self, Show.self, Cancel.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agree a payment plan within the policy's limits.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The client's id.") var client: String
        @Option(help: "Invoice numbers, comma-separated.") var invoices: String
        @Option(help: "Number of instalments.") var instalments: Int
        @Option(help: "month, 2weeks or week.") var every: String = "month"
        @Option(help: "First due day.") var start: String
        @Option(help: "Down payment due on the start day.") var down: String?
        @Flag(name: .customLong("waive-fees"), help: "Write off fees and compensation already posted.") var waiveFees = false

        func run() async throws {
            guard let frequency = InstalmentFrequency(rawValue: every) else {
                throw ValidationError("--every must be one of \(InstalmentFrequency.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let day = try Day(parsing: start)
            let numbers = invoices.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let plan = try await global.withSettle {
                try await $0.createPlan(client: client, invoices: numbers, instalments: instalments, every: frequency, start: day,
                                        down: down, waiveFees: waiveFees)
            }
            print("plan \(plan.plan.id) agreed for \(plan.plan.total):")
            print(Show.schedule(plan), terminator: "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Flag(help: "Only active plans.") var active = false

        func run() async throws {
            let plans = try await global.withSettle { try await $0.plans(activeOnly: active) }
            print(Table(columns: ["id", "client", "invoices", "total", "instalments", "status"], rows: plans.map {
                [String($0.plan.id), $0.plan.client, $0.plan.invoices.map(\.value).joined(separator: ","), $0.plan.total.description,
                 String($0.plan.instalments.count), $0.plan.status.rawValue]
            }).render(output.format), terminator: "")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a plan's schedule.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The plan id.") var id: Int64

        func run() async throws {
            let plans = try await global.withSettle { try await $0.plans(activeOnly: false) }
            guard let plan = plans.first(where: { $0.plan.id == id }) else { throw InputError("no plan \(id)") }
            print("Plan \(id) for \(plan.plan.client), \(plan.plan.status.rawValue), agreed \(plan.createdOn): "
                  + "\(plan.plan.invoices.map(\.value).joined(separator: ", "))")
            print(Self.schedule(plan), terminator: "")
        }

        static func schedule(_ plan: StoredPlan) -> String {
            Table(columns: ["instalment", "due", "amount"], rows: plan.plan.instalments.map {
                [$0.number == 0 ? "down payment" : String($0.number), $0.dueDate.description, $0.amount.description]
            }).render(.table)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an active plan; its invoices are chased again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The plan id.") var id: Int64

        func run() async throws {
            try await global.withSettle { try await $0.cancelPlan(id) }
            print("plan \(id) cancelled")
        }
    }
}
