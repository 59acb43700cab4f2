/// Where Settle keeps its data: an embedded SQLite file (the default) or a PostgreSQL server.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// `sqlite:PATH` (relative to the working folder) or `sqlite::memory:`.
    case sqlite(path: String)
    case sqliteMemory
    /// `postgres://user:pass@host:port/db` (also `postgresql://`).
    case postgres(url: String)

    public static let defaultValue = DatabaseURL.sqlite(path: "settle.db")

    public init(parsing text: String) throws(StoreError) {
        if text == "sqlite::memory:" {
            self = .sqliteMemory
        } else if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw .invalidDatabaseURL(text) }
            self = .sqlite(path: path)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .invalidDatabaseURL(text) }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            throw .invalidDatabaseURL(text)
        }
    }

    /// The URL with any password replaced, safe for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url): return DatabaseURL.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@") else {
            return url
        }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
