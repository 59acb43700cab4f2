import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit
import SQLKit
import Synchronization

/// The connection to Settle's database, SQLite or PostgreSQL, behind one SQLKit interface.
///
/// Stores are cheap values over an `any SQLDatabase`: inside `transaction` they all
/// share one session, so a use case commits everything or nothing.
public final class SettleDatabase: Sendable {
    public enum Engine: String, Sendable { case sqlite, postgres }

    private enum Connection: Sendable {
        /// An in-memory database exists only in its one connection (one process, one task at a time).
        case sqliteMemory(SQLiteConnection)
        /// A file: a few connections, one per transaction; SQLite lets one of them write at a time.
        case sqlite(Pool<SQLiteFileSource>, WriterQueue, NIOThreadPool)
        case postgres(Pool<PostgresConnectionSource>)
    }


    public let url: DatabaseURL
    public let engine: Engine
    private let connection: Connection
    private let logger: Logger
    /// Set once this process has seen the schema current: a schema never goes back, so the
    /// use cases need not ask the database again on every call.
    let schemaSeenCurrent = Mutex(false)

    private init(url: DatabaseURL, engine: Engine, connection: Connection, logger: Logger) {
        self.url = url
        self.engine = engine
        self.connection = connection
        self.logger = logger
    }

    /// Opens the database: the SQLite file (created when missing) or a PostgreSQL connection pool.
    public static func open(_ url: DatabaseURL, logger: Logger = Logger(label: "settle.store")) async throws -> SettleDatabase {
        switch url {
        case .sqliteMemory:
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .memory, logger: logger)
            } catch {
                throw StoreError.cannotOpen(url.description, reason: String(describing: error))
            }
            let database = SettleDatabase(url: url, engine: .sqlite, connection: .sqliteMemory(connection), logger: logger)
            try await database.sql.raw("PRAGMA foreign_keys = ON").run()
            return database
        case .sqlite(let path):
            let loops = MultiThreadedEventLoopGroup.singleton
            let perLoop = 2
            let threads = NIOThreadPool(numberOfThreads: perLoop * Array(loops.makeIterator()).count)
            threads.start()
            let pool = EventLoopGroupConnectionPool(source: SQLiteFileSource(path: path, threads: threads), maxConnectionsPerEventLoop: perLoop,
                                                    logger: logger, on: loops)
            let database = SettleDatabase(url: url, engine: .sqlite, connection: .sqlite(Pool(pool), WriterQueue(), threads), logger: logger)
            do {
                try await database.sql.raw("SELECT 1").run()
            } catch {
                try? await pool.shutdownAsync()
                try? await threads.shutdownGracefully()
                throw StoreError.cannotOpen(url.description, reason: String(describing: error))
            }
            return database
        case .postgres(let text):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: text)
            } catch {
                throw StoreError.invalidDatabaseURL(url.description)
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 4, logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            let database = SettleDatabase(url: url, engine: .postgres, connection: .postgres(Pool(pool)), logger: logger)
            do {
                try await database.sql.raw("SELECT 1").run()
            } catch {
                try? await pool.shutdownAsync()
                throw StoreError.cannotOpen(url.description, reason: String(describing: error))
            }
            return database
        }
    }

    /// The transaction the current task is in, and its database: within `transaction`, `sql`
    /// is that transaction's session, so a store made from `database.sql` deep inside a use case
    /// reads what the transaction wrote and writes into it — never waiting on another pooled
    /// connection while holding one (which, under load, would be a deadlock).
    @TaskLocal private static var current: (database: ObjectIdentifier, session: any SQLDatabase)?

    /// A database for single statements (each may use a different pooled connection), or inside
    /// `transaction` the transaction's session.
    public var sql: any SQLDatabase {
        if let current = Self.current, current.database == ObjectIdentifier(self) { return current.session }
        switch connection {
        case .sqliteMemory(let connection): return connection.sql()
        case .sqlite(let box, _, _): return SQLitePoolDatabase(pool: box, logger: logger)
        case .postgres(let box): return box.pool.database(logger: logger).sql()
        }
    }

    /// Runs `body` in one transaction on one connection; commits when it returns, rolls back when it throws.
    /// A transaction begun inside another (by the same task) is part of the outer one.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        if let current = Self.current, current.database == ObjectIdentifier(self) { return try await body(current.session) }
        switch connection {
        case .sqliteMemory:
            return try await sql.withSession { try await self.run(body, in: $0, begin: "BEGIN IMMEDIATE") }
        case .sqlite(_, let writers, _):
            await writers.enter()
            do {
                let result = try await sql.withSession { try await self.run(body, in: $0, begin: "BEGIN IMMEDIATE") }
                await writers.leave()
                return result
            } catch {
                await writers.leave()
                throw error
            }
        case .postgres(let box):
            // Hold one pooled connection for the whole transaction, so the session can also COPY.
            let held = try await box.pool.requestConnection(logger: logger).get()
            defer { box.pool.releaseConnection(held, logger: logger) }
            return try await run(body, in: PostgresSession(connection: held), begin: "BEGIN")
        }
    }

    private func run<R>(_ body: (any SQLDatabase) async throws -> R, in session: any SQLDatabase, begin: String) async throws -> R {
        try await session.raw(SQLQueryString(begin)).run()
        do {
            let result = try await Self.$current.withValue((ObjectIdentifier(self), session)) { try await body(session) }
            try await session.raw("COMMIT").run()
            return result
        } catch {
            try? await session.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Closes every connection. Call once when done.
    public func close() async {
        switch connection {
        case .sqliteMemory(let connection): try? await connection.close()
        case .sqlite(let box, _, let threads):
            try? await box.pool.shutdownAsync()
            try? await threads.shutdownGracefully()
        case .postgres(let box): try? await box.pool.shutdownAsync()
        }
    }
}
