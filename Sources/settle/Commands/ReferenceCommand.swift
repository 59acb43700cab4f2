import ArgumentParser
import SettleCore

struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference", abstract: "ISO 11649 RF creditor references.", subcommands: [RF.self, Check.self])

    struct RF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rf", abstract: "Print the RF reference for a base.")
        @Argument(help: "1 to 21 letters or digits.") var base: String

        func run() async throws {
            print(try CreditorReference(base: base).value)
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exit 0 when an RF reference is valid, 1 when not.")
        @Argument(help: "The reference, with or without spaces.") var reference: String

        func run() async throws {
            do {
                let valid = try CreditorReference(validating: reference)
                print("\(valid.value) is valid")
            } catch {
                throw CommandFailure(message: error.description, code: 1)
            }
        }
    }
}
