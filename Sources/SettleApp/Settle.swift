import Foundation
import Logging
import SettleCore
import SettleStore

/// How a run of Settle is set up: which database, which organisation, as of when, and how
/// portal links are signed (`SettleSettings.configuration` makes one from the settings).
public struct SettleConfiguration: Sendable {
    public var database: DatabaseURL
    public var organisation: String
    public var time: any TimeSource
    public var links: ClientLinkSigner
    /// The bcrypt cost of new password hashes (`PasswordHashing.defaultCost`; lower only in tests).
    public var passwordCost: Int

    public init(database: DatabaseURL = .defaultValue, organisation: String = "default", time: any TimeSource = SystemTime(),
                links: ClientLinkSigner = .development, passwordCost: Int = PasswordHashing.defaultCost) {
        self.database = database
        self.organisation = organisation
        self.time = time
        self.links = links
        self.passwordCost = passwordCost
    }
}

/// The use cases of Settle over one database, for one organisation, with an injected clock.
/// The command-line tool and (later) the server are thin wrappers over this type.
public final class Settle: Sendable {
    public let database: SettleDatabase
    public let time: any TimeSource
    public let organisationSlug: String
    /// Signs the clients' portal and unsubscribe links in messages.
    public let links: ClientLinkSigner
    /// The bcrypt cost of new password hashes, 4 to 31 (see `PasswordHashing`).
    public let passwordCost: Int

    public init(database: SettleDatabase, organisation: String, time: any TimeSource, links: ClientLinkSigner = .development,
                passwordCost: Int = PasswordHashing.defaultCost) {
        precondition(PasswordHashing.costs.contains(passwordCost), "a bcrypt cost is 4 to 31")
        self.database = database
        self.organisationSlug = organisation
        self.time = time
        self.links = links
        self.passwordCost = passwordCost
    }

    public static func open(_ configuration: SettleConfiguration, logger: Logger = Logger(label: "settle")) async throws -> Settle {
        let database = try await SettleDatabase.open(configuration.database, logger: logger)
        return Settle(database: database, organisation: configuration.organisation, time: configuration.time,
                      links: configuration.links, passwordCost: configuration.passwordCost)
    }

    public func close() async { await database.close() }

    /// The current instant as stored in `created_at` columns.
    public var timestamp: String { Self.instantText(time.now()) }

    /// Applies pending migrations and makes sure the `default` organisation exists.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let applied = try await Migrator(database: database).migrate(now: timestamp)
        let organisations = OrganisationStore(database.sql)
        if try await organisations.find("default") == nil {
            try await organisations.create(Settle.defaultOrganisation, now: timestamp)
        }
        return applied
    }

    /// The organisation `settle migrate` creates: edit it or create your own with `settle org create`.
    public static let defaultOrganisation = Organisation(
        slug: "default", name: "Default organisation", currency: .EUR, timeZone: "Europe/Berlin", country: "DE")

    /// Creates an organisation after checking each field.
    public func createOrganisation(_ organisation: Organisation) async throws -> StoredOrganisation {
        try await Migrator(database: database).requireCurrent()
        guard Organisation.isSlug(organisation.slug) else {
            throw InputError("\"\(organisation.slug)\" is not a valid slug (lower-case letters, digits and dashes)")
        }
        try Self.check(organisation)
        return try await OrganisationStore(database.sql).create(organisation, now: timestamp)
    }

    static func check(_ organisation: Organisation) throws {
        guard !organisation.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw InputError("the name is empty") }
        guard FieldRules.isTimeZone(organisation.timeZone) else {
            throw InputError("\"\(organisation.timeZone)\" is not an IANA time zone (such as Europe/Berlin)")
        }
        guard FieldRules.isCountry(organisation.country) else {
            throw InputError("\"\(organisation.country)\" is not an ISO 3166 country code (such as DE)")
        }
    }

    /// Changes this organisation's name, reporting currency, time zone and country (each checked).
    @discardableResult
    public func updateOrganisation(name: String, currency code: String, timeZone: String, country: String) async throws -> Organisation {
        let stored = try await organisation()
        var changed = stored.organisation
        changed.name = name.trimmingCharacters(in: .whitespaces)
        do { changed.currency = try Currency(code: code.trimmingCharacters(in: .whitespaces).uppercased()) } catch {
            throw InputError("\"\(code)\" is not an ISO 4217 currency code (such as EUR)")
        }
        changed.timeZone = timeZone.trimmingCharacters(in: .whitespaces)
        changed.country = country.trimmingCharacters(in: .whitespaces).uppercased()
        try Self.check(changed)
        try await OrganisationStore(database.sql).update(stored.id, name: changed.name, currency: changed.currency,
                                                         timeZone: changed.timeZone, country: changed.country)
        return changed
    }

    /// The organisation this run works for; fails clearly when the schema or organisation is missing.
    public func organisation() async throws -> StoredOrganisation {
        try await Migrator(database: database).requireCurrent()
        return try await OrganisationStore(database.sql).require(organisationSlug)
    }

    /// Today in the organisation's time zone.
    public func today(for organisation: StoredOrganisation) -> Day {
        time.today(in: TimeZone(identifier: organisation.organisation.timeZone) ?? .gmt)
    }
}

/// Input a person gave that Settle cannot accept; the message says what to change.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
