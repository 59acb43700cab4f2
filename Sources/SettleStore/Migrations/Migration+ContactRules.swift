extension Migration {
    /// An organisation's rules for contacting clients: contact hours in the client's local time,
    /// weekends and holidays, and the frequency preset. No row means the defaults (08:00-21:00,
    /// weekends and holidays allowed, one email a day).
    static let contactRules = Migration(version: 7, name: "contact_rules", statements: [
        """
        CREATE TABLE contact_rules (
            org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
            quiet_start TEXT NOT NULL DEFAULT '08:00' CHECK (length(quiet_start) = 5),
            quiet_end TEXT NOT NULL DEFAULT '21:00' CHECK (length(quiet_end) = 5),
            no_weekends BOOLEAN NOT NULL DEFAULT FALSE,
            no_holidays BOOLEAN NOT NULL DEFAULT FALSE,
            frequency TEXT NOT NULL DEFAULT 'default' CHECK (frequency IN ('default', 'reg_f', 'massachusetts')),
            updated_at TEXT NOT NULL,
            CHECK (quiet_start < quiet_end)
        )
        """,
    ])
}
