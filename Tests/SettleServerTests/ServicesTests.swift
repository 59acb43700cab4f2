import Foundation
import Logging
import SettleApp
import SettleCore
@testable import SettleServer
import SettleStore
import SettleTestSupport
import SQLKit
import Testing

@Suite struct ServicesTests {
    /// The scheduler runs each organisation's cycle once its local time has come, once a day.
    @Test(arguments: TestEngine.available)
    func theSchedulerRunsEachOrganisationsDayOnce(engine: TestEngine) async throws {
        try await withServer(engine) { _, settle in
            let database = settle.database
            func actions() async throws -> Int {
                try await database.sql.raw("SELECT COUNT(*) AS n FROM actions").first()?.decode(column: "n", as: Int.self) ?? -1
            }
            let late = CollectionScheduler(database: database, time: settle.time, runAt: (23, 59), logger: Logger(label: "test"))
            var done: [String: Day] = [:]
            await late.runDue(&done)
            #expect(done.isEmpty)
            #expect(try await actions() == 0)
            SettleMetrics.start()
            let early = CollectionScheduler(database: database, time: settle.time, runAt: (0, 0), logger: Logger(label: "test"))
            await early.runDue(&done)
            #expect(Set(done.keys) == ["default", "other"])
            let recorded = try await actions()
            #expect(recorded > 0)
            #expect(SettleMetrics.text().contains("settle_actions_created_total"))
            await early.runDue(&done)
            #expect(try await actions() == recorded)
        }
    }
}
