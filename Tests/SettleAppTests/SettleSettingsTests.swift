import Foundation
import SettleApp
import SettleCore
import SettleStore
import Testing

/// One typed configuration from flags, the environment and a YAML file (docs/configuration.md).
@Suite final class SettleSettingsTests {
    /// Holds this test's settings files; removed when the test ends.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("settle-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes a settings file into the test's folder and returns its path.
    func settingsFile(_ text: String, name: String = "settle.yaml") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func problems(flags: [String: String] = [:], environment: [String: String] = [:], file: String? = nil) -> [String] {
        do {
            _ = try SettleSettings.load(flags: flags, environment: environment, file: file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func withNothingSetTheDefaultsAreSafeForDevelopment() throws {
        let loaded = try SettleSettings.resolve(flags: [:], environment: ["HOME": "/root"], file: nil)
        let settings = loaded.settings
        #expect(settings == SettleSettings())
        #expect(settings.database == .sqlite(path: "settle.db") && settings.organisation == "default")
        #expect(settings.today == nil && settings.now == nil && settings.timeSource is SystemTime)
        #expect(settings.server.host == "127.0.0.1" && settings.server.port == 8080)
        #expect(settings.server.publicURL == nil && settings.server.secret == nil)
        #expect(settings.log.level == .info && settings.log.format == .text)
        #expect(settings.smtp == nil && settings.sms == nil && settings.webhook == nil)
        #expect(settings.scheduler.enabled && settings.scheduler.catchUpOnStart)
        #expect(settings.worker.batchSize == 50 && settings.worker.pollInterval == .seconds(5))
        #expect(settings.delivery.lease == .seconds(600))
        #expect(loaded.file == nil)
        #expect(loaded.entries.count == SettleSettings.keys.count)
        #expect(loaded.entries.allSatisfy { $0.source == .defaultValue })
        let links = settings.configuration.links
        #expect(links.usesDevelopmentSecret && links.publicURL == "http://localhost:8080")
    }

    @Test func flagsWinOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws {
        let file = try settingsFile("""
            server:
              host: 0.0.0.0
              port: 7000
            log: {level: debug}

            """)
        let environment = ["SETTLE_PORT": "8000", "SETTLE_LOG_LEVEL": ""]
        let all = try SettleSettings.resolve(flags: ["server.port": "9000"], environment: environment, file: file)
        #expect(all.settings.server.port == 9000 && all.sources["server.port"] == .flag("--port"))
        #expect(all.settings.server.host == "0.0.0.0" && all.sources["server.host"] == .file(path: file, line: 2, column: 9))
        #expect(all.settings.log.level == .debug, "an empty variable counts as unset")
        #expect(all.sources["log.format"] == .defaultValue && all.file == file)

        let noFlag = try SettleSettings.resolve(flags: [:], environment: environment, file: file)
        #expect(noFlag.settings.server.port == 8000 && noFlag.sources["server.port"] == .environment("SETTLE_PORT"))
        let fileOnly = try SettleSettings.resolve(flags: [:], environment: [:], file: file)
        #expect(fileOnly.settings.server.port == 7000 && fileOnly.sources["server.port"] == .file(path: file, line: 3, column: 9))
        #expect(try SettleSettings.load(flags: [:], environment: [:], file: nil).server.port == 8080)
    }

    @Test func everyEnvironmentVariableReachesItsSetting() throws {
        let settings = try SettleSettings.load(flags: [:], environment: [
            "SETTLE_DATABASE_URL": "postgres://settle:pw@db.internal:5432/settle", "SETTLE_ORG": "acme",
            "SETTLE_TODAY": "2024-03-17", "SETTLE_HOST": "::", "SETTLE_PORT": "8443",
            "SETTLE_PUBLIC_URL": "https://pay.example.com", "SETTLE_SECRET": String(repeating: "s", count: 32),
            "SETTLE_LOG_LEVEL": "WARNING", "SETTLE_LOG_FORMAT": "json",
            "SETTLE_SMTP_URL": "smtps://ar:pw@mail.example.com", "SETTLE_SMS_URL": "twilio://AC1:tok@api.twilio.com?from=%2B15005550006",
            "SETTLE_WEBHOOK_URL": "https://hooks.example.com/settle", "SETTLE_WEBHOOK_SECRET": "whsec_0123456789abcdef",
            "SETTLE_SCHEDULER_ENABLED": "no", "SETTLE_SCHEDULER_CATCH_UP_ON_START": "false",
            "SETTLE_WORKER_BATCH_SIZE": "1000", "SETTLE_WORKER_POLL_INTERVAL": "3600", "SETTLE_DELIVERY_LEASE": "60",
        ], file: nil)
        #expect(settings.database == .postgres(url: "postgres://settle:pw@db.internal:5432/settle") && settings.organisation == "acme")
        #expect(settings.today == (try Day(parsing: "2024-03-17")) && settings.now == nil)
        #expect(settings.server.host == "::" && settings.server.port == 8443)
        #expect(settings.server.publicURL == URL(string: "https://pay.example.com"))
        #expect(settings.server.secret?.value.count == 32)
        #expect(settings.log.level == .warning && settings.log.format == .json)
        #expect(settings.smtp?.host == "mail.example.com" && settings.smtp?.port == 465)
        #expect(settings.sms?.accountSID == "AC1")
        #expect(settings.webhook?.url == "https://hooks.example.com/settle" && settings.webhook?.secret == "whsec_0123456789abcdef")
        #expect(!settings.scheduler.enabled && !settings.scheduler.catchUpOnStart)
        #expect(settings.worker.batchSize == 1000 && settings.worker.pollInterval == .seconds(3600))
        #expect(settings.delivery.lease == .seconds(60))
        let configuration = settings.configuration
        #expect(configuration.organisation == "acme" && !configuration.links.usesDevelopmentSecret)
        #expect(configuration.links.publicURL == "https://pay.example.com")
        #expect((configuration.time as? FixedDay)?.day.description == "2024-03-17")
    }

    @Test func theFileHoldsEverySettingUnderItsNestedKeys() throws {
        let file = try settingsFile("""
            # Settle's settings
            database: {url: "sqlite:books.db"}
            organisation: acme
            clock:
              now: 2024-03-17T12:00:00Z
            server: {host: 0.0.0.0, port: 8081, public_url: "https://pay.example.com", secret: ~}
            log: {level: error, format: json}
            smtp: {url: "smtp://relay.local:25?starttls=never"}
            sms:
              url:
            webhook: {url: "http://127.0.0.1:9000/hook", secret: "0123456789abcdef"}
            scheduler: {enabled: off, catch_up_on_start: yes}
            worker: {batch_size: 10, poll_interval: 30}
            delivery: {lease: 900}

            """)
        let settings = try SettleSettings.load(flags: [:], environment: [:], file: file)
        #expect(settings.database == .sqlite(path: "books.db") && settings.organisation == "acme")
        #expect(settings.now == Date(timeIntervalSince1970: 1_710_676_800) && settings.today == nil)
        #expect(settings.server.port == 8081 && settings.server.secret == nil, "~ leaves a setting unset")
        #expect(settings.log.level == .error && settings.log.format == .json)
        #expect(settings.smtp?.port == 25 && settings.sms == nil)
        #expect(settings.webhook?.url == "http://127.0.0.1:9000/hook")
        #expect(!settings.scheduler.enabled && settings.scheduler.catchUpOnStart)
        #expect(settings.worker.batchSize == 10 && settings.worker.pollInterval == .seconds(30))
        #expect(settings.delivery.lease == .seconds(900))
        let empty = try settingsFile("", name: "empty.yaml")
        #expect(try SettleSettings.load(flags: [:], environment: [:], file: empty) == SettleSettings())
    }

    @Test func theClockKeepsItsMeaningAsOfTheHighestSourceThatSetsIt() throws {
        func clock(_ flags: [String: String], _ environment: [String: String], file: String? = nil) throws -> (Day?, Date?) {
            let settings = try SettleSettings.load(flags: flags, environment: environment, file: file)
            return (settings.today, settings.now)
        }
        let day = { (text: String) in try Day(parsing: text) }
        let both = ["SETTLE_NOW": "2024-03-17T12:00:00Z", "SETTLE_TODAY": "2024-01-05"]
        // --as-of (a day or an instant) wins over SETTLE_NOW, which wins over SETTLE_TODAY.
        #expect(try clock(["clock.now": "2024-01-02"], both) == (day("2024-01-02"), nil))
        #expect(try clock(["clock.now": "2024-02-02T08:00:00Z"], both) == (nil, Date(timeIntervalSince1970: 1_706_860_800)))
        #expect(try clock([:], both) == (nil, Date(timeIntervalSince1970: 1_710_676_800)))
        #expect(try clock([:], ["SETTLE_NOW": "", "SETTLE_TODAY": "2024-01-05"]) == (day("2024-01-05"), nil))
        #expect(try clock([:], ["SETTLE_NOW": "2024-01-06"]) == (day("2024-01-06"), nil), "SETTLE_NOW may be a day")
        #expect(try clock([:], ["SETTLE_TODAY": ""]) == (nil, nil))
        let file = try settingsFile("clock: {now: 2024-03-17T12:00:00Z}\n")
        #expect(try clock([:], ["SETTLE_TODAY": "2024-01-05"], file: file) == (day("2024-01-05"), nil),
                "the environment's day wins over the file's instant")
        #expect(try clock([:], [:], file: file) == (nil, Date(timeIntervalSince1970: 1_710_676_800)))

        let loaded = try SettleSettings.resolve(flags: [:], environment: ["SETTLE_NOW": "2024-01-06"], file: nil)
        #expect(loaded.sources["clock.today"] == .environment("SETTLE_NOW") && loaded.sources["clock.now"] == .defaultValue)
        #expect((loaded.settings.timeSource as? FixedDay)?.day == (try day("2024-01-06")))
    }

    @Test("an invalid value names the variable and says what is expected", arguments: [
        ("SETTLE_PORT", "http", "SETTLE_PORT: 'http' is not a port number (1-65535)"),
        ("SETTLE_PORT", "65536", "SETTLE_PORT: '65536' is not a port number (1-65535)"),
        ("SETTLE_DATABASE_URL", "mysql://settle:pw@db/settle",
         "SETTLE_DATABASE_URL: 'mysql://settle:***@db/settle' is not a database URL (expected sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db)"),
        ("SETTLE_ORG", "Acme Corp", "SETTLE_ORG: 'Acme Corp' is not an organisation slug (lower-case letters, digits and dashes, such as acme)"),
        ("SETTLE_TODAY", "2024-03-17T12:00:00Z", "SETTLE_TODAY: '2024-03-17T12:00:00Z' is not a day (expected YYYY-MM-DD, such as 2024-03-17)"),
        ("SETTLE_NOW", "2024-03-17T12:00",
         "SETTLE_NOW: '2024-03-17T12:00' is not a day or an instant (expected YYYY-MM-DD or 2024-03-17T12:00:00Z)"),
        ("SETTLE_HOST", "my host", "SETTLE_HOST: 'my host' is not a host name or IP address (such as 127.0.0.1, 0.0.0.0 or ::)"),
        ("SETTLE_PUBLIC_URL", "pay.example.com",
         "SETTLE_PUBLIC_URL: 'pay.example.com' is not an absolute http:// or https:// URL (such as https://pay.example.com)"),
        ("SETTLE_PUBLIC_URL", "https://pay.example.com/?from=mail",
         "SETTLE_PUBLIC_URL: 'https://pay.example.com/?from=mail' has a query or fragment; links are made by adding paths to it"),
        ("SETTLE_SECRET", "short",
         "SETTLE_SECRET: the secret has 5 characters; use at least 32 random ones (for example the output of `openssl rand -base64 48`)"),
        ("SETTLE_LOG_LEVEL", "loud",
         "SETTLE_LOG_LEVEL: 'loud' is not a log level (trace, debug, info, notice, warning, error or critical)"),
        ("SETTLE_LOG_FORMAT", "xml", "SETTLE_LOG_FORMAT: 'xml' is not a log format (text or json)"),
        ("SETTLE_SMTP_URL", "http://mail.example.com", "SETTLE_SMTP_URL: scheme http is not smtp or smtps"),
        ("SETTLE_SMS_URL", "twilio://AC1:tok@api.twilio.com",
         "SETTLE_SMS_URL: no sender: add ?from=+E164NUMBER or ?messaging_service=MG..."),
        ("SETTLE_WEBHOOK_URL", "https://hooks.example.com/settle",
         "webhook.secret: not set, but webhook.url is (environment SETTLE_WEBHOOK_URL): events are always signed"),
        ("SETTLE_SMS_AUTH_TOKEN", "tok",
         "SETTLE_SMS_AUTH_TOKEN: the secret has 3 characters; use at least 16 random ones (for example the output of `openssl rand -base64 48`)"),
        ("SETTLE_INBOUND_EMAIL_SECRET", "inbound",
         "SETTLE_INBOUND_EMAIL_SECRET: the secret has 7 characters; use at least 16 random ones (for example the output of `openssl rand -base64 48`)"),
        ("SETTLE_WEBHOOK_SECRET", "whsec_short",
         "SETTLE_WEBHOOK_SECRET: the secret has 11 characters; use at least 16 random ones (for example the output of `openssl rand -base64 48`)"),
        ("SETTLE_SCHEDULER_ENABLED", "maybe", "SETTLE_SCHEDULER_ENABLED: 'maybe' is not true or false"),
        ("SETTLE_SCHEDULER_CATCH_UP_ON_START", "2", "SETTLE_SCHEDULER_CATCH_UP_ON_START: '2' is not true or false"),
        ("SETTLE_WORKER_BATCH_SIZE", "0", "SETTLE_WORKER_BATCH_SIZE: '0' is not a whole number from 1 to 1000"),
        ("SETTLE_WORKER_POLL_INTERVAL", "5s", "SETTLE_WORKER_POLL_INTERVAL: '5s' is not a whole number of seconds from 1 to 3600"),
        ("SETTLE_DELIVERY_LEASE", "10", "SETTLE_DELIVERY_LEASE: '10' is not a whole number of seconds from 60 to 86400"),
    ])
    func invalidEnvironmentValue(variable: String, value: String, message: String) {
        #expect(problems(environment: [variable: value]) == [message])
    }

    /// The inbound webhooks' secrets: the SMS signing token falls back to the token of `sms.url`;
    /// both print as `(set)`.
    @Test func inboundSecrets() throws {
        let fallback = try SettleSettings.load(flags: [:], environment: [
            "SETTLE_SMS_URL": "twilio://AC1:token-in-url-0123456@api.twilio.com?from=%2B15005550006"], file: nil)
        #expect(fallback.smsSigningToken?.value == "token-in-url-0123456" && fallback.inbound.emailSecret == nil)
        let set = try SettleSettings.load(flags: [:], environment: [
            "SETTLE_SMS_URL": "twilio://AC1:token-in-url-0123456@api.twilio.com?from=%2B15005550006",
            "SETTLE_SMS_AUTH_TOKEN": "inbound-token-0123456", "SETTLE_INBOUND_EMAIL_SECRET": "mail-secret-0123456"], file: nil)
        #expect(set.smsSigningToken?.value == "inbound-token-0123456" && set.inbound.emailSecret?.value == "mail-secret-0123456")
        #expect(set.shownValue(of: "sms.auth_token") == "(set)" && set.shownValue(of: "email.inbound_secret") == "(set)")
        #expect(!set.description.contains("inbound-token") && !set.description.contains("mail-secret"))
    }

    @Test func aWebhookURLIsCheckedWithItsSecret() {
        #expect(problems(environment: ["SETTLE_WEBHOOK_URL": "ftp://hooks.example.com", "SETTLE_WEBHOOK_SECRET": "0123456789abcdef"])
                == ["SETTLE_WEBHOOK_URL: the URL is not an http:// or https:// URL"])
        #expect(problems(environment: ["SETTLE_WEBHOOK_URL": "https://u:p@hooks.example.com", "SETTLE_WEBHOOK_SECRET": "0123456789abcdef"])
                == ["SETTLE_WEBHOOK_URL: the URL carries credentials; remove them: the signature authenticates Settle"])
        #expect(problems(environment: ["SETTLE_WEBHOOK_SECRET": "0123456789abcdef"]).isEmpty, "a secret alone sends nothing")
    }

