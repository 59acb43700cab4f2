/// The names of one setting in each source.
public struct SettingKey: Sendable, Hashable {
    /// The setting's name: its key path in the YAML file (`server.port` is `server: {port: ...}`)
    /// and its key in the flags the command line hands to `SettleSettings.load`.
    public let name: String
    /// The environment variable (`SETTLE_PORT`).
    public let environment: String
    /// The command-line option that sets it (`--port`), if there is one.
    public let flag: String?
    /// Never shown: printed as `(set)`.
    public let isSecret: Bool

    init(_ name: String, _ environment: String, flag: String? = nil, secret: Bool = false) {
        self.name = name
        self.environment = environment
        self.flag = flag
        isSecret = secret
    }
}

extension SettleSettings {
    /// Every setting, in the order `settle config show` and docs/configuration.md list them.
    public static let keys: [SettingKey] = [
        SettingKey("database.url", "SETTLE_DATABASE_URL", flag: "--database"),
        SettingKey("organisation", "SETTLE_ORG", flag: "--org"),
        SettingKey("clock.today", "SETTLE_TODAY"),
        SettingKey("clock.now", "SETTLE_NOW", flag: "--as-of"),
        SettingKey("server.host", "SETTLE_HOST", flag: "--host"),
        SettingKey("server.port", "SETTLE_PORT", flag: "--port"),
        SettingKey("server.public_url", "SETTLE_PUBLIC_URL"),
        SettingKey("server.secret", "SETTLE_SECRET", secret: true),
        SettingKey("log.level", "SETTLE_LOG_LEVEL"),
        SettingKey("log.format", "SETTLE_LOG_FORMAT"),
        SettingKey("smtp.url", "SETTLE_SMTP_URL"),
        SettingKey("sms.url", "SETTLE_SMS_URL"),
        SettingKey("sms.auth_token", "SETTLE_SMS_AUTH_TOKEN", secret: true),
        SettingKey("email.inbound_secret", "SETTLE_INBOUND_EMAIL_SECRET", secret: true),
        SettingKey("webhook.url", "SETTLE_WEBHOOK_URL"),
        SettingKey("webhook.secret", "SETTLE_WEBHOOK_SECRET", secret: true),
        SettingKey("scheduler.enabled", "SETTLE_SCHEDULER_ENABLED"),
        SettingKey("scheduler.catch_up_on_start", "SETTLE_SCHEDULER_CATCH_UP_ON_START"),
        SettingKey("worker.batch_size", "SETTLE_WORKER_BATCH_SIZE"),
        SettingKey("worker.poll_interval", "SETTLE_WORKER_POLL_INTERVAL"),
        SettingKey("delivery.lease", "SETTLE_DELIVERY_LEASE"),
        SettingKey("accounts.bcrypt_cost", "SETTLE_BCRYPT_COST"),
    ]

    /// The variable naming the YAML settings file (the `--config` option wins over it).
    public static let configFileVariable = "SETTLE_CONFIG"

    /// The setting called `name`.
    static func key(_ name: String) -> SettingKey {
        guard let key = keys.first(where: { $0.name == name }) else { preconditionFailure("no setting \(name)") }
        return key
    }

    /// The `SETTLE_*` variables in `environment` that name no setting, sorted: Settle ignores
    /// them, and `settle config check` lists them, since one is most likely a typo.
    public static func unknownVariables(in environment: [String: String]) -> [String] {
        let known = Set(keys.map(\.environment) + [configFileVariable])
        return environment.keys.filter { $0.hasPrefix("SETTLE_") && !known.contains($0) }.sorted()
    }
}
