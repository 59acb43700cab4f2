import Crypto
import Foundation
import SettleCore

/// The secrets of API keys: made from 32 random bytes, shown once, kept only as their SHA-256.
///
/// A plain hash is enough here, unlike for passwords: a key is 256 random bits, not something a
/// person chose, so there is nothing to guess from its hash; and a fast hash lets every request
/// find its key with one indexed lookup.
enum APIKeySecret {
    static let prefix = "settle_"
    /// 32 bytes in base64url without padding.
    static let encodedLength = 43

    /// A new key: the public id it is listed and revoked by, and the secret that opens it.
    static func generate() -> (publicID: String, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let id = String(format: "%016llx", generator.next() as UInt64)
        let secret = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return ("key_" + id, prefix + ClientLinkSigner.base64URL(secret))
    }

    /// The SHA-256 of the whole secret, in lower-case hex: what the store keeps.
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).lowercaseHex
    }

    /// Whether `text` has the shape of a key; anything else is refused without asking the database.
    static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let encoded = text.utf8.dropFirst(prefix.utf8.count)
        return encoded.count == encodedLength && encoded.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}
