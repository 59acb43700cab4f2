import Foundation
import Logging
import SettleCore
import SettleDelivery
import SettleStore

/// What is wrong with one value, in words that say what is expected. It quotes the value
/// unless that is a secret (and then only its length) or hides the password of a URL.
struct InvalidSetting: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}

/// Reads setting values from text, one function per kind of value.
enum SettingParsers {
    static func database(_ text: String) throws(InvalidSetting) -> DatabaseURL {
        do {
            return try DatabaseURL(parsing: text)
        } catch {
            throw InvalidSetting("'\(withoutPassword(text))' is not a database URL (expected sqlite:PATH, sqlite::memory: "
                                 + "or postgres://user:pass@host:port/db)")
        }
    }

    static func slug(_ text: String) throws(InvalidSetting) -> String {
        guard Organisation.isSlug(text) else {
            throw InvalidSetting("'\(text)' is not an organisation slug (lower-case letters, digits and dashes, such as acme)")
        }
        return text
    }

    static func day(_ text: String) throws(InvalidSetting) -> Day {
        do {
            return try Day(parsing: text)
        } catch {
            throw InvalidSetting("'\(text)' is not a day (expected YYYY-MM-DD, such as 2024-03-17)")
        }
    }

    static func moment(_ text: String) throws(InvalidSetting) -> AsOf {
        do {
            return try AsOf(parsing: text)
        } catch {
            throw InvalidSetting("'\(text)' is not a day or an instant (expected YYYY-MM-DD or 2024-03-17T12:00:00Z)")
        }
    }

    static func host(_ text: String) throws(InvalidSetting) -> String {
        let allowed = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:_%".contains($0)) }
        guard !text.isEmpty, text.count <= 253, allowed else {
            throw InvalidSetting("'\(text)' is not a host name or IP address (such as 127.0.0.1, 0.0.0.0 or ::)")
        }
        return text
    }

    static func port(_ text: String) throws(InvalidSetting) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw InvalidSetting("'\(text)' is not a port number (1-65535)")
        }
        return port
    }

    /// An absolute `http://` or `https://` URL without credentials, query or fragment: paths are appended to it.
    static func publicURL(_ text: String) throws(InvalidSetting) -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), components.host?.isEmpty == false, let url = components.url else {
            throw InvalidSetting("'\(withoutPassword(text))' is not an absolute http:// or https:// URL (such as https://pay.example.com)")
        }
        guard components.user == nil, components.password == nil else {
            throw InvalidSetting("'\(withoutPassword(text))' carries credentials; give only the address clients open")
        }
        guard components.query == nil, components.fragment == nil else {
            throw InvalidSetting("'\(text)' has a query or fragment; links are made by adding paths to it")
        }
        return url
    }

    /// A secret of at least `minimum` characters; the message gives its length, never the secret.
    static func secret(_ text: String, minimum: Int) throws(InvalidSetting) -> Secret {
        guard text.count >= minimum else {
            throw InvalidSetting("the secret has \(text.count) characters; use at least \(minimum) random ones "
                                 + "(for example the output of `openssl rand -base64 48`)")
        }
        return Secret(text)
    }

    static func smtp(_ text: String) throws(InvalidSetting) -> SMTPConfiguration {
        do {
            return try SMTPConfiguration(url: text)
        } catch let error as SMTPConfigurationError {
            throw InvalidSetting(error.reason)
        } catch {
            throw InvalidSetting("not usable")
        }
    }

    static func sms(_ text: String) throws(InvalidSetting) -> SMSConfiguration {
        do {
            return try SMSConfiguration(url: text)
        } catch let error as SMSConfigurationError {
            throw InvalidSetting(error.reason)
        } catch {
            throw InvalidSetting("not usable")
        }
    }

    static func logLevel(_ text: String) throws(InvalidSetting) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw InvalidSetting("'\(text)' is not a log level (\(list(Logger.Level.allCases.map(\.rawValue))))")
        }
        return level
    }

    static func logFormat(_ text: String) throws(InvalidSetting) -> SettleSettings.LogFormat {
        guard let format = SettleSettings.LogFormat(rawValue: text.lowercased()) else {
            throw InvalidSetting("'\(text)' is not a log format (\(list(SettleSettings.LogFormat.allCases.map(\.rawValue))))")
        }
        return format
    }

    static func bool(_ text: String) throws(InvalidSetting) -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw InvalidSetting("'\(text)' is not true or false")
        }
    }

    static func integer(_ text: String, in range: ClosedRange<Int>) throws(InvalidSetting) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidSetting("'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func seconds(_ text: String, in range: ClosedRange<Int>) throws(InvalidSetting) -> Duration {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidSetting("'\(text)' is not a whole number of seconds from \(range.lowerBound) to \(range.upperBound)")
        }
        return .seconds(value)
    }

    /// `a, b or c`.
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    /// A URL with the password of its user part replaced by `***`, safe to show.
    static func withoutPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
