import Foundation
import SettleCore
import SettleStore

/// Who presented an API key: its organisation and what it may do there.
public struct APIKeyIdentity: Sendable, Hashable {
    public var orgID: Int64
    /// The organisation's slug.
    public var organisation: String
    public var publicID: String
    public var role: Role
}

extension Settle {
    // MARK: Users

    /// Adds a user who signs in with `email` (kept lower-cased, one user per email in an
    /// organisation) and `password` (at least 12 characters, kept only as a bcrypt hash).
    public func createUser(email: String, role: Role, password: String) async throws -> StoredUser {
        let org = try await organisation()
        let email = try Self.userEmail(email)
        if let problem = PasswordHashing.problem(with: password) { throw InputError(problem) }
        let store = UserStore(database.sql, orgID: org.id)
        guard try await store.find(email: email) == nil else { throw InputError("a user with the email \(email) already exists") }
        let hash = await PasswordHashing.hash(password, cost: passwordCost)
        return try await store.add(email: email, passwordHash: hash, role: role, now: timestamp)
    }

    /// The user whose email and password these are; nil for an unknown email, a wrong password
    /// or a disabled user, alike, and in about the same time.
    public func authenticateUser(email: String, password: String) async throws -> StoredUser? {
        let org = try await organisation()
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = try await UserStore(database.sql, orgID: org.id).credentials(email: email) else {
            _ = await PasswordHashing.verify(password, hash: await PasswordHashing.decoy(cost: passwordCost))
            return nil
        }
        guard await PasswordHashing.verify(password, hash: found.passwordHash), !found.user.isDisabled else { return nil }
        return found.user
    }

    /// The organisation's users, by email, disabled ones too.
    public func users() async throws -> [StoredUser] {
        let org = try await organisation()
        return try await UserStore(database.sql, orgID: org.id).list()
    }

    /// Gives a user another role; the last owner who can sign in stays an owner.
    public func setUserRole(email: String, role: Role) async throws -> StoredUser {
        let (store, user) = try await existingUser(email)
        if user.role == .owner, role != .owner { try await keepAnOwner(store, changing: user) }
        try await store.setRole(role, email: user.email)
        return try await store.find(email: user.email) ?? user
    }

    /// Stops a user from signing in; the last owner who can sign in cannot be disabled.
    public func disableUser(email: String) async throws -> StoredUser {
        let (store, user) = try await existingUser(email)
        guard !user.isDisabled else { throw InputError("the user \(user.email) is already disabled") }
        if user.role == .owner { try await keepAnOwner(store, changing: user) }
        try await store.disable(email: user.email, now: timestamp)
        return try await store.find(email: user.email) ?? user
    }

    private func existingUser(_ email: String) async throws -> (UserStore, StoredUser) {
        let org = try await organisation()
        let store = UserStore(database.sql, orgID: org.id)
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await store.find(email: email) else {
            throw InputError("no user with the email \(email) (see `settle user list`)")
        }
        return (store, user)
    }

    private func keepAnOwner(_ store: UserStore, changing user: StoredUser) async throws {
        if user.isDisabled { return }
        guard try await store.activeOwners() > 1 else {
            throw InputError("\(user.email) is the organisation's last owner; make another user an owner first")
        }
    }

    static func userEmail(_ text: String) throws -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard FieldRules.isEmail(email) else { throw InputError("\"\(text)\" is not an email address") }
        return email
    }

    // MARK: API keys

    /// Makes an API key with `role` for programs that call Settle. The secret is returned here
    /// once and never again: only its SHA-256 is stored.
    public func createAPIKey(role: Role, name: String = "") async throws -> (key: StoredAPIKey, secret: String) {
        let org = try await organisation()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= 100 else { throw InputError("the key's name must be at most 100 characters") }
        let (publicID, secret) = APIKeySecret.generate()
        let key = try await APIKeyStore(database.sql, orgID: org.id)
            .add(publicID: publicID, keyHash: APIKeySecret.hash(secret), role: role, name: name, now: timestamp)
        return (key, secret)
    }

    /// The organisation's API keys, revoked ones too; never their secrets.
    public func apiKeys() async throws -> [StoredAPIKey] {
        let org = try await organisation()
        return try await APIKeyStore(database.sql, orgID: org.id).list()
    }

    /// Revokes a key for good: it opens nothing from now on.
    public func revokeAPIKey(publicID: String) async throws -> StoredAPIKey {
        let org = try await organisation()
        let store = APIKeyStore(database.sql, orgID: org.id)
        guard let key = try await store.find(publicID: publicID) else {
            throw InputError("no API key \(publicID) in this organisation (see `settle apikey list`)")
        }
        if let revoked = key.revokedAt { throw InputError("the API key \(publicID) was already revoked at \(revoked)") }
        try await store.revoke(publicID: publicID, now: timestamp)
        return try await store.find(publicID: publicID) ?? key
    }

    /// The organisation and role of a presented key, found before anything else is known about
    /// the request; nil for anything that is not a current key. `now` is an ISO 8601 instant; the
    /// key's last use is written when it is a minute or more older, so busy keys cost no write
    /// per request.
    public static func authenticate(apiKey secret: String, database: SettleDatabase, now: String) async throws -> APIKeyIdentity? {
        guard APIKeySecret.isWellFormed(secret),
              let key = try await APIKeyStore.find(keyHash: APIKeySecret.hash(secret), in: database.sql) else { return nil }
        if key.lastUsedAt.map({ !Self.sameMinute($0, now) }) ?? true {
            try await APIKeyStore(database.sql, orgID: key.orgID).markUsed(publicID: key.publicID, now: now)
        }
        return APIKeyIdentity(orgID: key.orgID, organisation: key.organisation, publicID: key.publicID, role: key.role)
    }

    /// Whether two instants as Settle writes them (`2024-03-31T12:00:00Z`, UTC) fall in the same
    /// minute: a key's last use is written at most once a minute, without parsing a date per request.
    static func sameMinute(_ earlier: String, _ now: String) -> Bool {
        earlier.count == 20 && now.count == 20 && earlier.prefix(16) == now.prefix(16)
    }
}
