import Foundation
import SettleCore
import SettleDelivery

/// Builds the typed settings from the sources' raw values, highest source first. Every value
/// given is checked, also one a higher source overrides: a mistake in the file is a mistake
/// even while the environment hides it.
struct SettingsReader {
    /// Flags, environment, file.
    let layers: [[String: RawSetting]]
    private(set) var problems: [SettingsError.Problem] = []
    private(set) var sources: [String: SettingSource] = [:]

    init(layers: [[String: RawSetting]]) {
        self.layers = layers
    }

    mutating func settings() -> SettleSettings {
        var settings = SettleSettings()
        settings.database = value("database.url", default: settings.database, SettingParsers.database)
        settings.organisation = value("organisation", default: settings.organisation, SettingParsers.slug)
        (settings.today, settings.now) = clock()
        settings.server.host = value("server.host", default: settings.server.host, SettingParsers.host)
        settings.server.port = value("server.port", default: settings.server.port, SettingParsers.port)
        settings.server.publicURL = optional("server.public_url", SettingParsers.publicURL)
        settings.server.secret = optional("server.secret") { text throws(InvalidSetting) in
            try SettingParsers.secret(text, minimum: ClientLinkSigner.minimumSecretLength)
        }
        settings.log.level = value("log.level", default: settings.log.level, SettingParsers.logLevel)
        settings.log.format = value("log.format", default: settings.log.format, SettingParsers.logFormat)
        settings.smtp = optional("smtp.url", SettingParsers.smtp)
        settings.sms = optional("sms.url", SettingParsers.sms)
        settings.webhook = webhook()
        settings.inbound.smsAuthToken = optional("sms.auth_token") { text throws(InvalidSetting) in
            try SettingParsers.secret(text, minimum: 16)
        }
        settings.inbound.emailSecret = optional("email.inbound_secret") { text throws(InvalidSetting) in
            try SettingParsers.secret(text, minimum: 16)
        }
        settings.scheduler.enabled = value("scheduler.enabled", default: settings.scheduler.enabled, SettingParsers.bool)
        settings.scheduler.catchUpOnStart = value("scheduler.catch_up_on_start", default: settings.scheduler.catchUpOnStart,
                                                  SettingParsers.bool)
        settings.worker.batchSize = value("worker.batch_size", default: settings.worker.batchSize) { text throws(InvalidSetting) in
            try SettingParsers.integer(text, in: 1...1000)
        }
        settings.worker.pollInterval = value("worker.poll_interval", default: settings.worker.pollInterval) { text throws(InvalidSetting) in
            try SettingParsers.seconds(text, in: 1...3600)
        }
        settings.delivery.lease = value("delivery.lease", default: settings.delivery.lease) { text throws(InvalidSetting) in
            try SettingParsers.seconds(text, in: 60...86_400)
        }
        settings.passwordCost = value("accounts.bcrypt_cost", default: settings.passwordCost) { text throws(InvalidSetting) in
            try SettingParsers.integer(text, in: PasswordHashing.costs)
        }
        return settings
    }

    /// The value of the highest source that sets `name`, else `fallback`.
    mutating func value<T>(_ name: String, default fallback: T, _ parse: (String) throws(InvalidSetting) -> T) -> T {
        sources[name] = .defaultValue
        var chosen: T?
        for layer in layers {
            guard let raw = layer[name] else { continue }
            do throws(InvalidSetting) {
                let value = try parse(raw.text)
                if chosen == nil {
                    chosen = value
                    sources[name] = raw.source
                }
            } catch {
                problems.append(.init(setting: name, source: raw.source, message: error.message))
            }
        }
        return chosen ?? fallback
    }

    mutating func optional<T>(_ name: String, _ parse: (String) throws(InvalidSetting) -> T) -> T? {
        value(name, default: nil) { text throws(InvalidSetting) in try parse(text) }
    }

    /// The frozen clock. The highest source that sets `clock.now` or `clock.today` decides;
    /// within one source `clock.now` wins (so `--as-of` beats `SETTLE_NOW`, which beats
    /// `SETTLE_TODAY`). `clock.now` may be a day: then that day is `today`.
    mutating func clock() -> (today: Day?, now: Date?) {
        sources["clock.today"] = .defaultValue
        sources["clock.now"] = .defaultValue
        var decided: (today: Day?, now: Date?)?
        for layer in layers {
            var moment: (AsOf, SettingSource)?
            var day: (Day, SettingSource)?
            if let raw = layer["clock.now"] {
                do throws(InvalidSetting) { moment = (try SettingParsers.moment(raw.text), raw.source) } catch {
                    problems.append(.init(setting: "clock.now", source: raw.source, message: error.message))
                }
            }
            if let raw = layer["clock.today"] {
                do throws(InvalidSetting) { day = (try SettingParsers.day(raw.text), raw.source) } catch {
                    problems.append(.init(setting: "clock.today", source: raw.source, message: error.message))
                }
            }
            guard decided == nil else { continue }
            switch moment {
            case (.instant(let instant), let source)?:
                decided = (nil, instant)
                sources["clock.now"] = source
            case (.day(let day), let source)?:
                decided = (day, nil)
                sources["clock.today"] = source
            case nil:
                if let (day, source) = day {
                    decided = (day, nil)
                    sources["clock.today"] = source
                }
            }
        }
        return decided ?? (nil, nil)
    }

    /// The webhook endpoint: both its URL and its secret, or neither (events are always signed).
    mutating func webhook() -> WebhookEndpoint? {
        let url = optional("webhook.url") { text throws(InvalidSetting) in text }
        let secret = optional("webhook.secret") { text throws(InvalidSetting) in
            try SettingParsers.secret(text, minimum: WebhookEndpoint.minimumSecretLength)
        }
        guard let url else { return nil }
        let urlSource = sources["webhook.url"] ?? .defaultValue
        guard let secret else {
            if layers.allSatisfy({ $0["webhook.secret"] == nil }) {
                problems.append(.init(setting: "webhook.secret", source: .defaultValue,
                                      message: "not set, but webhook.url is (\(urlSource)): events are always signed"))
            }
            return nil
        }
        do {
            return try WebhookEndpoint(url: url, secret: secret.value)
        } catch let error as WebhookEndpointError {
            problems.append(.init(setting: "webhook.url", source: urlSource, message: error.reason))
        } catch {
            problems.append(.init(setting: "webhook.url", source: urlSource, message: "not usable"))
        }
        return nil
    }
}
