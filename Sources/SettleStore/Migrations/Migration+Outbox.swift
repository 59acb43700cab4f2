extension Migration {
    /// The outbox: every message a cycle decided becomes a row with its rendered content, its
    /// status and, once handed to a server, the exact bytes sent. The organisation's sender
    /// identity, postal addresses for letters, and worklist tasks for deliveries that failed.
    static let outbox = Migration(version: 8, name: "outbox", statements: [
        "ALTER TABLE organisation_settings ADD COLUMN sender_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE organisation_settings ADD COLUMN sender_email TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE organisation_settings ADD COLUMN reply_to TEXT NOT NULL DEFAULT ''",
        // Postal addresses, one line per line, for letters.
        "ALTER TABLE organisation_settings ADD COLUMN address TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE clients ADD COLUMN address TEXT NOT NULL DEFAULT ''",
        """
        CREATE TABLE messages (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            key TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'letter', 'webhook')),
            client_id BIGINT NOT NULL,
            recipient TEXT NOT NULL,
            template TEXT NOT NULL,
            tone TEXT NOT NULL,
            language TEXT NOT NULL,
            final_notice INTEGER NOT NULL DEFAULT 0 CHECK (final_notice IN (0, 1)),
            subject TEXT NOT NULL,
            body_text TEXT NOT NULL,
            body_html TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'held', 'sending', 'sent', 'failed', 'cancelled')),
            not_before TEXT,
            note TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_error TEXT,
            lease_until TEXT,
            message_id TEXT,
            content {blob},
            day TEXT NOT NULL CHECK (length(day) = 10),
            sent_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (org_id, key),
            CHECK ((status = 'sending') = (lease_until IS NOT NULL)),
            CHECK (status <> 'sent' OR (sent_at IS NOT NULL AND content IS NOT NULL)),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        "CREATE INDEX messages_due ON messages (org_id, status, not_before)",
        "CREATE INDEX messages_client ON messages (org_id, client_id)",
        """
        CREATE TABLE message_invoices (
            org_id BIGINT NOT NULL,
            message_id BIGINT NOT NULL REFERENCES messages (id),
            invoice_id BIGINT NOT NULL,
            PRIMARY KEY (message_id, invoice_id),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        "CREATE INDEX message_invoices_invoice ON message_invoices (org_id, invoice_id)",
        // Tasks gain the kind `delivery` (a message that could not be delivered). SQLite cannot
        // change a CHECK constraint in place, so the table is rebuilt the same way on both engines.
        """
        CREATE TABLE tasks_v8 (
            id {id},
            org_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('call', 'apply_credit', 'charges_left', 'delivery')),
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
        INSERT INTO tasks_v8 (id, org_id, key, kind, client_id, invoice_id, due_day, reason, status, outcome, note,
            completed_on, created_at)
        SELECT id, org_id, key, kind, client_id, invoice_id, due_day, reason, status, outcome, note, completed_on, created_at
        FROM tasks
        """,
        "DROP TABLE tasks",
        "ALTER TABLE tasks_v8 RENAME TO tasks",
        "CREATE INDEX tasks_open ON tasks (org_id, status, due_day)",
        // The copied rows keep their ids; PostgreSQL's identity must continue after them.
        Migration.postgresOnly + "SELECT setval(pg_get_serial_sequence('tasks', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM tasks",
    ])
}
