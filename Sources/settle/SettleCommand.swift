import ArgumentParser
import Foundation
import SettleApp
import SettleCore
import SettleStore

@main
struct SettleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract: "Settle collects what your clients owe you, with tact.",
        subcommands: [
            MigrateCommand.self, OrgCommand.self, ImportCommand.self, ClientsCommand.self, InvoicesCommand.self,
            PaymentsCommand.self, CreditNotesCommand.self, CreditCommand.self, ReportCommand.self,
            ReferenceCommand.self, DemoCommand.self, InterestCommand.self, RatesCommand.self, FXCommand.self, ExportCommand.self,
            PolicyCommand.self, CollectCommand.self, SimulateCommand.self, ExplainCommand.self, PromiseCommand.self,
            DisputeCommand.self, HardshipCommand.self, NoteCommand.self, ContactCommand.self, TasksCommand.self,
            ApprovalsCommand.self, EscalationsCommand.self, PlanCommand.self,
            TemplateCommand.self,
            TimelineCommand.self, DeliverCommand.self, OutboxCommand.self, LettersCommand.self, DocumentsCommand.self, BankCommand.self,
            ReconcileCommand.self, ServeCommand.self, WorkerCommand.self, UserCommand.self, APIKeyCommand.self, ConfigCommand.self,
            BenchBaselineCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    /// Exit codes: 0 ok, 1 invalid input or data, 2 usage, 3 internal error.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // Help and version requests exit 0; every parse problem is a usage error (2, not the parser's 64).
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            printError(fullMessage(for: error))
            printError("(see settle help)")
            Foundation.exit(2)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as ValidationError {
            printError("settle: \(error.message)")
            Foundation.exit(2)
        } catch let error as SettingsError {
            for problem in error.problems { printError(problem.description) }
            Foundation.exit(1)
        } catch let error as ImportRejected {
            printError(error.description)
            printError("nothing was written")
            Foundation.exit(1)
        } catch let error as CommandFailure {
            printError("settle: \(error.message)")
            Foundation.exit(error.code)
        } catch let error where isUserError(error) {
            printError("settle: \(error)")
            Foundation.exit(1)
        } catch {
            // A command without its own `run` (such as `settle` or `settle import --help`) asks for help here.
            switch exitCode(for: error) {
            case .success:
                print(fullMessage(for: error))
                Foundation.exit(0)
            case .validationFailure:
                printError(fullMessage(for: error))
                Foundation.exit(2)
            default:
                printError("settle: internal error: \(error)")
                Foundation.exit(3)
            }
        }
    }

    private static func isUserError(_ error: any Error) -> Bool {
        switch error {
        case is InputError, is StoreError, is MoneyError, is DayError, is TermsError, is InvoiceError,
             is ReferenceError, is AllocationError, is FileProblem, is PlanError, is InterestError,
             is TemplateError, is TemplateRejected, is BankDetailsError, is ExchangeRateError:
            return true
        default:
            return false
        }
    }
}

/// A failure with a chosen exit code and message (for commands such as `reference check`).
struct CommandFailure: Error {
    var message: String
    var code: Int32
}
