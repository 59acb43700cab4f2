/// The paper a document is laid out for.
public enum PageSize: String, Sendable, Hashable, CaseIterable {
    /// ISO 216 A4, 210 × 297 mm: Europe and most of the world.
    case a4
    /// US Letter, 8.5 × 11 in: the United States and Canada.
    case usLetter = "letter"

    /// Width and height in PDF points (1/72 inch).
    var points: (width: Double, height: Double) {
        switch self {
        case .a4: return (210 / 25.4 * 72, 297 / 25.4 * 72)
        case .usLetter: return (8.5 * 72, 11 * 72)
        }
    }

    /// The usual paper in a country (ISO 3166-1 alpha-2): Letter in North America and a few
    /// countries that follow it, A4 everywhere else.
    public init(country: String) {
        self = ["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"].contains(country.uppercased()) ? .usLetter : .a4
    }
}
