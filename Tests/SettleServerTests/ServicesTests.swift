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
            // The clock says 12:00 UTC on 31 March 2024, the first day of summer time: 14:00 in Berlin (default), 13:00 in London (other).
            let other = Settle(database: database, organisation: "other", time: settle.time)
            _ = try await settle.updateOrganisationSettings(OrganisationSettingsChange(cycleTime: "12:30"))
            _ = try await other.updateOrganisationSettings(OrganisationSettingsChange(cycleTime: "13:30"))
            let scheduler = CollectionScheduler(database: database, time: settle.time, logger: Logger(label: "test"))
            var done: [String: Day] = [:]
            SettleMetrics.start()
            await scheduler.runDue(&done)
            #expect(Set(done.keys) == ["default"])
            let recorded = try await actions()
            #expect(recorded > 0)
            #expect(SettleMetrics.text().contains("settle_actions_created_total"))
            await scheduler.runDue(&done)
            #expect(try await actions() == recorded)
            _ = try await other.updateOrganisationSettings(OrganisationSettingsChange(cycleTime: "12:59"))
            await scheduler.runDue(&done)
            let afterOther = try await actions()
            #expect(Set(done.keys) == ["default", "other"] && afterOther > recorded)
            await #expect(throws: InputError.self) { try await other.updateOrganisationSettings(OrganisationSettingsChange(cycleTime: "25:00")) }
        }
    }
}
