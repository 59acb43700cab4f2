/// Why the store refused or failed an operation, in words a user can act on.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidDatabaseURL(String)
    case cannotOpen(String, reason: String)
    case notMigrated
    case newerSchema(found: Int, known: Int)
    case olderSchema(missing: [Int])
    case unknownOrganisation(String)
    case organisationExists(String)
    case unknownClient(String)
    case clientExists(String)
    case unknownInvoice(String)
    case invoiceExists(String)
    case unknownPayment(Int64)
    case corrupt(String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let text):
            return "\"\(text)\" is not a database URL (expected sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db)"
        case .cannotOpen(let url, let reason):
            return "cannot open the database \(url): \(reason)"
        case .notMigrated:
            return "the database has no Settle schema yet; run `settle migrate` first"
        case .olderSchema(let missing):
            return "the database schema lacks migrations \(missing.map(String.init).joined(separator: ", ")); run `settle migrate`"
        case .newerSchema(let found, let known):
            return "the database schema is version \(found) but this settle knows only up to \(known); upgrade settle"
        case .unknownOrganisation(let slug):
            return "no organisation \"\(slug)\" (create it with `settle org create \(slug) ...`)"
        case .organisationExists(let slug):
            return "organisation \"\(slug)\" already exists"
        case .unknownClient(let code):
            return "no client \"\(code)\""
        case .clientExists(let code):
            return "client \"\(code)\" already exists"
        case .unknownInvoice(let number):
            return "no invoice \"\(number)\""
        case .invoiceExists(let number):
            return "invoice \"\(number)\" already exists"
        case .unknownPayment(let id):
            return "no payment \(id)"
        case .corrupt(let detail):
            return "stored data is inconsistent: \(detail)"
        }
    }
}
