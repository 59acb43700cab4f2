/// How an organisation chases: ordered stages relative to the due date, and the
/// rules that apply across them. Policies are written as YAML files (see docs/policies.md),
/// stored per organisation, assigned per client and overridable per invoice.
public struct Policy: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Ordered by offset; ids are unique.
    public var stages: [Stage]
    /// One message per client per day and channel, listing every invoice due a reminder.
    public var consolidate: Bool
    /// A reminder the day before a promised payment date (the only message while a promise runs).
    public var courtesyReminder: Bool
    public var lateFee: LateFeeRule?
    public var interest: InterestRule
    public var promises: PromiseLimits
    public var plans: PlanLimits

    public init(name: String, description: String = "", stages: [Stage], consolidate: Bool = true,
                courtesyReminder: Bool = true, lateFee: LateFeeRule? = nil, interest: InterestRule = .none,
                promises: PromiseLimits = PromiseLimits(), plans: PlanLimits = PlanLimits()) {
        self.name = name
        self.description = description
        self.stages = stages.sorted { $0.offsetDays < $1.offsetDays }
        self.consolidate = consolidate
        self.courtesyReminder = courtesyReminder
        self.lateFee = lateFee
        self.interest = interest
        self.promises = promises
        self.plans = plans
    }

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }
}

/// One step of a policy: on due date + offset, do these actions in this tone.
public struct Stage: Hashable, Sendable {
    public var id: String
    /// Days from the due date; negative is before it.
    public var offsetDays: Int
    public var actions: [ActionKind]
    public var tone: Tone
    public var template: String
    public var conditions: StageConditions
    /// A person must approve before the stage's escalation happens.
    public var requiresApproval: Bool

    public init(id: String, offsetDays: Int, actions: [ActionKind], tone: Tone, template: String = "reminder",
                conditions: StageConditions = StageConditions(), requiresApproval: Bool = false) {
        self.id = id
        self.offsetDays = offsetDays
        self.actions = actions
        self.tone = tone
        self.template = template
        self.conditions = conditions
        self.requiresApproval = requiresApproval
    }

    /// The day the stage comes due for an invoice.
    public func day(dueDate: Day) -> Day { dueDate.adding(days: offsetDays) }
}

/// When a stage applies; every given condition must hold.
public struct StageConditions: Hashable, Sendable {
    /// The stage applies only when the balance is at least this amount (per currency, `*` for any).
    public var minimumBalance: AmountsByCurrency?
    public var clientKinds: Set<ClientKind>
    public var countries: Set<String>
    /// The client must carry at least one of these tags.
    public var tags: Set<String>

    public init(minimumBalance: AmountsByCurrency? = nil, clientKinds: Set<ClientKind> = [], countries: Set<String> = [],
                tags: Set<String> = []) {
        self.minimumBalance = minimumBalance
        self.clientKinds = clientKinds
        self.countries = countries
        self.tags = tags
    }

    public var isEmpty: Bool { minimumBalance == nil && clientKinds.isEmpty && countries.isEmpty && tags.isEmpty }

    /// Why the stage does not apply to this client and balance, or nil when it does.
    public func failure(client: Client, balance: Money) -> String? {
        if !clientKinds.isEmpty, !clientKinds.contains(client.kind) {
            return "only for \(clientKinds.map(\.rawValue).sorted().joined(separator: "/")) clients"
        }
        if !countries.isEmpty, !countries.contains(client.country) {
            return "only for clients in \(countries.sorted().joined(separator: ", "))"
        }
        if !tags.isEmpty, tags.isDisjoint(with: client.tags) {
            return "only for clients tagged \(tags.sorted().joined(separator: ", "))"
        }
        if let minimum = minimumBalance?.amount(in: balance.currency), balance.minorUnits < minimum.minorUnits {
            return "only when at least \(minimum) is owed"
        }
        return nil
    }
}

/// Promise-to-pay limits.
public struct PromiseLimits: Hashable, Sendable {
    /// The latest a promised date may be, in days from the day the promise is made.
    public var longestDays: Int
    /// Days after the promised date before a promise counts as broken.
    public var graceDays: Int

    public init(longestDays: Int = 30, graceDays: Int = 3) {
        self.longestDays = longestDays
        self.graceDays = graceDays
    }
}

/// What a payment plan may look like.
public struct PlanLimits: Hashable, Sendable {
    public var mostInstalments: Int
    public var smallestInstalment: AmountsByCurrency?
    public var longestDays: Int
    public var smallestDownPayment: Percentage
    /// Days after an instalment date before a missed instalment defaults the plan.
    public var graceDays: Int

    public init(mostInstalments: Int = 12, smallestInstalment: AmountsByCurrency? = nil, longestDays: Int = 365,
                smallestDownPayment: Percentage = Percentage(basisPoints: 0), graceDays: Int = 5) {
        self.mostInstalments = mostInstalments
        self.smallestInstalment = smallestInstalment
        self.longestDays = longestDays
        self.smallestDownPayment = smallestDownPayment
        self.graceDays = graceDays
    }
}
