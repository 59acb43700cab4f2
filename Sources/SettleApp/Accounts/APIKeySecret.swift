import Foundation
import SettleCore

/// The secrets of API keys: made from 32 random bytes, shown once, kept only as their SHA-256.
///
/// A plain hash is enough here, unlike for passwords: a key is 256 random bits, not something a
/// person chose, so there is nothing to guess from its hash; and a fast hash lets every request
/// find its key with one indexed lookup.
enum APIKeySecret {
    static let prefix = "settle_"

    /// A new key: the public id it is listed and revoked by, and the secret that opens it.
    static func generate() -> (publicID: String, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let id = String(format: "%016llx", generator.next() as UInt64)
        return ("key_" + id, prefix + RandomSecret.make())
    }

    /// The SHA-256 of the whole secret, in lower-case hex: what the store keeps.
    static func hash(_ secret: String) -> String {
        RandomSecret.hash(secret)
    }

    /// Whether `text` has the shape of a key; anything else is refused without asking the database.
    static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        return RandomSecret.isWellFormed(text.dropFirst(prefix.count).utf8)
    }
}
