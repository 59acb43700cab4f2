import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// Users and API keys on both engines: who gets in, to which organisation, with which role,
/// and that nothing secret is ever stored in clear.
@Suite struct AccountsTests {
    static let password = "correct horse battery"

    /// The same Settle with the lowest bcrypt cost, so that hashing takes milliseconds.
    func fast(_ settle: Settle, organisation: String? = nil) -> Settle {
        Settle(database: settle.database, organisation: organisation ?? settle.organisationSlug, time: settle.time, passwordCost: 4)
    }

    func refusal(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "no error"
        } catch {
            return "\(error is InputError ? "" : "not an InputError: ")\(error)"
        }
    }

    /// Every text value of every row of a table, to look for secrets in.
    func texts(of table: String, in settle: Settle) async throws -> [String] {
        try await settle.database.sql.raw(SQLQueryString("SELECT * FROM \(unsafeRaw: table)")).all().flatMap { row in
            row.allColumns.compactMap { try? row.decode(column: $0, as: String?.self) }
        }
    }

    /// The SHA-256 of `text` in hex, worked out by coreutils rather than by Settle.
    func sha256(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test(arguments: TestEngine.available)
    func usersSignInWithTheirPasswordOnly(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let settle = fast(settle)
            let anna = try await settle.createUser(email: " Anna@Example.COM ", role: .admin, password: Self.password)
            #expect(anna.email == "anna@example.com" && anna.role == .admin && !anna.isDisabled)
            #expect(try await settle.authenticateUser(email: "anna@example.com", password: Self.password) == anna)
            #expect(try await settle.authenticateUser(email: "ANNA@example.com", password: Self.password) == anna)
            #expect(try await settle.authenticateUser(email: "anna@example.com", password: Self.password + " ") == nil)
            #expect(try await settle.authenticateUser(email: "anna@example.com", password: "Correct horse battery") == nil)
            #expect(try await settle.authenticateUser(email: "bob@example.com", password: Self.password) == nil)
            // bcrypt reads 72 bytes; a longer password sharing them must not pass.
            let long = String(repeating: "ab", count: 36)
            _ = try await settle.createUser(email: "long@example.com", role: .viewer, password: long)
            #expect(try await settle.authenticateUser(email: "long@example.com", password: long + "x") == nil)
            #expect(try await settle.authenticateUser(email: "long@example.com", password: long) != nil)

            #expect(await refusal { _ = try await settle.createUser(email: "ANNA@example.com", role: .viewer, password: Self.password) }
                    == "a user with the email anna@example.com already exists")
            #expect(await refusal { _ = try await settle.createUser(email: "anna", role: .viewer, password: Self.password) }
                    == "\"anna\" is not an email address")
            #expect(await refusal { _ = try await settle.createUser(email: "c@example.com", role: .viewer, password: "short pass") }
                    == "the password must be at least 12 characters long (it has 10)")
            #expect(await refusal { _ = try await settle.createUser(email: "c@example.com", role: .viewer, password: "xxxxxxxxxxxxxxxx") }
                    == "the password is one character repeated; choose a real one")
            #expect(await refusal { _ = try await settle.createUser(email: "c@example.com", role: .viewer, password: long + "x") }
                    == "the password must be at most 72 bytes long (bcrypt ignores the rest); it has 73")

            let disabled = try await settle.disableUser(email: "Anna@example.com")
            #expect(disabled.isDisabled)
            #expect(try await settle.authenticateUser(email: "anna@example.com", password: Self.password) == nil)
            #expect(await refusal { _ = try await settle.disableUser(email: "anna@example.com") }
                    == "the user anna@example.com is already disabled")
            #expect(try await settle.users().map(\.email) == ["anna@example.com", "long@example.com"])

            let hashes = try await settle.database.sql.select().column("password_hash").from("users").all()
                .map { try $0.decode(column: "password_hash", as: String.self) }
            #expect(hashes.count == 2 && hashes.allSatisfy { $0.hasPrefix("$2b$04$") && $0.count == 60 })
            let stored = try await texts(of: "users", in: settle).joined(separator: "\n")
            #expect(!stored.contains(Self.password) && !stored.contains(long))
        }
    }

    @Test(arguments: TestEngine.available)
    func anOrganisationKeepsAnOwner(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let settle = fast(settle)
            _ = try await settle.createUser(email: "owner@example.com", role: .owner, password: Self.password)
            let lastOwner = "owner@example.com is the organisation's last owner; make another user an owner first"
            #expect(await refusal { _ = try await settle.setUserRole(email: "owner@example.com", role: .admin) } == lastOwner)
            #expect(await refusal { _ = try await settle.disableUser(email: "owner@example.com") } == lastOwner)
            _ = try await settle.createUser(email: "second@example.com", role: .collector, password: Self.password)
            #expect(try await settle.setUserRole(email: "second@example.com", role: .owner).role == .owner)
            #expect(try await settle.setUserRole(email: "owner@example.com", role: .viewer).role == .viewer)
            #expect(await refusal { _ = try await settle.setUserRole(email: "nobody@example.com", role: .viewer) }
                    == "no user with the email nobody@example.com (see `settle user list`)")
        }
    }

    @Test(arguments: TestEngine.available)
    func keysOpenTheirOwnOrganisationWithTheirRole(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let acme = try await settle.createOrganisation(Organisation(
                slug: "acme", name: "Acme", currency: .EUR, timeZone: "Europe/Berlin", country: "DE"))
            let other = fast(settle, organisation: "acme")
            let home = try await settle.organisation()
            let now = settle.timestamp

            let (key, secret) = try await settle.createAPIKey(role: .collector, name: " accounting sync ")
            #expect(key.name == "accounting sync" && key.role == .collector && !key.isRevoked && key.lastUsedAt == nil)
            #expect(key.publicID.count == 20 && key.publicID.hasPrefix("key_")
                    && key.publicID.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(secret.hasPrefix("settle_") && secret.count == 50)
            let (otherKey, otherSecret) = try await other.createAPIKey(role: .owner)
            #expect(otherSecret != secret && otherKey.publicID != key.publicID)

            let identity = try #require(try await Settle.authenticate(apiKey: secret, database: settle.database, now: now))
            #expect(identity.orgID == home.id && identity.organisation == "default" && identity.publicID == key.publicID
                    && identity.role == .collector)
            let otherIdentity = try #require(try await Settle.authenticate(apiKey: otherSecret, database: settle.database, now: now))
            #expect(otherIdentity.orgID == acme.id && otherIdentity.organisation == "acme" && otherIdentity.publicID == otherKey.publicID
                    && otherIdentity.role == .owner)

            // Each organisation sees and revokes only its own keys.
            #expect(try await settle.apiKeys().map(\.publicID) == [key.publicID])
            #expect(try await other.apiKeys().map(\.publicID) == [otherKey.publicID])
            #expect(await refusal { _ = try await other.revokeAPIKey(publicID: key.publicID) }
                    == "no API key \(key.publicID) in this organisation (see `settle apikey list`)")
            #expect(try await Settle.authenticate(apiKey: secret, database: settle.database, now: now) != nil)

            for wrong in ["", "settle_", String(secret.dropLast()) + (secret.hasSuffix("A") ? "B" : "A"), secret + "A",
                          "Bearer " + secret, key.publicID] {
                #expect(try await Settle.authenticate(apiKey: wrong, database: settle.database, now: now) == nil, "\(wrong)")
            }

            let revoked = try await settle.revokeAPIKey(publicID: key.publicID)
            #expect(revoked.revokedAt == now)
            #expect(try await Settle.authenticate(apiKey: secret, database: settle.database, now: now) == nil)
            #expect(await refusal { _ = try await settle.revokeAPIKey(publicID: key.publicID) }
                    == "the API key \(key.publicID) was already revoked at \(now)")
            #expect(try await settle.apiKeys().map(\.isRevoked) == [true])
            #expect(try await Settle.authenticate(apiKey: otherSecret, database: settle.database, now: now)?.organisation == "acme")

            let stored = try await texts(of: "api_keys", in: settle)
            #expect(!stored.contains { $0.contains(secret) || $0.contains(otherSecret) || $0.contains(secret.dropFirst(7)) })
            let hashes = try await settle.database.sql.select().column("key_hash").from("api_keys").orderBy("id").all()
                .map { try $0.decode(column: "key_hash", as: String.self) }
            #expect(hashes == [try sha256(secret), try sha256(otherSecret)])
        }
    }

    @Test(arguments: TestEngine.available)
    func lastUseIsWrittenAtMostOnceAMinute(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            let (key, secret) = try await settle.createAPIKey(role: .viewer)
            func lastUsed() async throws -> String? { try await settle.apiKeys().first { $0.id == key.id }?.lastUsedAt }
            for (now, expected) in [("2024-03-31T12:00:00Z", "2024-03-31T12:00:00Z"), ("2024-03-31T12:00:59Z", "2024-03-31T12:00:00Z"),
                                    ("2024-03-31T12:01:00Z", "2024-03-31T12:01:00Z"), ("2024-03-31T12:01:30Z", "2024-03-31T12:01:00Z")] {
                #expect(try await Settle.authenticate(apiKey: secret, database: settle.database, now: now)?.role == .viewer)
                #expect(try await lastUsed() == expected, "at \(now)")
            }
        }
    }
}
