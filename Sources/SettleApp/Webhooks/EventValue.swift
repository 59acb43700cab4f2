/// A JSON value in an event's `data`, so each event says its fields where it is emitted.
public enum EventValue: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int64)
    case null
    case list([EventValue])
    case object([String: EventValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }

    /// A string, or null when there is none.
    public static func optional(_ text: String?) -> EventValue { text.map(EventValue.string) ?? .null }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .null: try container.encodeNil()
        case .list(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        }
    }
}
