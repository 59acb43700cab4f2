/// Everything wrong with an imported file; nothing was written.
public struct ImportRejected: Error, Sendable, CustomStringConvertible {
    public var problems: [FileProblem]

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    public var file: String
    public var kind: String
    public var rows: Int
    public var dryRun: Bool

    public var description: String {
        dryRun ? "\(file): \(rows) \(kind) valid; nothing written (dry run)" : "\(file): imported \(rows) \(kind)"
    }
}
