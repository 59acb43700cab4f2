extension WebPages {
    /// An optional text for a `{{#name}}…{{.}}…{{/name}}` section. Mustache renders a section for
    /// a nil put in the values (showing "nil") and for an empty text, but not for an empty list.
    static func shown(_ text: String?) -> [String] {
        text.map { [$0] } ?? []
    }
}
