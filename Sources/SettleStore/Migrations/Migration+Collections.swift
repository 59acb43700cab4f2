extension Migration {
    /// What the collections engine records and reads: stored policies and their assignment,
    /// the actions it took (unique keys make a rerun of a day add nothing), the worklist,
    /// promises, disputes, pauses and hardship, contact preferences and notes.
    static let collections = Migration(version: 3, name: "collections", statements: [
        """
        CREATE TABLE policies (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
            source TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (org_id, name)
        )
        """,
        "ALTER TABLE clients ADD COLUMN policy TEXT",
        "ALTER TABLE invoices ADD COLUMN policy TEXT",
        """
        CREATE TABLE actions (
            id {id},
            org_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            invoice_id BIGINT NOT NULL,
            day TEXT NOT NULL CHECK (length(day) = 10),
            stage TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('email', 'sms', 'letter', 'call_task', 'webhook', 'late_fee', 'interest', 'escalate')),
            tone TEXT NOT NULL CHECK (tone IN ('friendly', 'polite', 'firm', 'formal', 'final', 'supportive')),
            template TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('due', 'skipped', 'awaiting_approval')),
            reason TEXT NOT NULL,
            message_key TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (org_id, key),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        "CREATE INDEX actions_invoice ON actions (org_id, invoice_id)",
        "CREATE INDEX actions_day ON actions (org_id, day)",
        """
        CREATE TABLE tasks (
            id {id},
            org_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('call', 'apply_credit', 'charges_left')),
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
        "CREATE INDEX tasks_open ON tasks (org_id, status, due_day)",
        """
        CREATE TABLE promises (
            id {id},
            org_id BIGINT NOT NULL,
            invoice_id BIGINT NOT NULL,
            made_on TEXT NOT NULL,
            promised_date TEXT NOT NULL,
            amount_minor BIGINT CHECK (amount_minor > 0),
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'partly_kept', 'broken', 'cancelled')),
            closed_on TEXT,
            created_at TEXT NOT NULL,
            CHECK (promised_date >= made_on),
            CHECK ((status = 'open') = (closed_on IS NULL)),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        "CREATE INDEX promises_invoice ON promises (org_id, invoice_id, status)",
        """
        CREATE TABLE disputes (
            id {id},
            org_id BIGINT NOT NULL,
            invoice_id BIGINT NOT NULL,
            opened_on TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('pricing', 'quality', 'not_received', 'duplicate', 'other')),
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            outcome TEXT CHECK (outcome IN ('upheld', 'rejected', 'partial')),
            credit_minor BIGINT CHECK (credit_minor > 0),
            resolved_on TEXT,
            created_at TEXT NOT NULL,
            CHECK ((status = 'resolved') = (outcome IS NOT NULL AND resolved_on IS NOT NULL)),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        "CREATE INDEX disputes_invoice ON disputes (org_id, invoice_id, status)",
        """
        CREATE TABLE client_holds (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('pause', 'hardship')),
            from_day TEXT NOT NULL,
            until_day TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (until_day >= from_day),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        "CREATE INDEX client_holds_client ON client_holds (org_id, client_id, kind, until_day)",
        """
        CREATE TABLE contact_preferences (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('opt_out', 'cease')),
            channel TEXT CHECK (channel IN ('email', 'sms', 'call')),
            day TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ((kind = 'opt_out') = (channel IS NOT NULL)),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        """
        CREATE TABLE notes (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            invoice_id BIGINT,
            day TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(text) > 0),
            created_at TEXT NOT NULL,
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        "CREATE INDEX notes_client ON notes (org_id, client_id)",
    ])
}
