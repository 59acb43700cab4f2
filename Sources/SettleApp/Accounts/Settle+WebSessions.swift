import Foundation
import SettleCore
import SettleStore

/// A session just opened by signing in: its secret goes into the cookie and nowhere else.
public struct WebSignIn: Sendable {
    public var token: String
    public var session: StoredWebSession
}

/// Why a sign-in was refused. The message never says whether the address exists.
public enum SignInError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongCredentials
    /// Too many failed attempts for this address lately; try again after the window.
    case throttled(minutes: Int)

    public var description: String {
        switch self {
        case .wrongCredentials: return "The email address or the password is not right."
        case .throttled(let minutes): return "Too many failed sign-ins for this address. Try again in \(minutes) minutes."
        }
    }
}

extension Settle {
    /// How long a web session lasts after signing in.
    public static let webSessionHours = 12
    /// Failed sign-ins for one address within `failureWindowMinutes` after which even the right
    /// password is refused until the window has passed.
    public static let failureLimit = 5
    public static let failureWindowMinutes = 15

    /// Checks the address and password (bcrypt) and opens a session; throttled per address.
    public func signIn(email: String, password: String) async throws -> WebSignIn {
        let org = try await organisation()
        let store = WebSessionStore(database.sql, orgID: org.id)
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let now = time.now()
        let windowStart = Self.instantText(now.addingTimeInterval(-Double(Self.failureWindowMinutes * 60)))
        guard try await store.failures(email: address, since: windowStart) < Self.failureLimit else {
            throw SignInError.throttled(minutes: Self.failureWindowMinutes)
        }
        guard let user = try await authenticateUser(email: address, password: password) else {
            try await store.recordFailure(email: address, now: Self.instantText(now))
            throw SignInError.wrongCredentials
        }
        try await store.clearFailures(email: address)
        let token = Self.randomToken()
        let expires = Self.instantText(now.addingTimeInterval(Double(Self.webSessionHours * 3600)))
        try await store.add(userID: user.id, tokenHash: Self.tokenHash(token), csrfToken: Self.randomToken(), now: Self.instantText(now),
                            expiresAt: expires)
        guard let session = try await store.find(tokenHash: Self.tokenHash(token), now: Self.instantText(now)) else {
            throw StoreError.corrupt("the session just opened for \(address) is not there")
        }
        return WebSignIn(token: token, session: session)
    }

    /// The live session a cookie's token opens, or nil (unknown, ended, expired, or its user disabled).
    public func webSession(token: String) async throws -> StoredWebSession? {
        guard Self.isWellFormedToken(token) else { return nil }
        let org = try await organisation()
        return try await WebSessionStore(database.sql, orgID: org.id).find(tokenHash: Self.tokenHash(token), now: timestamp)
    }

    public func signOut(token: String) async throws {
        guard Self.isWellFormedToken(token) else { return }
        let org = try await organisation()
        try await WebSessionStore(database.sql, orgID: org.id).end(tokenHash: Self.tokenHash(token), now: timestamp)
    }

    /// A new random secret (256 bits, base64url): session tokens and form tokens.
    public static func randomToken() -> String { RandomSecret.make() }

    static func tokenHash(_ token: String) -> String { RandomSecret.hash(token) }

    static func isWellFormedToken(_ text: String) -> Bool { RandomSecret.isWellFormed(text[...].utf8) }
}
