import SettleCore
import SettleStore

extension Settle {
    /// Records a promise to pay an invoice by a day (within the policy's longest promise);
    /// chasing of that invoice pauses until the day plus the policy's grace days.
    @discardableResult
    public func addPromise(invoice number: String, date: Day, amount: String?, note: String) async throws -> Int64 {
        let org = try await organisation()
        let today = today(for: org)
        let stored = try await InvoiceStore(database.sql, orgID: org.id).require(number)
        guard stored.status.isOutstanding else { throw InputError("invoice \(number) is \(stored.status.rawValue); nothing to promise") }
        let policy = try await policyBook().policy(invoiceID: stored.id, clientID: stored.clientID)
        guard date >= today else { throw InputError("the promised date \(date) is in the past (today is \(today))") }
        let latest = today.adding(days: policy.promises.longestDays)
        guard date <= latest else {
            throw InputError("the promised date \(date) is later than policy \(policy.name) allows (\(policy.promises.longestDays) days: \(latest))")
        }
        let money = try amount.map { try Money(parsing: $0, currency: stored.invoice.currency) }
        if let money {
            guard money.isPositive, money.minorUnits <= stored.summary.balance.total.minorUnits else {
                throw InputError("the promised amount must be more than zero and at most the balance \(stored.summary.balance.total)")
            }
        }
        let now = timestamp
        return try await database.transaction { sql in
            let id = try await PromiseStore(sql, orgID: org.id).add(
                invoiceID: stored.id, madeOn: today, promisedDate: date, amountMinor: money?.minorUnits, note: note, now: now)
            try await EventPublisher(sql: sql, organisation: org, now: now)
                .promiseCreated(id, invoice: stored.invoice, madeOn: today, date: date, amount: money)
            return id
        }
    }

    /// Opens a dispute: chasing of that invoice (only) stops until it is resolved.
    public func openDispute(invoice number: String, reason: DisputeReason, note: String) async throws {
        let org = try await organisation()
        let stored = try await InvoiceStore(database.sql, orgID: org.id).require(number)
        guard stored.status.isOutstanding else { throw InputError("invoice \(number) is \(stored.status.rawValue); nothing to dispute") }
        let disputes = DisputeStore(database.sql, orgID: org.id)
        guard try await !disputes.openInvoiceIDs().contains(stored.id) else {
            throw InputError("invoice \(number) already has an open dispute")
        }
        let today = today(for: org), now = timestamp
        try await database.transaction { sql in
            let id = try await DisputeStore(sql, orgID: org.id).open(invoiceID: stored.id, on: today, reason: reason, note: note, now: now)
            try await EventPublisher(sql: sql, organisation: org, now: now)
                .disputeOpened(id, invoice: stored.invoice, reason: reason, note: note, on: today)
        }
    }

    /// Resolves the open dispute: upheld credits the invoice (in full unless `credit` says how much),
    /// partial credits `credit`, rejected lets chasing resume.
    public func resolveDispute(invoice number: String, outcome: DisputeOutcome, credit: String?) async throws {
        let org = try await organisation()
        let today = today(for: org)
        let stored = try await InvoiceStore(database.sql, orgID: org.id).require(number)
        var creditAmount: Money?
        switch outcome {
        case .rejected:
            guard credit == nil else { throw InputError("a rejected dispute credits nothing; leave out --credit") }
        case .partial:
            guard let credit else { throw InputError("a partial outcome needs --credit AMOUNT") }
            creditAmount = try Money(parsing: credit, currency: stored.invoice.currency)
        case .upheld:
            creditAmount = try credit.map { try Money(parsing: $0, currency: stored.invoice.currency) } ?? stored.summary.balance.principal
        }
        let now = timestamp
        let credited = creditAmount
        try await database.transaction { sql in
            guard let dispute = try await DisputeStore(sql, orgID: org.id).resolve(
                invoiceID: stored.id, on: today, outcome: outcome, creditMinor: credited?.minorUnits) else {
                throw InputError("invoice \(number) has no open dispute")
            }
            if let credited, credited.isPositive {
                guard credited.minorUnits <= stored.summary.balance.principal.minorUnits else {
                    throw InputError("credit \(credited) is more than the open principal \(stored.summary.balance.principal)")
                }
                try await LedgerStore(sql, orgID: org.id).post([(stored.id, LedgerEntry(
                    kind: .creditNote, component: .principal, amount: -credited, date: today,
                    note: "dispute \(outcome.rawValue)"))], now: now)
            }
            try await EventPublisher(sql: sql, organisation: org, now: now)
                .disputeResolved(dispute, invoice: stored.invoice, outcome: outcome, credit: credited, on: today)
        }
    }

