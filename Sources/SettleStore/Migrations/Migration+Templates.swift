extension Migration {
    /// Message templates an organisation saved over the defaults, and the organisation's
    /// payment details and signature that every message carries.
    static let templates = Migration(version: 4, name: "templates", statements: [
        """
        CREATE TABLE templates (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
            language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 3),
            tone TEXT NOT NULL CHECK (tone IN ('friendly', 'polite', 'firm', 'formal', 'final', 'supportive')),
            subject TEXT NOT NULL CHECK (length(subject) > 0),
            text_body TEXT NOT NULL CHECK (length(text_body) > 0),
            html_body TEXT NOT NULL CHECK (length(html_body) > 0),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (org_id, name, language, tone)
        )
        """,
        """
        CREATE TABLE organisation_settings (
            org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
            bank_name TEXT NOT NULL DEFAULT '',
            iban TEXT NOT NULL DEFAULT '' CHECK (iban = '' OR length(iban) BETWEEN 15 AND 34),
            bic TEXT NOT NULL DEFAULT '' CHECK (bic = '' OR length(bic) IN (8, 11)),
            signature TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """,
    ])
}
