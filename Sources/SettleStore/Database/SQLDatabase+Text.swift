import SQLKit

extension SQLDatabase {
    /// Rows of a query written as text. Only for values Settle formats itself (days, ids, codes it chose):
    /// what a person typed goes through binds.
    func rows(ofQuery text: String) async throws -> [any SQLRow] {
        try await raw(SQLQueryString(text)).all()
    }
}
