import Hummingbird
import OpenAPIRuntime

/// Placeholder while the server is assembled.
enum SettleServerVersion {
    static let api = "1.0.0"
}
