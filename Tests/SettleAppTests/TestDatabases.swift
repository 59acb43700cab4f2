import Foundation
import SettleApp
import SettleCore
import SettleStore
import SQLKit
import Testing

/// The engines the store and app tests run on: SQLite always, PostgreSQL when
/// `SETTLE_TEST_POSTGRES_URL` is set (`make test` starts a server and sets it).
enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [TestEngine] {
        ProcessInfo.processInfo.environment["SETTLE_TEST_POSTGRES_URL"].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] } ?? [.sqlite]
    }

    var testDescription: String { rawValue }
}

/// A fresh, migrated database for one test: a temporary SQLite file, or a new PostgreSQL
/// database created on the test server and dropped afterwards.
func withSettle<R>(_ engine: TestEngine, today: String = "2024-03-31",
                   _ body: (Settle) async throws -> R) async throws -> R {
    let name = "settle_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let url: DatabaseURL
    var cleanup: () async throws -> Void = {}
    switch engine {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).db").path
        url = .sqlite(path: path)
        cleanup = {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    case .postgres:
        let base = ProcessInfo.processInfo.environment["SETTLE_TEST_POSTGRES_URL"] ?? ""
        let admin = try await SettleDatabase.open(try DatabaseURL(parsing: base))
        try await admin.sql.raw(SQLQueryString("CREATE DATABASE \(unsafeRaw: name)")).run()
        await admin.close()
        let prefix = base[..<(base.lastIndex(of: "/") ?? base.endIndex)]
        url = .postgres(url: prefix + "/" + name)
        cleanup = {
            let admin = try await SettleDatabase.open(try DatabaseURL(parsing: base))
            try await admin.sql.raw(SQLQueryString("DROP DATABASE IF EXISTS \(unsafeRaw: name)")).run()
            await admin.close()
        }
    }
    let settle = try await Settle.open(SettleConfiguration(database: url, time: FixedDay(try Day(parsing: today))))
    do {
        try await settle.migrate()
        let result = try await body(settle)
        await settle.close()
        try await cleanup()
        return result
    } catch {
        await settle.close()
        try? await cleanup()
        throw error
    }
}

/// Another view of the same database: a different organisation or a different day.
func reopened(_ settle: Settle, organisation: String? = nil, today: String) throws -> Settle {
    Settle(database: settle.database, organisation: organisation ?? settle.organisationSlug,
           time: FixedDay(try Day(parsing: today)))
}

/// Counts rows of a table (to prove that rejected imports wrote nothing).
func count(_ table: String, in settle: Settle) async throws -> Int {
    let row = try await settle.database.sql.raw(SQLQueryString("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM \(unsafeRaw: table)")).first()
    return try row?.decode(column: "n", as: Int.self) ?? -1
}

extension Settle {
    func importCSV(_ kind: String, _ text: String, file: String = "test.csv", dryRun: Bool = false) async throws -> ImportSummary {
        let bytes = Array(text.utf8)
        switch kind {
        case "clients": return try await importClients(bytes, file: file, dryRun: dryRun)
        case "invoices": return try await importInvoices(bytes, file: file, dryRun: dryRun)
        default: return try await importPayments(bytes, file: file, dryRun: dryRun)
        }
    }

    /// Balance of an invoice, as the decimal string of its total.
    func balance(_ number: String) async throws -> String {
        try await invoiceDetail(number).stored.summary.balance.total.decimalString
    }

    func status(_ number: String) async throws -> PaymentStatus {
        try await invoiceDetail(number).stored.status
    }
}

let clientsHeader = "id,name,kind,email,phone,country,time_zone,language,terms\n"
let invoicesHeader = "number,client,issue_date,due_date,currency,amount,description\n"
let paymentsHeader = "client,date,currency,amount,method,reference,invoice\n"

/// Two clients: ACME (business, USD, net 30) and BETA (consumer, EUR, 2/10 net 30).
let twoClients = clientsHeader + """
    ACME,Acme Inc,business,ap@acme.example,+1 212 555 0100,US,America/New_York,en,net 30
    BETA,Beta GmbH,consumer,,,DE,Europe/Berlin,de,2/10 net 30

    """
