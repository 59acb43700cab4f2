extension Migration {
    /// The organisation's bank accounts and the entries of the statements read for them. An
    /// entry is stored once per account and fingerprint (the bank's reference, or its content),
    /// so a statement read twice, or two that overlap, add nothing the second time.
    static let statements = Migration(version: 9, name: "statements", statements: [
        """
        CREATE TABLE bank_accounts (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            account TEXT NOT NULL CHECK (length(account) BETWEEN 5 AND 34),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            created_at TEXT NOT NULL,
            UNIQUE (org_id, account),
            UNIQUE (org_id, id)
        )
        """,
        """
        CREATE TABLE statement_entries (
            id {id},
            org_id BIGINT NOT NULL,
            bank_account_id BIGINT NOT NULL,
            fingerprint TEXT NOT NULL,
            bank_reference TEXT,
            direction TEXT NOT NULL CHECK (direction IN ('credit', 'debit')),
            reversal INTEGER NOT NULL CHECK (reversal IN (0, 1)),
            amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            booking_date TEXT,
            value_date TEXT,
            end_to_end TEXT,
            remittance TEXT NOT NULL,
            creditor_references TEXT NOT NULL,
            counterparty_name TEXT,
            counterparty_account TEXT,
            file TEXT NOT NULL,
            position TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'unmatched' CHECK (status IN ('unmatched', 'suggested', 'applied', 'ignored')),
            created_at TEXT NOT NULL,
            UNIQUE (org_id, bank_account_id, fingerprint),
            FOREIGN KEY (org_id, bank_account_id) REFERENCES bank_accounts (org_id, id)
        )
        """,
        "CREATE INDEX statement_entries_status ON statement_entries (org_id, status)",
    ])
}