    /// A person pauses all chasing of a client through a day.
    public func pauseClient(_ code: String, until: Day, note: String) async throws {
        try await addHold(.pause, client: code, until: until, note: note)
    }

    /// Hardship: no fees, interest or escalation; supportive tone; a plan offered.
    public func setHardship(client code: String, until: Day, note: String) async throws {
        try await addHold(.hardship, client: code, until: until, note: note)
    }

    private func addHold(_ kind: ClientHoldKind, client code: String, until: Day, note: String) async throws {
        let org = try await organisation()
        let today = today(for: org)
        guard until >= today else { throw InputError("--until \(until) is in the past (today is \(today))") }
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        try await ClientHoldStore(database.sql, orgID: org.id).add(kind, clientID: client.id, from: today, until: until,
                                                                   note: note, now: timestamp)
    }

    /// Open worklist tasks due by a day (today when nil).
    public func tasks(dueBy day: Day?, after: (day: Day, id: Int64)? = nil, limit: Int? = nil) async throws -> [StoredTask] {
        let org = try await organisation()
        return try await TaskStore(database.sql, orgID: org.id).open(dueBy: day ?? today(for: org), after: after, limit: limit)
    }

    /// Completes a task. A `promise` outcome records the promise (date required), a `dispute`
    /// outcome opens the dispute (reason required), before the task is closed, so a refused
    /// follow-up leaves the task open.
    public func completeTask(_ id: Int64, outcome: TaskOutcome, note: String, promiseDate: Day? = nil,
                             promiseAmount: String? = nil, disputeReason: DisputeReason? = nil) async throws {
        let org = try await organisation()
        let store = TaskStore(database.sql, orgID: org.id)
        guard let task = try await store.find(id) else { throw InputError("no task \(id)") }
        guard task.status == "open" else { throw InputError("task \(id) is already done") }
        switch outcome {
        case .promise:
            guard let invoice = task.invoice, let promiseDate else {
                throw InputError("a promise outcome needs --promise-date DAY (and the task's invoice)")
            }
            try await addPromise(invoice: invoice, date: promiseDate, amount: promiseAmount, note: note)
        case .dispute:
            guard let invoice = task.invoice, let disputeReason else {
                throw InputError("a dispute outcome needs --dispute-reason (and the task's invoice)")
            }
            try await openDispute(invoice: invoice, reason: disputeReason, note: note)
        default:
            break
        }
        try await store.complete(id, outcome: outcome, note: note, on: today(for: org))
    }
}

/// The holds on a client in force today: chasing paused, hardship.
public struct ClientHolds: Sendable, Hashable {
    public var pausedUntil: Day?
    public var hardshipUntil: Day?
}

extension Settle {
    public func holds(client code: String) async throws -> ClientHolds {
        let org = try await organisation()
        let today = today(for: org)
        let client = try await ClientStore(database.sql, orgID: org.id).require(code)
        let store = ClientHoldStore(database.sql, orgID: org.id)
        func inForce(_ kind: ClientHoldKind) async throws -> Day? {
            try await store.latest(kind, asOf: today)[client.id].flatMap { $0 >= today ? $0 : nil }
        }
        return ClientHolds(pausedUntil: try await inForce(.pause), hardshipUntil: try await inForce(.hardship))
    }
}
