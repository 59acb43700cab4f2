import Foundation
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

@Suite struct MigrationTests {
    /// A fresh database per test, opened and closed around `body`.
    func withDatabase(_ engine: TestEngine, _ body: (SettleDatabase) async throws -> Void) async throws {
        try await withEmptyDatabase(engine) { url in
            let database = try await SettleDatabase.open(url)
            do { try await body(database) } catch { await database.close(); throw error }
            await database.close()
        }
    }

    @Test(arguments: TestEngine.available)
    func migratesOnceAndRecordsEachVersion(engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let migrator = Migrator(database: database)
            await #expect(throws: StoreError.notMigrated) { try await migrator.requireCurrent() }
            // Versions are reserved by parallel pieces of work, so they may land out of order: check
            // that all of them are applied, in version order, rather than that they are contiguous.
            let applied = try await migrator.migrate(now: "2024-01-01T00:00:00Z")
            #expect(applied.first == 1 && applied.last == Migrator.latestVersion && applied == applied.sorted())
            #expect(try await migrator.migrate(now: "2024-01-02T00:00:00Z") == [])
            try await migrator.requireCurrent()
            let rows = try await database.sql.select().column("version").from("schema_migrations").all()
            #expect(try rows.map { try $0.decode(column: "version", as: Int.self) }.sorted() == applied)
            if engine == .sqlite {
                let mode = try await database.sql.raw("PRAGMA journal_mode").first()
                #expect(try mode?.decode(column: "journal_mode", as: String.self) == "wal")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func refusesASchemaNewerThanItKnows(engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let migrator = Migrator(database: database)
            try await migrator.migrate(now: "2024-01-01T00:00:00Z")
            try await database.sql.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run()
            await #expect(throws: StoreError.newerSchema(found: 99, known: Migrator.latestVersion)) {
                try await migrator.requireCurrent()
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func namesTheMigrationsAnOlderSchemaLacks(engine: TestEngine) async throws {
        try await withDatabase(engine) { database in
            let migrator = Migrator(database: database)
            try await migrator.migrate(now: "2024-01-01T00:00:00Z")
            let latest = Migrator.latestVersion
            try await database.sql.raw("DELETE FROM schema_migrations WHERE version = \(bind: latest)").run()
            await #expect(throws: StoreError.olderSchema(missing: [latest])) { try await migrator.requireCurrent() }
        }
    }

    @Test(arguments: TestEngine.available)
    func transactionsRollBackOnError(engine: TestEngine) async throws {
        struct Boom: Error {}
        try await withDatabase(engine) { database in
            try await Migrator(database: database).migrate(now: "2024-01-01T00:00:00Z")
            await #expect(throws: Boom.self) {
                try await database.transaction { sql in
                    try await sql.raw("""
                        INSERT INTO organisations (slug, name, currency, time_zone, country, created_at)
                        VALUES ('half', 'Half written', 'EUR', 'UTC', 'DE', 'x')
                        """).run()
                    throw Boom()
                }
            }
            #expect(try await OrganisationStore(database.sql).find("half") == nil)
        }
    }

    @Test func databaseURLs() throws {
        #expect(try DatabaseURL(parsing: "sqlite:settle.db") == .sqlite(path: "settle.db"))
        #expect(try DatabaseURL(parsing: "sqlite:///tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(try DatabaseURL(parsing: "sqlite::memory:") == .sqliteMemory)
        #expect(try DatabaseURL(parsing: "postgres://u:secret@h:5432/db").description == "postgres://u:***@h:5432/db")
        #expect(throws: StoreError.invalidDatabaseURL("mysql://x")) { try DatabaseURL(parsing: "mysql://x") }
        #expect(throws: StoreError.invalidDatabaseURL("sqlite:")) { try DatabaseURL(parsing: "sqlite:") }
    }
}
