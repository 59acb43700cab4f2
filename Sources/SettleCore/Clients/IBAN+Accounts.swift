import Foundation

extension IBAN {
    /// The German IBAN of an account given the old way, by bank code (BLZ, 8 digits) and account
    /// number (up to 10 digits), as MT940 statements of German banks still name it: `DE`, the
    /// check digits, the bank code and the account number padded with zeros to 10 digits.
    public init(germanBankCode bankCode: String, accountNumber: String) throws(BankDetailsError) {
        guard bankCode.count == 8, bankCode.allSatisfy(\.isASCIIDigit),
              (1...10).contains(accountNumber.count), accountNumber.allSatisfy(\.isASCIIDigit) else {
            throw .malformedGermanAccount("\(bankCode)/\(accountNumber)")
        }
        let basic = bankCode + String(repeating: "0", count: 10 - accountNumber.count) + accountNumber
        let check = 98 - CreditorReference.mod97(basic + "DE00")
        try self.init(validating: "DE" + (check < 10 ? "0" : "") + String(check) + basic)
    }
}

extension IBAN {
    /// A bank account as people read it: an IBAN in groups of four, another account number as it is.
    public static func shown(_ account: String) -> String {
        (try? IBAN(validating: account)).map(\.printed) ?? account
    }
}

/// The number of an account at a bank without IBANs.
public enum BankAccountNumber {
    /// Checks the shape: 5 to 34 letters, digits, `/` or `-`.
    public static func validated(_ text: String) -> String? {
        let number = text.trimmingCharacters(in: .whitespaces)
        guard (5...34).contains(number.count),
              number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "/" || $0 == "-") }) else { return nil }
        return number
    }
}
