import Foundation
import SettleApp
import SettleCore
import SettleStore
import SQLKit
import Testing

/// `settle user` and `settle apikey` as an operator runs them: passwords only from standard
/// input, a key shown once, and never again.
@Suite(.serialized) struct AccountCommandLineTests {
    let cli = CommandLineTests()
    /// Hashing at the lowest cost keeps these runs fast.
    let fast = ["SETTLE_BCRYPT_COST": "4"]

    func settle(_ arguments: [String], in folder: URL, input: String? = nil) throws -> CommandLineTests.Run {
        try cli.settle(arguments, in: folder, input: input, environment: fast)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func usersTakeTheirPasswordFromStandardInput() async throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try settle(["migrate"], in: folder).status == 0)

        let created = try settle(["user", "create", "Owner@Example.com", "--role", "owner", "--password-stdin"], in: folder,
                                 input: "a long enough secret\n")
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output == "user owner@example.com: owner\n")

        let onCommandLine = try settle(["user", "create", "b@example.com", "--role", "viewer", "--password", "a long enough secret"],
                                       in: folder)
        #expect(onCommandLine.status == 2)
        #expect(onCommandLine.errors.contains("a password on the command line is seen by other users"))
        let withoutFlag = try settle(["user", "create", "b@example.com", "--role", "viewer"], in: folder, input: "a long enough secret\n")
        #expect(withoutFlag.status == 2 && withoutFlag.errors.contains("--password-stdin"))
        let empty = try settle(["user", "create", "b@example.com", "--role", "viewer", "--password-stdin"], in: folder, input: "")
        #expect(empty.status == 2 && empty.errors.contains("standard input holds no password"))
        let short = try settle(["user", "create", "b@example.com", "--role", "viewer", "--password-stdin"], in: folder, input: "short\n")
        #expect(short.status == 1)
        #expect(short.errors == "settle: the password must be at least 12 characters long (it has 5)\n")
        let badRole = try settle(["user", "create", "b@example.com", "--role", "boss", "--password-stdin"], in: folder,
                                 input: "a long enough secret\n")
        #expect(badRole.status == 2 && badRole.errors.contains("owner"))

        let listed = try settle(["user", "list", "--format", "csv"], in: folder)
        let rows = listed.output.split(separator: "\n")
        #expect(rows.first == "email,role,created,disabled" && rows.count == 2 && rows[1].hasPrefix("owner@example.com,owner,"))

        // The password given on standard input is the one that signs in.
        let database = try await SettleDatabase.open(.sqlite(path: folder.appendingPathComponent("settle.db").path))
        let app = Settle(database: database, organisation: "default", time: SystemTime(), passwordCost: 4)
        let signedIn = try await app.authenticateUser(email: "owner@example.com", password: "a long enough secret")
        let wrong = try await app.authenticateUser(email: "owner@example.com", password: "a long enough secret\n")
        await app.close()
        #expect(signedIn?.role == .owner && wrong == nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path)))
    func aKeyIsShownOnceAndRevokedByItsID() async throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try settle(["migrate"], in: folder).status == 0)

        let created = try settle(["apikey", "create", "--role", "admin", "--name", "nightly import", "--format", "json"], in: folder)
        #expect(created.status == 0, "\(created.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: String])
        #expect(Set(json.keys) == ["id", "key"])
        let id = try #require(json["id"]), secret = try #require(json["key"])
        #expect(id.hasPrefix("key_") && id.count == 20 && secret.hasPrefix("settle_") && secret.count == 50)
        #expect(created.errors.contains("this is the only time the key is shown"))
        #expect(!created.errors.contains(secret))

        let plain = try settle(["apikey", "create", "--role", "viewer"], in: folder)
        #expect(plain.status == 0)
        let plainRow = try #require(plain.output.split(separator: "\n").last).split(separator: " ", omittingEmptySubsequences: true)
        #expect(plainRow.count == 3 && plainRow[1] == "viewer" && plainRow[2].hasPrefix("settle_"))

        let listed = try settle(["apikey", "list", "--format", "json"], in: folder)
        #expect(!listed.output.contains(secret) && !listed.output.contains(String(plainRow[2])) && !listed.output.contains("hash"))
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: String]])
        #expect(keys.map { $0["id"] } == [id, String(plainRow[0])])
        #expect(keys.first?["name"] == "nightly import" && keys.first?["role"] == "admin" && keys.first?["revoked"] == "")

        let database = try await SettleDatabase.open(.sqlite(path: folder.appendingPathComponent("settle.db").path))
        let before = try await Settle.authenticate(apiKey: secret, database: database, now: "2024-03-31T12:00:00Z")
        #expect(before?.role == .admin && before?.organisation == "default")

        let revoked = try settle(["apikey", "revoke", id], in: folder)
        #expect(revoked.status == 0 && revoked.output == "API key \(id): revoked\n")
        let again = try settle(["apikey", "revoke", id], in: folder)
        #expect(again.status == 1 && again.errors.contains("already revoked"))
        #expect(try settle(["apikey", "revoke", "key_0000000000000000"], in: folder).errors
                == "settle: no API key key_0000000000000000 in this organisation (see `settle apikey list`)\n")
        let after = try await Settle.authenticate(apiKey: secret, database: database, now: "2024-03-31T12:00:00Z")
        await database.close()
        #expect(after == nil)
        let listedAgain = try settle(["apikey", "list", "--format", "json"], in: folder)
        let revokedRow = try #require((try JSONSerialization.jsonObject(with: Data(listedAgain.output.utf8)) as? [[String: String]])?.first)
        #expect(revokedRow["revoked"]?.isEmpty == false)
    }
}
