import Crypto

/// A value that must stay secret, such as a signing key. It prints as `(set)` in every form
/// (`description`, `debugDescription`, `dump`), so it cannot reach a log or a screen by accident.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself: hand it only to what signs or verifies.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// Whether `candidate` is the secret, compared in constant time (digests of both, so neither
    /// the length nor the first differing character shows in the time taken).
    public func matches(_ candidate: String) -> Bool {
        SHA256.hash(data: Array(candidate.utf8)) == SHA256.hash(data: Array(value.utf8))
    }

    /// Always `(set)`.
    public var description: String { "(set)" }
    public var debugDescription: String { "(set)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
