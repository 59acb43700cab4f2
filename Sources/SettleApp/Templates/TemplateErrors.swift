import SettleCore

/// Something wrong in a template's source, located like a compiler error: `SOURCE:LINE:COLUMN: message`,
/// where SOURCE is the file the part came from (or `subject`).
public struct TemplateProblem: Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(source: String, line: Int, column: Int, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(source):\(line):\(column): \(message)" }
}

/// A template that was not saved, with every problem found in it.
public struct TemplateRejected: Error, Sendable, CustomStringConvertible {
    public var problems: [TemplateProblem]

    public var description: String {
        (problems.map(\.description) + ["the template was not saved"]).joined(separator: "\n")
    }
}

/// Why a template could not be found, saved or rendered.
public enum TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedLanguage(String)
    case unknownTone(String)
    case invalidName(String)
    case unknownTemplate(name: String, language: String, tone: Tone)
    case noInvoices
    case mixedCurrencies([String])
    case severalClients([String])
    case weakSecret

    public var description: String {
        switch self {
        case .unsupportedLanguage(let code):
            let known = MessageLanguage.allCases.map(\.rawValue).joined(separator: ", ")
            return "templates are written in \(known); \"\(code)\" is not one of them"
        case .unknownTone(let text):
            return "\"\(text)\" is not a tone (expected \(Tone.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .invalidName(let name):
            return "\"\(name)\" is not a template name (1 to 64 lower-case letters, digits and _, starting with a letter)"
        case .unknownTemplate(let name, let language, let tone):
            return "no template \"\(name)\" in \(language) for the \(tone.rawValue) tone or any tone near it "
                + "(see `settle template list`)"
        case .noInvoices:
            return "a message needs at least one invoice"
        case .mixedCurrencies(let codes):
            return "one message cannot list amounts in several currencies (\(codes.joined(separator: ", ")))"
        case .severalClients(let codes):
            return "one message goes to one client; these invoices belong to \(codes.joined(separator: ", "))"
        case .weakSecret:
            return "SETTLE_SECRET must be at least 32 characters (for example the output of `openssl rand -base64 48`)"
        }
    }
}
