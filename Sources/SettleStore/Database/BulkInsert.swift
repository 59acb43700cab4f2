import SQLiteKit
import SQLKit

/// One value of a bulk-inserted row: the only kinds of values Settle's tables hold.
public enum SQLCell: Sendable, Encodable, SQLiteDataConvertible {
    case text(String)
    case integer(Int64)
    case null

    public init(_ text: String?) { self = text.map(SQLCell.text) ?? .null }
    public init(_ number: Int64?) { self = number.map(SQLCell.integer) ?? .null }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .null: try container.encodeNil()
        }
    }

    public init?(sqliteData: SQLiteData) { return nil }

    public var sqliteData: SQLiteData? {
        switch self {
        case .text(let text): .text(text)
        case .integer(let number): .integer(Int(number))
        case .null: .null
        }
    }

    /// The field in PostgreSQL's COPY text format (nil is NULL).
    var copyField: String? {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .null: nil
        }
    }
}

extension SQLDatabase {
    /// Inserts many rows at once, the engine's fastest way: COPY on a PostgreSQL session (straight
    /// into the table: a duplicate key fails the whole transaction, so callers pass only new rows),
    /// otherwise multi-row INSERT statements. Used by the daily cycle, which writes millions of
    /// rows on its first run over a large book.
    func insertRows(into table: String, columns: [String], rows: [[SQLCell]]) async throws {
        guard !rows.isEmpty else { return }
        if let copier = self as? any BulkCopying, rows.count >= 1000 {
            return try await copier.copy(into: table, columns: columns, rows: rows.map { $0.map(\.copyField) })
        }
        // Within SQLite's default limit of 32,766 bound values per statement.
        let perStatement = max(1, 30_000 / columns.count)
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + perStatement, rows.endIndex)
            try await execute(sql: MultiRowInsert(table: table, columns: columns, rows: rows[start..<end])) { _ in }
            start = end
        }
    }
}

/// `INSERT INTO table (columns) VALUES (...), (...)` bound row by row, without building an
/// expression per value.
private struct MultiRowInsert: SQLExpression {
    let table: String
    let columns: [String]
    let rows: ArraySlice<[SQLCell]>

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("INSERT INTO ")
        SQLIdentifier(table).serialize(to: &serializer)
        serializer.write(" (")
        for (index, column) in columns.enumerated() {
            if index > 0 { serializer.write(", ") }
            SQLIdentifier(column).serialize(to: &serializer)
        }
        serializer.write(") VALUES ")
        for (rowIndex, row) in rows.enumerated() {
            serializer.write(rowIndex == 0 ? "(" : ", (")
            for (index, cell) in row.enumerated() {
                if index > 0 { serializer.write(", ") }
                serializer.write(bind: cell)
            }
            serializer.write(")")
        }
    }
}
