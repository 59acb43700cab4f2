import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import SQLiteNIO
import SQLKit

/// AsyncKit's pool predates Sendable checking; it synchronises its own state and is
/// documented as safe to use from any thread, which is what this box asserts.
final class Pool<Source: ConnectionPoolSource>: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
    init(_ pool: EventLoopGroupConnectionPool<Source>) { self.pool = pool }
}

/// Opens connections to one SQLite file; each waits up to ten seconds for another's write lock
/// rather than failing, and enforces foreign keys. The connections run their blocking calls on a
/// thread pool with a thread for each of them: one waiting for the write lock never keeps the
/// connection that holds it from running.
struct SQLiteFileSource: ConnectionPoolSource {
    let path: String
    let threads: NIOThreadPool

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA busy_timeout = 10000")
                .flatMap { _ in connection.query("PRAGMA foreign_keys = ON") }
                .map { _ in connection }
                .flatMapError { error in connection.close().flatMapThrowing { throw error } }
        }
    }
}

/// Lets one transaction of the process at a time write an SQLite file, in the order they asked:
/// SQLite has one writer, and a transaction waiting here costs nothing, where one waiting in
/// SQLite's busy handler sleeps in steps of up to 100 ms.
actor WriterQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// The statements of a server on an SQLite file: several connections, so that readers run side
/// by side (WAL) and each transaction has a connection of its own (`BEGIN IMMEDIATE` takes the
/// write lock, the next writer waits). A single statement borrows a connection for its run;
/// a session holds one until it ends.
struct SQLitePoolDatabase: SQLDatabase {
    let pool: Pool<SQLiteFileSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.pool.eventLoopGroup.any() }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        pool.pool.withConnection(logger: logger) { $0.sql().execute(sql: query, onRow) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let connection = try await pool.pool.requestConnection(logger: logger).get()
        defer { pool.pool.releaseConnection(connection, logger: logger) }
        return try await closure(connection.sql())
    }
}
