import Foundation
import SettleApp
import SettleCore
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

/// A first run over a book large enough for the bulk paths (COPY on PostgreSQL, chunked
/// multi-row inserts on SQLite): what is recorded is exactly what was decided, once.
@Suite struct CollectBulkTests {
    /// 1,200 invoices of one client, issued through January 2024, so that by June every stage of
    /// the standard policy has passed: thousands of actions, interest entries and approvals.
    static func prepared(_ settle: Settle) async throws {
        _ = try await settle.importCSV("clients", clientsHeader + "GMBH,Gamma GmbH,business,ap@gamma.example,,DE,Europe/Berlin,de,net 30\n")
        var csv = invoicesHeader
        for index in 1...1200 {
            csv += "C-\(index),GMBH,2024-01-\(String(format: "%02d", index % 28 + 1)),,EUR,\(index).50,Work \(index)\n"
        }
        _ = try await settle.importCSV("invoices", csv)
    }

    @Test(arguments: TestEngine.available)
    func aFirstRunRecordsExactlyWhatItDecidedOnce(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await Self.prepared(settle)
            let june = try reopened(settle, today: "2024-06-30")
            let first = try await june.collect(dryRun: false)
            let approvals = first.actions.filter { $0.status == .awaitingApproval }.count
            #expect(first.actions.count > 5000)
            #expect(approvals == 1200)
            #expect(first.skipped == first.actions.filter { $0.status == .skipped }.count)
            #expect(try await count("actions", in: settle) == first.actions.count)
            #expect(try await count("approvals", in: settle) == approvals)
            #expect(try await count("ledger_entries", in: settle) == 1200 + first.fees.count)
            // Statutory interest under German law: the interest and the 40 EUR compensation, per invoice.
            #expect(first.fees.count == 2400)
            let detail = try await june.invoiceDetail("C-7")
            let history = try await ActionStore(settle.database.sql, orgID: try await settle.organisation().id)
                .list(invoiceID: detail.stored.id)
            #expect(history.map { "\($0.stage) \($0.kind.rawValue) \($0.status.rawValue)" } == [
                "pre-due email skipped", "overdue-1 email skipped", "overdue-7 email skipped", "overdue-7 call_task skipped",
                "overdue-14 email skipped", "overdue-14 late_fee due", "overdue-14 interest due", "overdue-30 email skipped", "overdue-30 letter skipped",
                "overdue-45 email skipped", "overdue-45 letter skipped", "overdue-45 call_task skipped",
                "escalate-60 escalate awaiting_approval",
            ])
            #expect(history.allSatisfy { $0.day.description == "2024-06-30" && $0.messageKey == nil })

            let again = try await june.collect(dryRun: false, listSkipped: false)
            #expect(again.actions.isEmpty && again.skipped == 0 && again.fees.isEmpty)
            #expect(try await count("actions", in: settle) == first.actions.count)
            #expect(try await count("ledger_entries", in: settle) == 1200 + first.fees.count)
        }
    }

    @Test(arguments: TestEngine.available)
    func skippedActionsAreCountedUnlessListed(engine: TestEngine) async throws {
        try await withSettle(engine) { settle in
            try await Self.prepared(settle)
            let listed = try await reopened(settle, today: "2024-03-15").collect(dryRun: true)
            let counted = try await reopened(settle, today: "2024-03-15").collect(dryRun: true, listSkipped: false)
            #expect(listed.skipped > 0)
            #expect(counted.skipped == listed.skipped)
            #expect(counted.actions == listed.actions.filter { $0.status != .skipped })
            #expect(counted.messages == listed.messages)
        }
    }

    /// Two cycles of the same organisation and day at once (two `settle worker`s on one
    /// PostgreSQL): the second waits for the first and then finds everything recorded.
    @Test(.enabled(if: TestEngine.available.contains(.postgres)))
    func twoCyclesAtOnceRecordEverythingOnce() async throws {
        try await withSettle(.postgres) { settle in
            try await Self.prepared(settle)
            let one = try reopened(settle, today: "2024-06-30")
            let two = try reopened(settle, today: "2024-06-30")
            async let first = one.collect(dryRun: false)
            async let second = two.collect(dryRun: false)
            let results = try await [first, second]
            #expect(results.filter { $0.actions.isEmpty }.count == 1)
            let recorded = results.map(\.actions.count).max() ?? 0
            #expect(recorded > 5000)
            #expect(try await count("actions", in: settle) == recorded)
            #expect(try await count("ledger_entries", in: settle) == 1200 + 2400)
        }
    }
}
