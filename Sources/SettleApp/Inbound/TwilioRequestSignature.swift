import Crypto
import Foundation

/// Twilio's signature of a webhook request (`X-Twilio-Signature`): base64 of the HMAC-SHA1,
/// keyed with the account's auth token, of the full URL Twilio called followed by each POST
/// parameter's name and value, the parameters sorted by name (no separators).
public enum TwilioRequestSignature {
    /// The header that carries it.
    public static let header = "X-Twilio-Signature"

    /// The signature of a request to `url` with these form parameters.
    public static func sign(url: String, parameters: [(name: String, value: String)], authToken: String) -> String {
        Data(HMAC<Insecure.SHA1>.authenticationCode(for: Array(signedText(url: url, parameters: parameters).utf8),
                                                   using: SymmetricKey(data: Array(authToken.utf8)))).base64EncodedString()
    }

    /// Whether `signature` is Twilio's for this request; compared in constant time.
    public static func isValid(_ signature: String?, url: String, parameters: [(name: String, value: String)],
                               authToken: String) -> Bool {
        guard let signature, let code = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)) else { return false }
        return HMAC<Insecure.SHA1>.isValidAuthenticationCode(code, authenticating: Array(signedText(url: url, parameters: parameters).utf8),
                                                              using: SymmetricKey(data: Array(authToken.utf8)))
    }

    /// The URL and the parameters, sorted by name (then value, for a name given twice), concatenated.
    static func signedText(url: String, parameters: [(name: String, value: String)]) -> String {
        let sorted = parameters.sorted { ($0.name.utf8.lexicographicallyPrecedes($1.name.utf8)) ||
            ($0.name == $1.name && $0.value.utf8.lexicographicallyPrecedes($1.value.utf8)) }
        return url + sorted.map { $0.name + $0.value }.joined()
    }
}
