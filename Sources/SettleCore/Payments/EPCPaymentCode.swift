/// The text of an EPC payment QR code ("GiroCode", EPC069-12, version 002, UTF-8): what a
/// banking app reads to fill in a SEPA credit transfer.
///
/// Built only from what the standard can carry, so a code that exists always scans: euro
/// amounts from 0.01 to 999,999,999.99, a beneficiary name of at most 70 characters, either an
/// RF creditor reference or an unstructured remittance of at most 140 characters, and at most
/// 331 bytes in all. Fields are separated by a line feed; trailing empty fields are left out.
public struct EPCPaymentCode: Hashable, Sendable, CustomStringConvertible {
    /// What tells the beneficiary which invoice a transfer pays; the standard allows one or the other.
    public enum Remittance: Hashable, Sendable {
        /// A structured ISO 11649 reference (`RF18539007547034`).
        case reference(CreditorReference)
        /// Free text such as "Invoice 2024-017", at most 140 characters.
        case text(String)
    }

    /// The bank's BIC; optional in version 002 within the EEA.
    public let bic: String?
    public let beneficiaryName: String
    public let iban: IBAN
    public let amount: Money
    /// An ISO 20022 purpose code of four letters (`GDDS`, `SUPP`), rarely used.
    public let purpose: String?
    public let remittance: Remittance?
    /// A note from the beneficiary to the payer shown by the banking app, at most 70 characters.
    public let information: String?

    public static let largestPayload = 331
    public static let smallestAmount = Money(minorUnits: 1, currency: .EUR)
    public static let largestAmount = Money(minorUnits: 99_999_999_999, currency: .EUR)

    /// Checks every field against EPC069-12 and refuses, with the reason, what a code cannot carry.
    public init(bic: String?, beneficiaryName: String, iban: IBAN, amount: Money, purpose: String? = nil,
                remittance: Remittance?, information: String? = nil) throws(EPCPaymentCodeError) {
        guard amount.currency == .EUR else { throw .notEuro(amount) }
        guard amount.minorUnits >= Self.smallestAmount.minorUnits,
              amount.minorUnits <= Self.largestAmount.minorUnits else { throw .amountOutOfRange(amount) }
        if let bic, !bic.isEmpty {
            do { self.bic = try BIC.validated(bic) } catch { throw .malformedBIC(bic) }
        } else {
            self.bic = nil
        }
        let name = beneficiaryName.trimmingSpaces
        guard !name.isEmpty else { throw .beneficiaryNameMissing }
        try Self.check(name, field: "beneficiary name", longest: 70)
        self.beneficiaryName = name
        self.iban = iban
        self.amount = amount
        if let purpose, !purpose.isEmpty {
            guard purpose.count == 4, purpose.allSatisfy({ $0.isASCII && $0.isLetter && $0.isUppercase }) else {
                throw .malformedPurpose(purpose)
            }
            self.purpose = purpose
        } else {
            self.purpose = nil
        }
        if case .text(let text) = remittance {
            try Self.check(text, field: "remittance text", longest: 140)
        }
        self.remittance = remittance
        if let information { try Self.check(information, field: "information to the payer", longest: 70) }
        self.information = information.flatMap { $0.isEmpty ? nil : $0 }
        let size = payload.utf8.count
        guard size <= Self.largestPayload else { throw .payloadTooLong(bytes: size) }
    }

    /// The text to encode in the QR code (UTF-8, ECC level M).
    public var payload: String {
        var fields = ["BCD", "002", "1", "SCT", bic ?? "", beneficiaryName, iban.value, "EUR" + amount.decimalString,
                      purpose ?? ""]
        switch remittance {
        case .reference(let reference): fields += [reference.value, ""]
        case .text(let text): fields += ["", text]
        case nil: fields += ["", ""]
        }
        fields.append(information ?? "")
        while fields.last?.isEmpty == true { fields.removeLast() }
        return fields.joined(separator: "\n")
    }

    /// The payload's UTF-8 bytes.
    public var bytes: [UInt8] { Array(payload.utf8) }

    public var description: String { payload }

    private static func check(_ text: String, field: String, longest: Int) throws(EPCPaymentCodeError) {
        guard !text.contains(where: \.isNewline) else { throw .lineBreak(field: field) }
        guard text.count <= longest else { throw .tooLong(field: field, characters: text.count, longest: longest) }
    }
}

/// Why an EPC payment QR code could not be made.
public enum EPCPaymentCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case notEuro(Money)
    case amountOutOfRange(Money)
    case malformedBIC(String)
    case beneficiaryNameMissing
    case tooLong(field: String, characters: Int, longest: Int)
    case lineBreak(field: String)
    case malformedPurpose(String)
    case payloadTooLong(bytes: Int)

    public var description: String {
        switch self {
        case .notEuro(let amount):
            return "an EPC payment QR code carries euro amounts only; \(amount) needs other payment instructions"
        case .amountOutOfRange(let amount):
            return "an EPC payment QR code carries 0.01 to 999999999.99 EUR; \(amount) is outside that range"
        case .malformedBIC(let text):
            return "\"\(text)\" is not a BIC (8 or 11 characters, such as DEUTDEFF or DEUTDEFF500); correct it in the bank details or leave it empty"
        case .beneficiaryNameMissing:
            return "an EPC payment QR code needs the account holder's name; set it in the bank details"
        case .tooLong(let field, let characters, let longest):
            return "the \(field) has \(characters) characters; an EPC payment QR code allows at most \(longest), so shorten it"
        case .lineBreak(let field):
            return "the \(field) contains a line break, which an EPC payment QR code cannot carry; write it on one line"
        case .malformedPurpose(let text):
            return "\"\(text)\" is not an ISO 20022 purpose code (four capital letters, such as SUPP)"
        case .payloadTooLong(let bytes):
            return "the EPC payment QR code would hold \(bytes) bytes, more than the 331 allowed; shorten the name or the remittance text"
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
