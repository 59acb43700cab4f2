/// A value that must stay secret, such as a signing key. It prints as `(set)` in every form
/// (`description`, `debugDescription`, `dump`), so it cannot reach a log or a screen by accident.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself: hand it only to what signs or verifies.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// Always `(set)`.
    public var description: String { "(set)" }
    public var debugDescription: String { "(set)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
