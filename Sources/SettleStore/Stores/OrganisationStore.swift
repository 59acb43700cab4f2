import SettleCore
import SQLKit

/// An organisation as stored, with its row id (the `org_id` of everything it owns).
public struct StoredOrganisation: Sendable, Hashable {
    public let id: Int64
    public let organisation: Organisation
}

/// Organisations: created by `settle org create` (and `default` by `settle migrate`).
public struct OrganisationStore: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func create(_ organisation: Organisation, now: String) async throws -> StoredOrganisation {
        if try await find(organisation.slug) != nil { throw StoreError.organisationExists(organisation.slug) }
        let row = try await sql.insert(into: "organisations")
            .columns("slug", "name", "currency", "time_zone", "country", "allocation_order", "auto_apply_credit", "created_at")
            .values(SQLBind(organisation.slug), SQLBind(organisation.name), SQLBind(organisation.currency.code),
                    SQLBind(organisation.timeZone), SQLBind(organisation.country),
                    SQLBind(organisation.allocationOrder.description), SQLBind(organisation.autoApplyCredit), SQLBind(now))
            .returning("id")
            .first()
        guard let row else { throw StoreError.corrupt("no id returned for organisation \(organisation.slug)") }
        return StoredOrganisation(id: try row.decode(column: "id", as: Int64.self), organisation: organisation)
    }

    /// Changes the organisation's name, reporting currency, time zone and country.
    public func update(_ id: Int64, name: String, currency: Currency, timeZone: String, country: String) async throws {
        try await sql.update("organisations").set("name", to: SQLBind(name)).set("currency", to: SQLBind(currency.code))
            .set("time_zone", to: SQLBind(timeZone)).set("country", to: SQLBind(country))
            .where("id", .equal, SQLBind(id)).run()
    }

    public func find(_ slug: String) async throws -> StoredOrganisation? {
        guard let row = try await sql.select().columns("*").from("organisations")
            .where("slug", .equal, SQLBind(slug)).first() else { return nil }
        return try Self.decode(row)
    }

    /// The organisation, or an error naming the slug.
    public func require(_ slug: String) async throws -> StoredOrganisation {
        guard let found = try await find(slug) else { throw StoreError.unknownOrganisation(slug) }
        return found
    }

    public func all() async throws -> [StoredOrganisation] {
        try await sql.select().columns("*").from("organisations").orderBy("slug").all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> StoredOrganisation {
        let slug = try row.decode(column: "slug", as: String.self)
        let order = try row.decode(column: "allocation_order", as: String.self)
        let organisation = Organisation(
            slug: slug,
            name: try row.decode(column: "name", as: String.self),
            currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            country: try row.decode(column: "country", as: String.self),
            allocationOrder: try AllocationOrder(parsing: order),
            autoApplyCredit: try row.decode(column: "auto_apply_credit", as: Bool.self))
        return StoredOrganisation(id: try row.decode(column: "id", as: Int64.self), organisation: organisation)
    }
}
