import Foundation
import SettleCore
import SettleStore

/// Changes to an organisation's settings; nil leaves a setting as it is, empty text clears it.
public struct OrganisationSettingsChange: Sendable {
    public var bankName: String?
    public var iban: String?
    public var bic: String?
    public var signature: String?

    public init(bankName: String? = nil, iban: String? = nil, bic: String? = nil, signature: String? = nil) {
        self.bankName = bankName
        self.iban = iban
        self.bic = bic
        self.signature = signature
    }

    public var isEmpty: Bool { bankName == nil && iban == nil && bic == nil && signature == nil }
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
        try await store.save(settings, now: timestamp)
        return settings
    }
}
