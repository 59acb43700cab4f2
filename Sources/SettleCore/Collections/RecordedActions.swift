#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys of the actions already recorded for one invoice, as the engine asks about them
/// ("was this stage's email recorded?"). Kept packed: one byte string of newline-separated keys
/// per invoice instead of a set of strings, because after a year of cycles over a large book
/// there are millions of keys and the daily cycle loads them all.
public struct RecordedActions: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// "\n" + keys joined by "\n" + "\n", so every key is found with its delimiters.
    private var packed: [UInt8]

    public init() { packed = [] }

    /// Keys separated by newlines, as the store aggregates them (no key contains a newline).
    public init(packed text: String) {
        packed = text.isEmpty ? [] : [10] + Array(text.utf8) + [10]
    }

    public init(_ keys: some Sequence<String>) {
        self.init()
        for key in keys { insert(key) }
    }

    public init(arrayLiteral keys: String...) { self.init(keys) }

    public var isEmpty: Bool { packed.isEmpty }

    public func contains(_ key: String) -> Bool {
        guard !packed.isEmpty else { return false }
        var needle = [UInt8](repeating: 10, count: key.utf8.count + 2)
        _ = needle.withUnsafeMutableBufferPointer { $0.dropFirst().initialize(from: key.utf8) }
        needle[needle.count - 1] = 10
        // Every key starts after a newline: compare at each newline (a handful per invoice).
        return packed.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern in
                guard let base = haystack.baseAddress, let start = pattern.baseAddress else { return false }
                var index = 0
                while index + pattern.count <= haystack.count {
                    if base[index] == 10, memcmp(base + index, start, pattern.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }

    public mutating func insert(_ key: String) {
        guard !contains(key) else { return }
        if packed.isEmpty { packed = [10] }
        packed += key.utf8
        packed.append(10)
    }

    /// The keys, in the order they were recorded or inserted.
    public var keys: [String] {
        packed.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
    }
}
