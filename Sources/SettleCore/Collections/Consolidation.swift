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
    /// Groups the due message actions of one day into messages.
    /// - Parameter consolidates: whether the policy governing an action consolidates.
    public static func messages(from actions: [PlannedAction], on day: Day,
                                consolidates: (PlannedAction) -> Bool) -> [OutgoingMessage] {
        var messages: [OutgoingMessage] = []
        var groups: [String: Int] = [:]
        for action in actions where action.status == .due && action.kind.isMessage {
            guard consolidates(action) else {
                messages.append(OutgoingMessage(key: action.key, client: action.client, kind: action.kind, tone: action.tone,
                                                template: action.template, invoices: [action.invoice], actionKeys: [action.key]))
                continue
            }
            let key = "\(action.client)/\(day)/\(action.kind.rawValue)"
            if let index = groups[key] {
                var message = messages[index]
                if !message.invoices.contains(action.invoice) { message.invoices.append(action.invoice) }
                message.actionKeys.append(action.key)
                if message.tone < action.tone {
                    message.tone = action.tone
                    message.template = action.template
                }
                messages[index] = message
            } else {
                groups[key] = messages.count
                messages.append(OutgoingMessage(key: key, client: action.client, kind: action.kind, tone: action.tone,
                                                template: action.template, invoices: [action.invoice], actionKeys: [action.key]))
            }
        }
        return messages
    }
}
