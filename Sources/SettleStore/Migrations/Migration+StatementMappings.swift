extension Migration {
    /// Saved column mappings for banks' CSV exports, each for one of the organisation's bank
    /// accounts; the definition is the mapping as JSON.
    static let statementMappings = Migration(version: 10, name: "statement_mappings", statements: [
        """
        CREATE TABLE statement_mappings (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
            bank_account_id BIGINT NOT NULL,
            definition TEXT NOT NULL CHECK (length(definition) > 0),
            created_at TEXT NOT NULL,
            UNIQUE (org_id, name),
            FOREIGN KEY (org_id, bank_account_id) REFERENCES bank_accounts (org_id, id)
        )
        """,
    ])
}
