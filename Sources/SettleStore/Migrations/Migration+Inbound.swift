extension Migration {
    /// What comes back from clients: their replies (by email or text), opt-outs they take back
    /// (an SMS `START`), email addresses that bounced, and worklist tasks for replies and bounces.
    static let inbound = Migration(version: 14, name: "inbound", statements: [
        """
        CREATE TABLE replies (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            client_id BIGINT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
            sender TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            external_id TEXT NOT NULL CHECK (length(external_id) > 0),
            message_id BIGINT REFERENCES messages (id),
            day TEXT NOT NULL CHECK (length(day) = 10),
            created_at TEXT NOT NULL,
            UNIQUE (org_id, client_id, channel, external_id),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        "CREATE INDEX replies_client ON replies (org_id, client_id, day)",
        // A client who opted out may opt back in (SMS START): the opt-out stays as history.
        "ALTER TABLE contact_preferences ADD COLUMN revoked_day TEXT",
        "ALTER TABLE contact_preferences ADD COLUMN revoked_note TEXT NOT NULL DEFAULT ''",
        // An address a delivery status notification reported as failing; no email goes to it.
        "ALTER TABLE contacts ADD COLUMN bounced_day TEXT",
        "ALTER TABLE contacts ADD COLUMN bounce_reason TEXT NOT NULL DEFAULT ''",
        // Tasks gain the kinds `reply` and `bounce`. SQLite cannot change a CHECK constraint in
        // place, so the table is rebuilt as in migration 8.
        """
        CREATE TABLE tasks_v14 (
            id {id},
            org_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('call', 'apply_credit', 'charges_left', 'delivery', 'reply', 'bounce')),
            client_id BIGINT NOT NULL,
            invoice_id BIGINT,
            due_day TEXT NOT NULL CHECK (length(due_day) = 10),
            reason TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
            outcome TEXT CHECK (outcome IN ('reached', 'voicemail', 'no_answer', 'promise', 'dispute', 'wrong_number', 'done')),
            note TEXT NOT NULL DEFAULT '',
            completed_on TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (org_id, key),
            CHECK ((status = 'done') = (completed_on IS NOT NULL)),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        """
        INSERT INTO tasks_v14 (id, org_id, key, kind, client_id, invoice_id, due_day, reason, status, outcome, note,
            completed_on, created_at)
        SELECT id, org_id, key, kind, client_id, invoice_id, due_day, reason, status, outcome, note, completed_on, created_at
        FROM tasks
        """,
        "DROP TABLE tasks",
        "ALTER TABLE tasks_v14 RENAME TO tasks",
        "CREATE INDEX tasks_open ON tasks (org_id, status, due_day)",
        Migration.postgresOnly + "SELECT setval(pg_get_serial_sequence('tasks', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM tasks",
    ])
}
