import ArgumentParser
import Foundation
import SettleApp
import SettleCore
import SettleStore

extension Role: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "The people who sign in to the organisation, each with a role.",
        discussion: """
            Roles: viewer (reads), collector (also works the worklist), admin (also runs collections: policies, \
            templates, settings, bank accounts, imports, approvals), owner (also users and API keys). See docs/accounts.md.
            """,
        subcommands: [Create.self, List.self, Role.self, Disable.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from standard input (one line), never from the command line.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email address, which they sign in with.") var email: String
        @Option(help: "owner, admin, collector or viewer.") var role: SettleCore.Role
        @Flag(name: .customLong("password-stdin"), help: "Read the password (at least 12 characters) from the first line of standard input.")
        var passwordStdin = false
        @Option(help: .hidden) var password: String?

        func run() async throws {
            guard password == nil else {
                throw ValidationError("a password on the command line is seen by other users and kept in shell history; "
                                      + "pipe it in with --password-stdin")
            }
            guard passwordStdin else { throw ValidationError("give the password on standard input with --password-stdin") }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input holds no password")
            }
            let user = try await global.withSettle { try await $0.createUser(email: email, role: role, password: line) }
            print("user \(user.email): \(user.role.rawValue)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organisation's users, disabled ones too.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let users = try await global.withSettle { try await $0.users() }
            print(Table(columns: ["email", "role", "created", "disabled"], rows: users.map {
                [$0.email, $0.role.rawValue, $0.createdAt, $0.disabledAt ?? ""]
            }).render(output.format), terminator: "")
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a user another role.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email address.") var email: String
        @Argument(help: "owner, admin, collector or viewer.") var role: SettleCore.Role

        func run() async throws {
            let user = try await global.withSettle { try await $0.setUserRole(email: email, role: role) }
            print("user \(user.email): \(user.role.rawValue)")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a user from signing in.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's email address.") var email: String

        func run() async throws {
            let user = try await global.withSettle { try await $0.disableUser(email: email) }
            print("user \(user.email): disabled")
        }
    }
}

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Keys that programs call the API with, each with a role; only their hashes are stored.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a key and print it, once: it cannot be shown again (with --format json: {\"id\", \"key\"}).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "owner, admin, collector or viewer.") var role: SettleCore.Role
        @Option(help: "What the key is for, for people (such as \"accounting sync\").") var name: String = ""

        func run() async throws {
            let (key, secret) = try await global.withSettle { try await $0.createAPIKey(role: role, name: name) }
            printError("settle: this is the only time the key is shown; keep it somewhere safe (revoke it with `settle apikey revoke \(key.publicID)`)")
            if output.format == .json {
                print(JSONOutput.string(["id": key.publicID, "key": secret]), terminator: "")
            } else {
                print(Table(columns: ["id", "role", "name", "key"], rows: [[key.publicID, key.role.rawValue, key.name, secret]])
                    .render(output.format), terminator: "")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organisation's API keys, revoked ones too (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let keys = try await global.withSettle { try await $0.apiKeys() }
            print(Table(columns: ["id", "role", "name", "created", "last_used", "revoked"], rows: keys.map {
                [$0.publicID, $0.role.rawValue, $0.name, $0.createdAt, $0.lastUsedAt ?? "", $0.revokedAt ?? ""]
            }).render(output.format), terminator: "")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key for good.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The key's id, key_... (see `settle apikey list`).") var id: String

        func run() async throws {
            let key = try await global.withSettle { try await $0.revokeAPIKey(publicID: id) }
            print("API key \(key.publicID): revoked")
        }
    }
}
