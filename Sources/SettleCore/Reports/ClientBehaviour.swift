/// Whether a client pays later or sooner than it used to: the weighted days late of the invoices
/// it settled in the last six months against the six months before.
public struct PaymentTrend: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable, CaseIterable {
        case improving, steady, worsening
        /// One of the two half-years has no settled invoice.
        case unknown
    }

    /// A change of fewer days than this is steady.
    public static let thresholdDays = 5.0

    public var recentDaysLate: Double?
    public var previousDaysLate: Double?
    public var recentInvoices: Int
    public var previousInvoices: Int

    public init(_ settled: [SettledInvoices]) {
        let recent = WeightedDelays(settled.filter { $0.period == .recent })
        let previous = WeightedDelays(settled.filter { $0.period == .previous })
        recentDaysLate = recent.mean { Double(max(0, $0)) }
        previousDaysLate = previous.mean { Double(max(0, $0)) }
        recentInvoices = recent.invoices
        previousInvoices = previous.invoices
    }

    /// Recent minus previous days late (positive: later than before); nil when either is missing.
    public var change: Double? {
        guard let recentDaysLate, let previousDaysLate else { return nil }
        return recentDaysLate - previousDaysLate
    }

    public var direction: Direction {
        guard let change else { return .unknown }
        if change >= Self.thresholdDays { return .worsening }
        if change <= -Self.thresholdDays { return .improving }
        return .steady
    }
}

/// How a client has paid, as of a day (entries after it do not count): what a person weighs
/// before approving an escalation or making a call, and what the risk score and the cash forecast
/// are worked out from. Days late of an invoice = the day its balance reached zero minus its due
/// day, 0 when paid by then; averages and medians weigh invoices by amount (see `WeightedDelays`).
public struct ClientBehaviour: Hashable, Sendable {
    public var client: String
    public var name: String
    public var asOf: Day
    /// Invoices whose balance was zero on the day, with money received (written-off ones are not paid).
    public var invoicesPaid: Int
    /// Of the paid invoices, the weighted average days late.
    public var averageDaysLate: Double?
    /// Of the paid invoices, the weighted median days late.
    public var medianDaysLate: Int?
    /// Of the paid invoices, the share of the amount paid by the due day (0...1).
    public var sharePaidOnTime: Double?
    public var trend: PaymentTrend
    public var promises: PromiseCounts
    public var disputes: DisputeCounts
    /// Invoices issued by the day.
    public var invoicesIssued: Int
    /// Per currency invoiced: billed, paid, open and overdue.
    public var exposure: [CurrencyPosition]
    /// Days since the first invoice.
    public var tenureDays: Int
    /// The client's own payment habit; nil with fewer than `PaymentHabit.minimumInvoices` paid invoices.
    public var habit: PaymentHabit?

    public init(_ record: ClientPaymentRecord, asOf today: Day) {
        let paid = WeightedDelays(record.settled)
        client = record.client
        name = record.name
        asOf = today
        invoicesPaid = paid.invoices
        averageDaysLate = paid.mean { Double(max(0, $0)) }
        medianDaysLate = paid.median { max(0, $0) }
        sharePaidOnTime = paid.mean { $0 <= 0 ? 1 : 0 }
        trend = PaymentTrend(record.settled)
        promises = record.promises
        disputes = record.disputes
        invoicesIssued = record.positions.reduce(0) { $0 + $1.invoices }
        exposure = record.positions
        tenureDays = record.firstIssued.map { max(0, today.days(since: $0)) } ?? 0
        habit = PaymentHabit(record.settled)
    }

    /// The explainable risk score worked out from these figures.
    public var risk: RiskScore { RiskScore(self) }
}

extension Double {
    /// One decimal, rounded half-up (12.25 -> "12.3"): how days late and shares are shown.
    public var oneDecimal: String {
        let tenths = Int((self * 10).rounded(.toNearestOrAwayFromZero))
        return "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}

/// Every client's behaviour as of a day.
public struct ClientBehaviourReport: Hashable, Sendable {
    public var asOf: Day
    /// Ordered by client code.
    public var clients: [ClientBehaviour]

    public init(asOf: Day, records: [ClientPaymentRecord]) {
        self.asOf = asOf
        clients = records.map { ClientBehaviour($0, asOf: asOf) }.sorted { $0.client < $1.client }
    }
}
