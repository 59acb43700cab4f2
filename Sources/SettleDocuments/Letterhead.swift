import SettleCore

/// Who a document comes from: the organisation's name and address at the top of every page,
/// where it is paid, and who signs.
public struct Letterhead: Hashable, Sendable {
    public var name: String
    /// Postal address, one line each (street, postcode and town, country).
    public var address: [String]
    /// Email, telephone, web site, VAT or company number: one line each, printed small.
    public var contact: [String]
    /// The closing lines (a person's name, a role); may span several lines.
    public var signature: String
    /// Where clients pay; documents leave payment instructions out without it.
    public var bankDetails: BankDetails?

    public init(name: String, address: [String], contact: [String] = [], signature: String = "",
                bankDetails: BankDetails? = nil) {
        self.name = name
        self.address = address
        self.contact = contact
        self.signature = signature
        self.bankDetails = bankDetails
    }

    /// The letterhead of an organisation with its payment settings; the account holder is the
    /// organisation. Settings without an IBAN give a letterhead without payment instructions.
    public init(organisation: Organisation, settings: OrganisationSettings, address: [String],
                contact: [String] = []) throws(DocumentError) {
        var bankDetails: BankDetails?
        if !settings.iban.isEmpty {
            bankDetails = try BankDetails(accountHolder: organisation.name, bankName: settings.bankName,
                                          iban: settings.iban, bic: settings.bic)
        }
        self.init(name: organisation.name, address: address, contact: contact, signature: settings.signature,
                  bankDetails: bankDetails)
    }
}

/// The account a client pays into.
public struct BankDetails: Hashable, Sendable {
    public var accountHolder: String
    public var bankName: String
    public var iban: IBAN
    /// Upper case, 8 or 11 characters, or nil.
    public var bic: String?

    public init(accountHolder: String, bankName: String, iban: IBAN, bic: String?) {
        self.accountHolder = accountHolder
        self.bankName = bankName
        self.iban = iban
        self.bic = bic
    }

    /// Checks the IBAN's check digits and the BIC's shape; an empty BIC means none.
    public init(accountHolder: String, bankName: String, iban: String, bic: String) throws(DocumentError) {
        do {
            self.init(accountHolder: accountHolder, bankName: bankName, iban: try IBAN(validating: iban),
                      bic: bic.isEmpty ? nil : try BIC.validated(bic))
        } catch {
            throw .bankDetails(error)
        }
    }
}

/// Who a document is addressed to, and so in which language it is written.
public struct Recipient: Hashable, Sendable {
    public var name: String
    /// A person to mark the letter for (`Attn: Accounts payable`), if any.
    public var attention: String?
    /// Postal address, one line each.
    public var address: [String]
    /// The client's own code at the business, printed as "Customer number".
    public var clientCode: String?
    public var language: DocumentLanguage

    public init(name: String, attention: String? = nil, address: [String], clientCode: String? = nil,
                language: DocumentLanguage) {
        self.name = name
        self.attention = attention
        self.address = address
        self.clientCode = clientCode
        self.language = language
    }

    /// A client at a postal address, written to in the client's language, for the attention of
    /// its billing contact when it has one.
    public init(client: Client, address: [String]) {
        let billing = client.contacts.first { $0.role == .billing } ?? client.contacts.first
        self.init(name: client.name, attention: billing?.name, address: address, clientCode: client.code,
                  language: DocumentLanguage(tag: client.language))
    }
}

extension BankDetails {
    /// The EPC payment QR code for paying `amount` into this account with `reference`: nil for
    /// amounts not in euro or outside 0.01...999,999,999.99 EUR, which no code can carry (the
    /// bank details alone are printed then); an error for details a code cannot hold.
    public func paymentCode(amount: Money, reference: CreditorReference) throws(DocumentError) -> EPCPaymentCode? {
        guard amount.currency == .EUR, amount.minorUnits >= EPCPaymentCode.smallestAmount.minorUnits,
              amount.minorUnits <= EPCPaymentCode.largestAmount.minorUnits else { return nil }
        do {
            return try EPCPaymentCode(bic: bic, beneficiaryName: accountHolder, iban: iban, amount: amount,
                                      remittance: .reference(reference))
        } catch {
            throw .paymentCode(error)
        }
    }
}
