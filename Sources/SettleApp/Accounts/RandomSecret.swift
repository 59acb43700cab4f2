import Crypto
import Foundation
import SettleCore

/// 256-bit random secrets in base64url without padding (API keys, web sessions, form tokens), and
/// their SHA-256 — what the store keeps.
enum RandomSecret {
    /// 32 bytes in base64url without padding.
    static let encodedLength = 43

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return ClientLinkSigner.base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// The SHA-256 in lower-case hex.
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).lowercaseHex
    }

    /// Whether `encoded` has the shape of a secret; anything else is refused without asking the database.
    static func isWellFormed(_ encoded: Substring.UTF8View) -> Bool {
        encoded.count == encodedLength && encoded.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}
