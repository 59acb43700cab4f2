import Foundation
import Logging
import SettleCore
import SettleDelivery
import SettleStore

/// Every setting of Settle, typed and checked, from flags, the environment (`SETTLE_*`) and an
/// optional YAML file, over safe development defaults (`load`; docs/configuration.md lists
/// each setting with its names and who reads it). A value here is valid: `load` refuses the
/// rest with an error naming the setting and where it came from.
///
/// Secrets (`server.secret`, `webhook.secret`, `sms.auth_token`, `email.inbound_secret`, the passwords in `smtp.url`, `sms.url` and a
/// PostgreSQL `database.url`) are never printed: `description`, `debugDescription` and `dump`
/// show them redacted.
public struct SettleSettings: Sendable, Equatable {
    /// Where the data is: `database.url` (`SETTLE_DATABASE_URL`, `--database`).
    public var database: DatabaseURL = .defaultValue
    /// The organisation a command works for: `organisation` (`SETTLE_ORG`, `--org`).
    public var organisation = "default"
    /// A frozen calendar day, when the whole run happens as of that day: `clock.today` (`SETTLE_TODAY`).
    public var today: Day?
    /// A frozen instant: `clock.now` (`SETTLE_NOW`, `--as-of`). It wins over `today`.
    public var now: Date?
    public var server = Server()
    public var log = Log()
    /// The SMTP server for email: `smtp.url` (`SETTLE_SMTP_URL`); nil sends no email.
    public var smtp: SMTPConfiguration?
    /// The SMS provider: `sms.url` (`SETTLE_SMS_URL`); nil sends no text.
    public var sms: SMSConfiguration?
    /// Where webhook events go and the secret that signs them: `webhook.url` and
    /// `webhook.secret` (`SETTLE_WEBHOOK_URL`, `SETTLE_WEBHOOK_SECRET`); nil posts no event.
    public var webhook: WebhookEndpoint?
    public var inbound = Inbound()
    public var scheduler = Scheduler()
    public var worker = Worker()
    public var delivery = Delivery()

    /// The development defaults.
    public init() {}

    /// How the server is reached and how it signs the links it hands out.
    public struct Server: Sendable, Equatable {
        /// The address `settle serve` listens on: `server.host` (`SETTLE_HOST`, `--host`).
        public var host = "127.0.0.1"
        /// The port `settle serve` listens on, 1-65535: `server.port` (`SETTLE_PORT`, `--port`).
        public var port = 8080
        /// Where clients reach the portal from outside (links in messages): `server.public_url`
        /// (`SETTLE_PUBLIC_URL`); nil means `http://localhost:8080`.
        public var publicURL: URL?
        /// Signs and checks the clients' portal and unsubscribe links, at least 32 characters:
        /// `server.secret` (`SETTLE_SECRET`); nil means the development secret.
        public var secret: Secret?

        public init() {}
    }

    /// What the server's commands log and how.
    public struct Log: Sendable, Equatable {
        /// `log.level` (`SETTLE_LOG_LEVEL`): trace, debug, info, notice, warning, error or critical.
        public var level = Logger.Level.info
        /// `log.format` (`SETTLE_LOG_FORMAT`): text or json.
        public var format = LogFormat.text

        public init() {}
    }

    /// How log lines are written.
    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        /// One readable line per event.
        case text
        /// One JSON object per line, for a log collector.
        case json
    }

    /// What checks that replies coming in are genuine (docs/inbound.md).
    public struct Inbound: Sendable, Equatable {
        /// The Twilio auth token that signs inbound texts (`X-Twilio-Signature`): `sms.auth_token`
        /// (`SETTLE_SMS_AUTH_TOKEN`); nil means the auth token of `sms.url`.
        public var smsAuthToken: Secret?
        /// The shared secret an email provider's inbound webhook sends as `Authorization: Bearer`,
        /// at least 16 characters: `email.inbound_secret` (`SETTLE_INBOUND_EMAIL_SECRET`); nil refuses
        /// every inbound email.
        public var emailSecret: Secret?

        public init() {}
    }

    /// The token inbound texts are signed with: `sms.auth_token`, else the auth token of `sms.url`;
    /// nil refuses every inbound text.
    public var smsSigningToken: Secret? {
        inbound.smsAuthToken ?? sms.map { Secret($0.authToken) }
    }

    /// The daily cycle the server runs by itself.
    public struct Scheduler: Sendable, Equatable {
        /// `scheduler.enabled` (`SETTLE_SCHEDULER_ENABLED`): false leaves the cycle to cron and `settle collect`.
        public var enabled = true
        /// `scheduler.catch_up_on_start` (`SETTLE_SCHEDULER_CATCH_UP_ON_START`): run a missed day's
        /// cycle at once on start (only the latest due stage fires).
        public var catchUpOnStart = true

        public init() {}
    }

    /// How a worker takes work from the queue.
    public struct Worker: Sendable, Equatable {
        /// Messages claimed in one transaction, 1-1000: `worker.batch_size` (`SETTLE_WORKER_BATCH_SIZE`);
        /// also the default of `settle deliver --batch`.
        public var batchSize = 50
        /// How long an idle worker waits before looking again, 1-3600 seconds:
        /// `worker.poll_interval` (`SETTLE_WORKER_POLL_INTERVAL`).
        public var pollInterval = Duration.seconds(5)

        public init() {}
    }

    /// How messages are handed to their channels.
    public struct Delivery: Sendable, Equatable {
        /// How long a worker may take to hand a claimed message over before another sends it again,
        /// 60-86400 seconds: `delivery.lease` (`SETTLE_DELIVERY_LEASE`).
        public var lease = Duration.seconds(Settle.leaseSeconds)

        public init() {}
    }

    /// The bcrypt cost of new password hashes, 4-31 (default 12; lower only to make tests fast):
    /// `accounts.bcrypt_cost` (`SETTLE_BCRYPT_COST`).
    public var passwordCost = PasswordHashing.defaultCost

    /// The clock of the run: frozen at `now`, else at `today`, else the system clock.
    public var timeSource: any TimeSource {
        if let now { return FixedInstant(now) }
        if let today { return FixedDay(today) }
        return SystemTime()
    }

    /// The database, organisation, clock and link signer these settings describe.
    public var configuration: SettleConfiguration {
        SettleConfiguration(database: database, organisation: organisation, time: timeSource,
                            links: ClientLinkSigner(settings: self), passwordCost: passwordCost)
    }
}
