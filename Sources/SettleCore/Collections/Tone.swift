/// How a message sounds. Tone rises gradually as an invoice ages; `supportive`
/// replaces the ladder while a client is in hardship.
public enum Tone: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case friendly
    case polite
    case firm
    case formal
    case final
    case supportive

    /// The order of the ladder (supportive sits outside it, first).
    var rank: Int {
        switch self {
        case .supportive: return 0
        case .friendly: return 1
        case .polite: return 2
        case .firm: return 3
        case .formal: return 4
        case .final: return 5
        }
    }

    public static func < (lhs: Tone, rhs: Tone) -> Bool { lhs.rank < rhs.rank }
}

/// What a policy stage can do.
public enum ActionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case email
    case sms
    case letter
    case callTask = "call_task"
    case webhook
    case lateFee = "late_fee"
    case interest
    case escalate

    /// Whether the action sends something to the client (and so is held back by pauses and opt-outs).
    public var isMessage: Bool {
        switch self {
        case .email, .sms, .letter: return true
        case .callTask, .webhook, .lateFee, .interest, .escalate: return false
        }
    }

    /// Whether the action posts money to the ledger.
    public var postsMoney: Bool { self == .lateFee || self == .interest }
}
