import ArgumentParser
import SettleApp
import SettleCore
import SettleStore

struct ApprovalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approvals", abstract: "Escalations waiting for a person's decision.", subcommands: [List.self, Approve.self, Reject.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open approvals with what is at stake.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Flag(help: "Include decided approvals.") var all = false

        func run() async throws {
            let requests = try await global.withSettle { try await $0.approvals(includeDecided: all) }
            let columns = ["id", "invoice", "client", "stage", "status", "balance", "days_overdue", "billed", "paid",
                           "paid_on_time", "avg_days_late", "tenure_days", "open_disputes", "risk", "risk_factors"]
            print(Table(columns: columns, rows: requests.map { request in
                let behaviour = request.behaviour
                func total(_ amounts: [Money]) -> String {
                    amounts.map(\.description).joined(separator: " + ")
                }
                return [String(request.approval.id), request.approval.invoice, request.approval.client, request.approval.stage,
                        request.approval.status, request.balance.description, String(request.daysOverdue),
                        total(behaviour.exposure.map(\.billed)), total(behaviour.exposure.map(\.paid)),
                        BehaviourText.percent(behaviour.sharePaidOnTime), BehaviourText.days(behaviour.averageDaysLate, empty: "-"),
                        String(behaviour.tenureDays), String(request.openDisputes), BehaviourText.risk(request.risk),
                        BehaviourText.factors(request.risk)]
            }).render(output.format), terminator: "")
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve an escalation: a case opens and Settle's own chasing stops.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The approval id.") var id: Int64
        @Option(help: "agency, legal or mediation.") var kind = "agency"
        @Option(help: "Why.") var note = ""

        func run() async throws {
            guard let kind = CaseKind(rawValue: kind) else {
                throw ValidationError("--kind must be one of \(CaseKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let caseID = try await global.withSettle { try await $0.approve(id, kind: kind, note: note) }
            print("approved; case \(caseID) opened (\(kind.rawValue))")
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject an escalation: chasing goes on under the policy.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The approval id.") var id: Int64
        @Option(help: "Why.") var note = ""

        func run() async throws {
            try await global.withSettle { try await $0.reject(id, note: note) }
            print("rejected")
        }
    }
}

struct EscalationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalations", abstract: "Escalation cases.", subcommands: [List.self, Status.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let cases = try await global.withSettle { try await $0.cases() }
            print(Table(columns: ["id", "client", "kind", "status", "opened_on", "invoices"], rows: cases.map {
                [String($0.id), $0.client, $0.kind.rawValue, $0.status.rawValue, $0.openedOn.description, String($0.invoiceIDs.count)]
            }).render(output.format), terminator: "")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a case's status.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var id: Int64
        @Argument(help: "open, with_agency, recovered, partly_recovered or closed.") var status: String

        func run() async throws {
            guard let status = CaseStatus(rawValue: status) else {
                throw ValidationError("status must be one of \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await global.withSettle { try await $0.setCaseStatus(id, status) }
            print("case \(id): \(status.rawValue)")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a case's hand-off pack as a ZIP file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var id: Int64
        @Option(help: "The ZIP file to write.") var out: String

        func run() async throws {
            try await global.withSettle { try await $0.exportCase(id, to: out) }
            print("wrote \(out)")
        }
    }
}
