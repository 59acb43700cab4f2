import Foundation
import SettleCore
import SettleStore

/// Changes to an organisation's settings; nil leaves a setting as it is, empty text clears it.
public struct OrganisationSettingsChange: Sendable {
    public var bankName: String?
    public var iban: String?
    public var bic: String?
    public var signature: String?
    public var senderName: String?
    public var senderEmail: String?
    public var replyTo: String?
    /// The postal address, lines separated by `|` or line breaks.
    public var address: String?
    /// The confidence at or above which bank transfers are applied without a person.
    public var matchThreshold: Int?
    /// When the daily cycle runs on the organisation's clock (`HH:MM`).
    public var cycleTime: String?

    public init(bankName: String? = nil, iban: String? = nil, bic: String? = nil, signature: String? = nil,
                senderName: String? = nil, senderEmail: String? = nil, replyTo: String? = nil, address: String? = nil,
                matchThreshold: Int? = nil, cycleTime: String? = nil) {
        self.matchThreshold = matchThreshold
        self.cycleTime = cycleTime
        self.bankName = bankName
        self.iban = iban
        self.bic = bic
        self.signature = signature
        self.senderName = senderName
        self.senderEmail = senderEmail
        self.replyTo = replyTo
        self.address = address
    }

    public var isEmpty: Bool {
        bankName == nil && iban == nil && bic == nil && signature == nil && senderName == nil && senderEmail == nil && replyTo == nil
            && address == nil && matchThreshold == nil && cycleTime == nil
    }
}

extension Settle {
    /// The organisation's payment details and signature (empty until set).
    public func organisationSettings() async throws -> OrganisationSettings {
        let org = try await organisation()
        return try await OrganisationSettingsStore(database.sql, orgID: org.id).load()
    }

    /// Applies the change after checking the IBAN's check digits and the BIC's shape.
    public func updateOrganisationSettings(_ change: OrganisationSettingsChange) async throws -> OrganisationSettings {
        let org = try await organisation()
        let store = OrganisationSettingsStore(database.sql, orgID: org.id)
        var settings = try await store.load()
        if let bankName = change.bankName { settings.bankName = bankName.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let iban = change.iban {
            settings.iban = iban.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : try IBAN(validating: iban).value
        }
        if let bic = change.bic {
            settings.bic = bic.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : try BIC.validated(bic)
        }
        if let signature = change.signature { settings.signature = signature.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let senderName = change.senderName {
            let name = senderName.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.contains(where: \.isNewline), name.count <= 100 else {
                throw InputError("--sender-name must be one line of at most 100 characters")
            }
            settings.senderName = name
        }
        if let senderEmail = change.senderEmail { settings.senderEmail = try EmailAddressRule.checked(senderEmail, option: "--sender-email") }
        if let replyTo = change.replyTo { settings.replyTo = try EmailAddressRule.checked(replyTo, option: "--reply-to") }
        if let address = change.address {
            let lines = address.split(whereSeparator: { $0 == "|" || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard lines.count <= 6, lines.allSatisfy({ $0.count <= 70 }) else {
                throw InputError("--address has at most 6 lines of at most 70 characters, separated by |")
            }
            settings.address = lines
        }
        if let threshold = change.matchThreshold {
            guard (50...100).contains(threshold) else {
                throw InputError("--match-threshold must be between 50 and 100 (100: every match waits for a person), not \(threshold)")
            }
            settings.matchThreshold = threshold
        }
        if let cycleTime = change.cycleTime {
            do { settings.cycleTime = try LocalTime(parsing: cycleTime) } catch {
                throw InputError("--cycle-time must be a time of day as HH:MM (such as 06:00), not \"\(cycleTime)\"")
            }
        }
        try await store.save(settings, now: timestamp)
        return settings
    }
}

/// The shape of an email address a message is sent from or replied to.
enum EmailAddressRule {
    /// The address trimmed, or empty to clear it; refuses what no mail server would take.
    static func checked(_ text: String, option: String) throws -> String {
        let address = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty else { return "" }
        // A header address besides: plain ASCII, no brackets a display name could break out of.
        guard FieldRules.isEmail(address),
              address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0 != "<" && $0 != ">" }) else {
            throw InputError("\(option) \"\(address)\" is not an email address such as accounts@example.com")
        }
        return address
    }
}
