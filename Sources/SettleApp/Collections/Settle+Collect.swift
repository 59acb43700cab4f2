import SettleCore
import SettleStore
import SQLKit

/// What one day's cycle decided (and, unless a dry run, recorded).
public struct CollectResult: Sendable {
    public var asOf: Day
    /// The actions planned today, with the message each belongs to (if any); those recorded as
    /// skipped on catch-up only when asked for (`listSkipped`), else just counted.
    public var actions: [PlannedAction]
    /// How many actions were recorded as skipped (their stage passed while nothing ran).
    public var skipped: Int
    public var messages: [OutgoingMessage]
    public var tasks: [PlannedTask]
    /// Fees, interest and compensation posted to the ledger today, per invoice.
    public var fees: [(invoice: InvoiceNumber, amount: Money)]
    public var dryRun: Bool
}

extension Settle {
    /// Runs the day's collections cycle for the organisation: decides for every outstanding
    /// invoice, consolidates messages, and records actions, tasks, fees and promise outcomes
    /// in one transaction. Running the same day again records nothing new.
    /// - Parameter listSkipped: also return the actions recorded as skipped (after a long gap
    ///   over a large book there can be millions; they are recorded either way).
    public func collect(dryRun: Bool, listSkipped: Bool = true) async throws -> CollectResult {
        let org = try await organisation()
        let today = today(for: org)
        let now = timestamp
        let policies = try await policyBook()
        let interest = InterestPosting(calculator: InterestCalculator(rates: try await effectiveRates()))
        let run: @Sendable (any SQLDatabase) async throws -> CollectResult = { sql in
            if !dryRun { try await OrganisationLock.acquireCycle(sql, orgID: org.id) }
            let book = try await CollectionBook.load(sql: sql, organisation: org, policies: policies, on: today)
            var cycle = DailyCycle(sql: sql, organisation: org, today: today, now: now, dryRun: dryRun, interest: interest,
                                   listSkipped: listSkipped)
            return try await cycle.run(book)
        }
        return dryRun ? try await run(database.sql) : try await database.transaction(run)
    }
}
