import Foundation

/// What a browser would send for one form of a page, as the page fills it in: each named input
/// (a checkbox only when checked, as `on`), each select's selected option (else its first) and
/// each text area's text. The submit buttons are left out; the test adds its `intent`.
enum PageForm {
    static func fields(in page: String, action: String) -> [String: String]? {
        guard let start = page.range(of: "action=\"\(action)\"") else { return nil }
        let rest = page[start.upperBound...]
        guard let end = rest.range(of: "</form>") else { return nil }
        let form = rest[..<end.lowerBound]
        var fields: [String: String] = [:]
        for match in form.matches(of: /<input([^>]*)>/) {
            let attributes = attributes(String(match.1))
            guard let name = attributes["name"] else { continue }
            if attributes["type"] == "checkbox" {
                if attributes["checked"] != nil { fields[name] = "on" }
            } else {
                fields[name] = unescaped(attributes["value"] ?? "")
            }
        }
        for match in form.matches(of: /(?s)<select([^>]*)>(.*?)<\/select>/) {
            guard let name = attributes(String(match.1))["name"] else { continue }
            let options = match.2.matches(of: /<option([^>]*)>/).map { attributes(String($0.1)) }
            fields[name] = unescaped((options.first { $0["selected"] != nil } ?? options.first)?["value"] ?? "")
        }
        for match in form.matches(of: /(?s)<textarea([^>]*)>(.*?)<\/textarea>/) {
            guard let name = attributes(String(match.1))["name"] else { continue }
            fields[name] = unescaped(String(match.2))
        }
        return fields
    }

    /// A tag's attributes; one without a value (`checked`) has an empty value.
    static func attributes(_ text: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for match in text.matches(of: /([a-z-]+)(?:="([^"]*)")?/) {
            attributes[String(match.1)] = match.2.map(String.init) ?? ""
        }
        return attributes
    }

    static func unescaped(_ text: String) -> String {
        var text = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&#x2F;", "/"), ("&#47;", "/"), ("&lt;", "<"),
                                    ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }
}
