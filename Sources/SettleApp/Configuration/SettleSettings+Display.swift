import Foundation

extension SettleSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The setting `name` as shown to people: a secret as `(set)`, the password in a URL as
    /// `***` (a webhook URL without its query), an unset value as `(not set)`.
    public func shownValue(of name: String) -> String {
        let unset = "(not set)"
        switch name {
        case "database.url": return database.description
        case "organisation": return organisation
        case "clock.today": return today?.description ?? unset
        case "clock.now": return now.map(Settle.instantText) ?? unset
        case "server.host": return server.host
        case "server.port": return String(server.port)
        case "server.public_url": return server.publicURL?.absoluteString ?? unset
        case "server.secret": return server.secret?.description ?? unset
        case "log.level": return log.level.rawValue
        case "log.format": return log.format.rawValue
        case "smtp.url": return smtp?.description ?? unset
        case "sms.url": return sms?.description ?? unset
        case "sms.auth_token": return inbound.smsAuthToken?.description ?? unset
        case "email.inbound_secret": return inbound.emailSecret?.description ?? unset
        case "webhook.url": return webhook?.description ?? unset
        case "webhook.secret": return webhook == nil ? unset : Secret("").description
        case "scheduler.enabled": return String(scheduler.enabled)
        case "scheduler.catch_up_on_start": return String(scheduler.catchUpOnStart)
        case "worker.batch_size": return String(worker.batchSize)
        case "worker.poll_interval": return String(worker.pollInterval.components.seconds)
        case "delivery.lease": return String(delivery.lease.components.seconds)
        case "accounts.bcrypt_cost": return String(passwordCost)
        default: preconditionFailure("no setting \(name)")
        }
    }

    /// Every setting as `name: value`, secrets redacted.
    public var description: String {
        "SettleSettings(" + Self.keys.map { "\($0.name): \(shownValue(of: $0.name))" }.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }

    /// The shown values only, so `dump` cannot print a secret either.
    public var customMirror: Mirror {
        Mirror(self, children: Self.keys.map { (label: $0.name, value: shownValue(of: $0.name) as Any) }, displayStyle: .struct)
    }
}
