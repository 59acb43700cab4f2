/// A message to send: one per action, or, with consolidation, one per client, channel and day
/// listing every invoice that is due a reminder.
public struct OutgoingMessage: Hashable, Sendable {
    /// Unique per organisation: the action's key, or client/day/channel when consolidated.
    public var key: String
    public var client: String
    public var kind: ActionKind
    /// The firmest tone among the invoices it covers.
    public var tone: Tone
    public var template: String
    public var invoices: [InvoiceNumber]
    public var actionKeys: [String]
}

public enum Consolidation {
    /// The key of the message an action goes out in: nil for an action that sends nothing today.
    /// A webhook event is one per action, never consolidated.
    public static func messageKey(of action: PlannedAction, on day: Day, consolidates: Bool) -> String? {
        guard action.status == .due, action.kind.isMessage || action.kind == .webhook else { return nil }
        return consolidates && action.kind.isMessage ? "\(action.client)/\(day)/\(action.kind.rawValue)" : action.key
    }

    /// Groups the due message actions of one day into messages.
    /// - Parameter consolidates: whether the policy governing an action consolidates.
    public static func messages(from actions: [PlannedAction], on day: Day,
                                consolidates: (PlannedAction) -> Bool) -> [OutgoingMessage] {
        var messages: [OutgoingMessage] = []
        var groups: [String: Int] = [:]
        for action in actions {
            let consolidating = consolidates(action)
            guard let key = messageKey(of: action, on: day, consolidates: consolidating) else { continue }
            guard consolidating, action.kind.isMessage else {
                messages.append(OutgoingMessage(key: action.key, client: action.client, kind: action.kind, tone: action.tone,
                                                template: action.template, invoices: [action.invoice], actionKeys: [action.key]))
                continue
            }
            if let index = groups[key] {
                if !messages[index].invoices.contains(action.invoice) { messages[index].invoices.append(action.invoice) }
                messages[index].actionKeys.append(action.key)
                if messages[index].tone < action.tone {
                    messages[index].tone = action.tone
                    messages[index].template = action.template
                }
            } else {
                groups[key] = messages.count
                messages.append(OutgoingMessage(key: key, client: action.client, kind: action.kind, tone: action.tone,
                                                template: action.template, invoices: [action.invoice], actionKeys: [action.key]))
            }
        }
        return messages
    }
}
