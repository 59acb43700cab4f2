/// What a role allows, in four steps that each include the one before.
public enum Permission: String, CaseIterable, Sendable, Comparable {
    /// See invoices, clients, payments, reports, timelines and the worklist.
    case read
    /// Work the worklist: record payments, promises, disputes, notes and payment plans,
    /// complete tasks, match bank entries to invoices.
    case work
    /// Run the organisation's collections: policies, templates, settings, bank accounts,
    /// statement imports, the daily collect run, approvals, escalations and webhooks.
    case manage
    /// Decide who gets in: users and API keys.
    case own

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }
}

/// The role of a user or an API key within one organisation.
///
/// | role      | read | work | manage | own |
/// |-----------|:----:|:----:|:------:|:---:|
/// | viewer    |  ✓   |      |        |     |
/// | collector |  ✓   |  ✓   |        |     |
/// | admin     |  ✓   |  ✓   |   ✓    |     |
/// | owner     |  ✓   |  ✓   |   ✓    |  ✓  |
///
/// A viewer looks; a collector works the worklist; an admin also runs the organisation's
/// collections (see `Permission`); only an owner manages users and API keys, so no one can
/// give themselves more than they were given.
public enum Role: String, CaseIterable, Sendable {
    case owner, admin, collector, viewer

    /// The highest permission of the role; every lower one comes with it.
    public var highest: Permission {
        switch self {
        case .viewer: .read
        case .collector: .work
        case .admin: .manage
        case .owner: .own
        }
    }

    /// Whether the role allows `permission`.
    public func may(_ permission: Permission) -> Bool { permission <= highest }
}

