import SettleCore
import SettleStore

extension Settle {
    /// Records one payment and allocates it.
    public func addPayment(_ payment: Payment) async throws -> RecordedPayment {
        let org = try await organisation()
        guard payment.amount.isPositive else { throw InputError("the amount must be more than zero") }
        let client = try await ClientStore(database.sql, orgID: org.id).require(payment.client)
        let now = timestamp
        return try await database.transaction { sql in
            try await PaymentRecording(sql: sql, organisation: org, now: now).record(payment, clientID: client.id)
        }
    }

    /// Reverses a payment (chargeback, bounced, mistake) as of today; what it paid is owed again.
    public func reversePayment(_ id: Int64, reason: ReversalReason) async throws -> [AllocationPlan.Line] {
        let org = try await organisation()
        let now = timestamp
        let today = today(for: org)
        return try await database.transaction { sql in
            try await PaymentRecording(sql: sql, organisation: org, now: now).reverse(id, on: today, reason: reason)
        }
    }

    /// Applies a client's unapplied credit to its open invoices, oldest first.
    public func applyCredit(client code: String) async throws -> [AllocationPlan.Line] {
        let org = try await organisation()
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        let now = timestamp
        let today = today(for: org)
        return try await database.transaction { sql in
            try await CreditApplication(sql: sql, organisation: org, now: now).apply(clientID: client.id, on: today)
        }
    }

    /// The payments of a client with what is left of each as credit.
    public func payments(client code: String) async throws -> [StoredPayment] {
        let org = try await organisation()
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        return try await PaymentStore(database.sql, orgID: org.id).list(clientID: client.id)
    }
}