    @Test func aFlagOrAFileLineIsNamedAsTheSource() throws {
        #expect(problems(flags: ["server.port": "http"]) == ["--port: 'http' is not a port number (1-65535)"])
        #expect(problems(flags: ["clock.now": "soon"])
                == ["--as-of: 'soon' is not a day or an instant (expected YYYY-MM-DD or 2024-03-17T12:00:00Z)"])
        #expect(problems(flags: ["database.url": "settle.db"]).first?.hasPrefix("--database: 'settle.db' is not a database URL") == true)
        #expect(problems(flags: ["server.prot": "1"]) == ["server.prot: no such setting"])
        let file = try settingsFile("""
            server:
              port: http
            worker: {batch_size: 5000}

            """)
        #expect(problems(file: file) == [
            "\(file):2:9: server.port: 'http' is not a port number (1-65535)",
            "\(file):3:22: worker.batch_size: '5000' is not a whole number from 1 to 1000",
        ])
        // A value a higher source overrides is still checked, and every problem is reported at once.
        #expect(problems(flags: ["server.port": "8080"], environment: ["SETTLE_PORT": "0", "SETTLE_LOG_FORMAT": "xml"],
                         file: file) == [
            "SETTLE_PORT: '0' is not a port number (1-65535)",
            "\(file):2:9: server.port: 'http' is not a port number (1-65535)",
            "SETTLE_LOG_FORMAT: 'xml' is not a log format (text or json)",
            "\(file):3:22: worker.batch_size: '5000' is not a whole number from 1 to 1000",
        ])
    }

    @Test func anUnknownKeyInTheFileIsAnErrorNamingIt() throws {
        let file = try settingsFile("""
            sever:
              port: 8080
            server:
              prot: 8080
              host: [a, b]
            log: debug
            organisation: acme
            organisation: other

            """)
        #expect(problems(file: file) == ["\(file):7:1: 'organisation' given twice"],
                "Yams refuses a duplicate key before anything else, at its first line")
        let typos = try settingsFile("""
            sever:
              port: 8080
            server:
              prot: 8080
              host: [a, b]
            log: debug

            """, name: "typos.yaml")
        #expect(problems(file: typos) == [
            "\(typos):1:1: unknown setting 'sever' (expected database, organisation, clock, server, log, smtp, sms, email, webhook, "
                + "scheduler, worker, delivery, accounts)",
            "\(typos):4:3: unknown setting 'server.prot' (server has host, port, public_url, secret)",
            "\(typos):5:9: server.host: expected a single value, not a list or a mapping",
            "\(typos):6:6: log: expected a mapping of settings (such as log: {level: ...})",
        ])
    }

    @Test func aFileThatCannotBeReadOrParsedIsNamed() throws {
        let broken = try settingsFile("server:\n  port: 8080\n secret: \"abc\n")
        let parsed = problems(file: broken)
        #expect(parsed.count == 1 && parsed[0].hasPrefix("\(broken):3:") && parsed[0].contains("not valid YAML"))
        #expect(problems(file: "/no/such/settle.yaml") == ["--config: cannot read '/no/such/settle.yaml': no such file"])
        #expect(problems(environment: ["SETTLE_CONFIG": "/no/such/settle.yaml"])
                == ["SETTLE_CONFIG: cannot read '/no/such/settle.yaml': no such file"])
        #expect(problems(file: folder.path).first?.hasSuffix("a folder, not a file") == true)
    }

    @Test func theConfigOptionWinsOverSettleConfig() throws {
        let chosen = try settingsFile("server: {port: 1111}\n")
        let other = try settingsFile("server: {port: 2222}\n", name: "other.yaml")
        #expect(try SettleSettings.load(flags: [:], environment: ["SETTLE_CONFIG": other], file: nil).server.port == 2222)
        let loaded = try SettleSettings.resolve(flags: [:], environment: ["SETTLE_CONFIG": other], file: chosen)
        #expect(loaded.settings.server.port == 1111 && loaded.file == chosen)
        #expect(try SettleSettings.load(flags: [:], environment: ["SETTLE_CONFIG": ""], file: nil) == SettleSettings())
    }

    @Test func unknownSettleVariablesAreIgnoredButListed() throws {
        let environment = ["SETTLE_PROT": "1", "SETTLE_CONFIG": "", "SETTLE_PORT": "8081", "SETTLE_TEST_POSTGRES_URL": "x", "PATH": "/bin"]
        #expect(try SettleSettings.load(flags: [:], environment: environment, file: nil).server.port == 8081)
        #expect(SettleSettings.unknownVariables(in: environment) == ["SETTLE_PROT", "SETTLE_TEST_POSTGRES_URL"])
        #expect(Set(SettleSettings.keys.map(\.environment)).count == SettleSettings.keys.count, "one variable per setting")
    }

    @Test func secretsAreNeverShown() throws {
        let secrets = ["link-secret-0123456789abcdefghijklmnop", "whsec_0123456789abcdef", "smtp-password", "sms-token", "db-password"]
        let file = try settingsFile("webhook: {url: \"https://hooks.example.com/x?token=query-token\", secret: \(secrets[1])}\n")
        let loaded = try SettleSettings.resolve(flags: ["database.url": "postgres://settle:\(secrets[4])@db/settle"], environment: [
            "SETTLE_SECRET": secrets[0], "SETTLE_SMTP_URL": "smtp://ar:\(secrets[2])@mail.example.com",
            "SETTLE_SMS_URL": "twilio://AC1:\(secrets[3])@api.twilio.com?from=%2B15005550006",
        ], file: file)
        let settings = loaded.settings
        var dumped = ""
        dump(settings, to: &dumped)
        let shown = [settings.description, settings.debugDescription, String(reflecting: settings), "\(settings)", dumped,
                     loaded.entries.map(\.value).joined(separator: " "), "\(settings.server.secret!)"]
        for text in shown {
            for secret in secrets + ["query-token"] { #expect(!text.contains(secret), "\(secret) shown in \(text)") }
        }
        let entries = Dictionary(uniqueKeysWithValues: loaded.entries.map { ($0.key.name, $0.value) })
        #expect(entries["server.secret"] == "(set)" && entries["webhook.secret"] == "(set)")
        #expect(entries["database.url"] == "postgres://settle:***@db/settle")
        #expect(entries["smtp.url"]?.hasPrefix("smtp://ar:***@mail.example.com:587") == true)
        #expect(entries["webhook.url"] == "https://hooks.example.com/x")
        #expect(SettleSettings().shownValue(of: "server.secret") == "(not set)")

        // A secret in a rejected value stays out of the message too.
        let rejected = problems(environment: [
            "SETTLE_SECRET": "short-\(secrets[3])", "SETTLE_DATABASE_URL": "mysql://u:\(secrets[4])@db/x",
            "SETTLE_SMTP_URL": "smtp://ar:\(secrets[2])@mail.example.com?auth=cram", "SETTLE_WEBHOOK_SECRET": "tiny",
        ]).joined(separator: "\n")
        #expect(rejected.contains("SETTLE_SECRET") && rejected.contains("SETTLE_SMTP_URL: auth=cram is not plain or login"))
        for secret in secrets + ["tiny"] { #expect(!rejected.contains(secret), "\(secret) shown in \(rejected)") }
    }
}
