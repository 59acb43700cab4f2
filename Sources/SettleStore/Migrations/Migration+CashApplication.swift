extension Migration {
    /// Cash application: what each statement entry was matched to, the candidates a person
    /// chooses from, the debtor accounts clients were seen paying from, and the organisation's
    /// confidence threshold for applying a match without a person.
    static let cashApplication = Migration(version: 11, name: "cash application", statements: [
        "ALTER TABLE statement_entries ADD COLUMN client_id BIGINT",
        "ALTER TABLE statement_entries ADD COLUMN payment_id BIGINT",
        // A reversal entry names the entry whose payment it undid.
        "ALTER TABLE statement_entries ADD COLUMN reverses_entry_id BIGINT",
        "ALTER TABLE statement_entries ADD COLUMN confidence INTEGER",
        // Why it was applied (the match's reason), why it was ignored, or why nothing fits.
        "ALTER TABLE statement_entries ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
        // 'auto' (Settle) or 'person'; NULL while undecided.
        "ALTER TABLE statement_entries ADD COLUMN decided_by TEXT",
        "ALTER TABLE statement_entries ADD COLUMN decided_at TEXT",
        "ALTER TABLE statement_entries ADD COLUMN invoices TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX statement_entries_payment ON statement_entries (org_id, payment_id)",
        "CREATE INDEX statement_entries_client ON statement_entries (org_id, client_id)",
        """
        CREATE TABLE statement_candidates (
            id {id},
            org_id BIGINT NOT NULL,
            entry_id BIGINT NOT NULL REFERENCES statement_entries (id),
            rank INTEGER NOT NULL,
            client_id BIGINT NOT NULL,
            invoices TEXT NOT NULL,
            confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
            reason TEXT NOT NULL,
            UNIQUE (entry_id, rank)
        )
        """,
        "CREATE INDEX statement_candidates_org ON statement_candidates (org_id, entry_id)",
        """
        CREATE TABLE client_accounts (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            account TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (org_id, account, client_id)
        )
        """,
        "ALTER TABLE organisation_settings ADD COLUMN match_threshold INTEGER NOT NULL DEFAULT 90",
    ])
}
