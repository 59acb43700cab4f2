import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// A fresh, migrated database for one test (see `withEmptyDatabase`), seen as of `today`.
func withSettle<R>(_ engine: TestEngine, today: String = "2024-03-31",
                   _ body: (Settle) async throws -> R) async throws -> R {
    try await withEmptyDatabase(engine) { url in
        let settle = try await Settle.open(SettleConfiguration(database: url, time: FixedDay(try Day(parsing: today))))
        do {
            try await settle.migrate()
            let result = try await body(settle)
            await settle.close()
            return result
        } catch {
            await settle.close()
            throw error
        }
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
