import Dispatch
import Foundation
import HummingbirdBcrypt
import Synchronization

/// How users' passwords are checked and kept: bcrypt, never in clear.
public enum PasswordHashing {
    /// The bcrypt cost of new hashes: 2^12 rounds, about a quarter of a second per hash.
    public static let defaultCost = 12
    /// The costs bcrypt accepts.
    public static let costs = 4...31
    /// bcrypt reads no further than this many bytes of a password.
    static let maximumBytes = 72
    static let minimumLength = 12

    /// The cost from `SETTLE_BCRYPT_COST`, else the default. For tests only: a low cost makes
    /// hashes fast to make and fast to guess.
    public static func cost(environment: [String: String]) throws -> Int {
        guard let text = environment["SETTLE_BCRYPT_COST"], !text.isEmpty else { return defaultCost }
        guard let cost = Int(text), costs.contains(cost) else {
            throw InputError("SETTLE_BCRYPT_COST must be a whole number from 4 to 31 (it is for tests; leave it unset otherwise)")
        }
        return cost
    }

    /// What is wrong with a new password, or nil when it will do.
    static func problem(with password: String) -> String? {
        if password.count < minimumLength {
            return "the password must be at least \(minimumLength) characters long (it has \(password.count))"
        }
        if Set(password).count == 1 { return "the password is one character repeated; choose a real one" }
        if password.utf8.count > maximumBytes {
            return "the password must be at most \(maximumBytes) bytes long (bcrypt ignores the rest); it has \(password.utf8.count)"
        }
        if password.contains("\0") { return "the password holds a NUL character" }
        return nil
    }

    /// A new bcrypt hash of `password` with a fresh salt.
    static func hash(_ password: String, cost: Int) async -> String {
        await offThread { Bcrypt.hash(password, cost: UInt8(cost)) }
    }

    /// Whether `password` is the one `hash` was made from. A password bcrypt would cut short
    /// never matches: with one, a longer password sharing its first 72 bytes would too.
    static func verify(_ password: String, hash: String) async -> Bool {
        guard password.utf8.count <= maximumBytes, !password.contains("\0") else { return false }
        return await offThread { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of nothing anyone knows, at `cost`: checking a password against it when the email
    /// is unknown takes as long as checking a real one, so the time taken does not say which
    /// emails have users.
    static func decoy(cost: Int) async -> String {
        if let hash = decoys.withLock({ $0[cost] }) { return hash }
        let hash = await Self.hash(UUID().uuidString + UUID().uuidString, cost: cost)
        decoys.withLock { $0[cost] = hash }
        return hash
    }

    private static let decoys = Mutex<[Int: String]>([:])

    /// bcrypt is slow on purpose; it runs on a dispatch thread, not one of the few that run tasks.
    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

