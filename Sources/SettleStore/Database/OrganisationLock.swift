import SQLKit

/// Serialises an organisation's daily cycle across processes for the rest of a transaction, so
/// what the cycle loaded (the actions already recorded) stays true until it commits.
/// PostgreSQL: a transaction-scoped advisory lock. SQLite: the transaction is `BEGIN IMMEDIATE`,
/// which already holds the only write lock, so nothing more is needed.
public enum OrganisationLock {
    /// The advisory lock space of the daily cycle (the first of the two 32-bit keys).
    static let cycleSpace: Int32 = 0x5E77_1E01

    public static func acquireCycle(_ sql: any SQLDatabase, orgID: Int64) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: cycleSpace), \(bind: Int32(truncatingIfNeeded: orgID)))").run()
    }
}
