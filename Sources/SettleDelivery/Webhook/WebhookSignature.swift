import Crypto
import Foundation
import SettleCore

/// The signature on each webhook request, for Settle to make and receivers to check:
/// `Settle-Signature: v1=<hex HMAC-SHA256 of "<Settle-Timestamp>.<body>">`, keyed
/// with the endpoint's secret. Signing the timestamp with the body lets a receiver
/// refuse an old request replayed by someone who captured it.
public enum WebhookSignature {
    /// The scheme's version prefix in `Settle-Signature`.
    public static let version = "v1"
    /// How far the timestamp may be from the receiver's clock, either way, by default.
    public static let defaultTolerance: Duration = .seconds(300)

    /// The `Settle-Signature` value for `body` sent at `timestamp` (unix seconds).
    public static func header(timestamp: Int64, body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: signedBytes(timestamp: String(timestamp), body: body), using: key(secret))
        return version + "=" + code.lowercaseHex
    }

    /// Checks a request as a receiver should, on the body exactly as received
    /// (before any JSON parsing): the timestamp is within `tolerance` of `now`, and
    /// one of the `v1=` signatures in `signature` (comma-separated, so a sender can
    /// sign with an old and a new secret while they are rotated) matches, compared
    /// in constant time. Throws `WebhookSignatureError` saying what failed.
    public static func verify(
        signature: String, timestamp: String, body: [UInt8], secret: String,
        now: Date, tolerance: Duration = defaultTolerance
    ) throws {
        guard let seconds = Int64(timestamp.trimmingCharacters(in: .whitespaces)) else {
            throw WebhookSignatureError.malformedTimestamp
        }
        let skew = abs(now.timeIntervalSince1970 - Double(seconds))
        guard skew <= Double(tolerance.components.seconds) else {
            throw WebhookSignatureError.timestampOutsideTolerance(secondsOff: Int(skew.rounded()))
        }
        let codes = signature.split(separator: ",").compactMap { part -> [UInt8]? in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(version + "=") else { return nil }
            return bytes(fromHex: trimmed.dropFirst(version.count + 1))
        }
        guard !codes.isEmpty else { throw WebhookSignatureError.malformedSignature }
        let signed = signedBytes(timestamp: String(seconds), body: body)
        let key = key(secret)
        // isValidAuthenticationCode compares in constant time.
        guard codes.contains(where: { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: key) }) else {
            throw WebhookSignatureError.mismatch
        }
    }

    /// `<timestamp>.<body>`, the bytes that are signed.
    private static func signedBytes(timestamp: String, body: [UInt8]) -> [UInt8] {
        Array(timestamp.utf8) + [UInt8(ascii: ".")] + body
    }

    private static func key(_ secret: String) -> SymmetricKey { SymmetricKey(data: Array(secret.utf8)) }

    /// The bytes of an even-length hex string (either case), or nil.
    private static func bytes(fromHex hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard !digits.isEmpty, digits.count.isMultiple(of: 2) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Why a webhook request's signature was refused.
public enum WebhookSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `Settle-Timestamp` is missing or not a whole number of unix seconds.
    case malformedTimestamp
    /// The timestamp is too far from the receiver's clock: a replay, or a clock that is off.
    case timestampOutsideTolerance(secondsOff: Int)
    /// `Settle-Signature` holds no `v1=<hex>` signature.
    case malformedSignature
    /// No signature matches: another secret, or the body was changed on the way.
    case mismatch

    /// What failed and what to check.
    public var description: String {
        switch self {
        case .malformedTimestamp: return "Settle-Timestamp is missing or not unix seconds"
        case .timestampOutsideTolerance(let seconds):
            return "Settle-Timestamp is \(seconds) seconds from this clock, beyond the tolerance: a replayed request, or a clock to set right"
        case .malformedSignature: return "Settle-Signature holds no v1=<hex> signature"
        case .mismatch:
            return "Settle-Signature does not match: check the endpoint secret, and verify the body exactly as received, before parsing it"
        }
    }
}
