import SettleCore
import SQLKit

/// A contact address that bounced, as a delivery status notification reported it.
public struct BouncedAddress: Sendable, Hashable {
    public var day: Day
    public var reason: String
}

extension ClientStore {
    /// The ids of the clients with a contact whose phone number has these digits (E.164 without
    /// the `+`; spaces, dashes and brackets in the stored number do not matter), in id order.
    public func clientIDs(phoneDigits digits: String) async throws -> [Int64] {
        guard !digits.isEmpty else { return [] }
        var found: [Int64] = []
        for row in try await sql.select().columns("client_id", "phone").from("contacts")
            .where("org_id", .equal, SQLBind(orgID)).where("phone", .isNot, SQLLiteral.null).orderBy("client_id").all() {
            let phone = try row.decode(column: "phone", as: String.self)
            let clientID = try row.decode(column: "client_id", as: Int64.self)
            if Self.phoneDigits(phone) == digits, !found.contains(clientID) { found.append(clientID) }
        }
        return found
    }

    /// The ids of the clients with a contact at this email address (case does not matter), in id order.
    public func clientIDs(email: String) async throws -> [Int64] {
        try await sql.raw("""
            SELECT DISTINCT client_id FROM contacts WHERE org_id = \(bind: orgID) AND lower(email) = \(bind: email.lowercased())
            ORDER BY client_id
            """).all().map { try $0.decode(column: "client_id", as: Int64.self) }
    }

    /// Marks every contact at this address as bounced (a later bounce keeps the first day);
    /// returns the ids of their clients.
    @discardableResult
    public func markBounced(email: String, day: Day, reason: String) async throws -> [Int64] {
        let clients = try await clientIDs(email: email)
        guard !clients.isEmpty else { return [] }
        try await sql.raw("""
            UPDATE contacts SET bounced_day = \(bind: day.description), bounce_reason = \(bind: reason)
            WHERE org_id = \(bind: orgID) AND lower(email) = \(bind: email.lowercased()) AND bounced_day IS NULL
            """).run()
        return clients
    }

    /// The organisation's bounced addresses, lower-cased.
    public func bouncedAddresses() async throws -> [String: BouncedAddress] {
        var found: [String: BouncedAddress] = [:]
        for row in try await sql.raw("""
            SELECT email, bounced_day, bounce_reason FROM contacts
            WHERE org_id = \(bind: orgID) AND email IS NOT NULL AND bounced_day IS NOT NULL
            """).all() {
            let email = try row.decode(column: "email", as: String.self).lowercased()
            found[email] = BouncedAddress(day: try Day(parsing: try row.decode(column: "bounced_day", as: String.self)),
                                          reason: try row.decode(column: "bounce_reason", as: String.self))
        }
        return found
    }

    /// A phone number's digits, without `+`, spaces or punctuation: `+44 7700 900123` is `447700900123`.
    public static func phoneDigits(_ number: String) -> String {
        String(number.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    }
}
