extension Migration {
    static let all: [Migration] = [foundation, rates, collections, templates, escalation, plans, contactRules, outbox, statements,
                                    statementMappings, cashApplication, accounts, server, inbound, webhooks, cycleTime,
                                    reporting, webSessions]

    /// Organisations, clients, contacts, invoices and their lines, payments and the ledger.
    /// Invariants live here too: every row carries `org_id`, children reference their parent
    /// within the same organisation (composite foreign keys), and CHECKs keep kinds and signs right.
    static let foundation = Migration(version: 1, name: "foundation", statements: [
        """
        CREATE TABLE organisations (
            id {id},
            slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
            name TEXT NOT NULL CHECK (length(name) > 0),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            time_zone TEXT NOT NULL,
            country TEXT NOT NULL CHECK (length(country) = 2),
            allocation_order TEXT NOT NULL DEFAULT 'costs,interest,principal',
            auto_apply_credit BOOLEAN NOT NULL DEFAULT FALSE,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE clients (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
            name TEXT NOT NULL CHECK (length(name) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('business', 'consumer')),
            country TEXT NOT NULL CHECK (length(country) = 2),
            time_zone TEXT NOT NULL,
            language TEXT NOT NULL,
            terms TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (org_id, code),
            UNIQUE (org_id, id)
        )
        """,
        """
        CREATE TABLE contacts (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            name TEXT NOT NULL,
            email TEXT,
            phone TEXT,
            role TEXT NOT NULL CHECK (role IN ('billing', 'accounts_payable', 'other')),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        "CREATE INDEX contacts_client ON contacts (org_id, client_id)",
        """
        CREATE TABLE invoices (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
            issue_date TEXT NOT NULL CHECK (length(issue_date) = 10),
            due_date TEXT NOT NULL CHECK (length(due_date) = 10),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            terms TEXT,
            description TEXT NOT NULL DEFAULT '',
            total_minor BIGINT NOT NULL CHECK (total_minor > 0),
            reference TEXT NOT NULL,
            voided_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (org_id, number),
            UNIQUE (org_id, id),
            CHECK (due_date >= issue_date),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        "CREATE INDEX invoices_client_due ON invoices (org_id, client_id, due_date)",
        "CREATE INDEX invoices_due ON invoices (org_id, due_date)",
        """
        CREATE TABLE invoice_lines (
            id {id},
            org_id BIGINT NOT NULL,
            invoice_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            description TEXT NOT NULL,
            quantity_thousandths BIGINT NOT NULL,
            unit_price_minor BIGINT NOT NULL,
            tax_rate_millionths INTEGER NOT NULL CHECK (tax_rate_millionths >= 0),
            UNIQUE (org_id, invoice_id, position),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        """
        CREATE TABLE payments (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            date TEXT NOT NULL CHECK (length(date) = 10),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
            method TEXT NOT NULL CHECK (method IN
                ('card', 'bank_transfer', 'direct_debit', 'cash', 'check', 'online', 'other')),
            reference TEXT NOT NULL DEFAULT '',
            invoice_id BIGINT,
            reversed_on TEXT,
            reversal_reason TEXT CHECK (reversal_reason IN ('chargeback', 'bounced', 'mistake')),
            created_at TEXT NOT NULL,
            UNIQUE (org_id, id),
            CHECK ((reversed_on IS NULL) = (reversal_reason IS NULL)),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        "CREATE INDEX payments_client ON payments (org_id, client_id, date)",
        """
        CREATE TABLE ledger_entries (
            id {id},
            org_id BIGINT NOT NULL,
            invoice_id BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('principal', 'discount', 'fee', 'compensation', 'interest',
                'allocation', 'reversal', 'discount_reversal', 'credit_note', 'write_off')),
            component TEXT NOT NULL CHECK (component IN ('principal', 'costs', 'interest')),
            amount_minor BIGINT NOT NULL,
            date TEXT NOT NULL CHECK (length(date) = 10),
            payment_id BIGINT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ((kind IN ('principal', 'fee', 'compensation', 'interest', 'reversal', 'discount_reversal') AND amount_minor > 0)
                OR (kind IN ('discount', 'allocation', 'credit_note', 'write_off') AND amount_minor < 0)),
            CHECK (kind NOT IN ('principal', 'discount', 'discount_reversal', 'credit_note') OR component = 'principal'),
            CHECK (kind NOT IN ('fee', 'compensation') OR component = 'costs'),
            CHECK (kind <> 'interest' OR component = 'interest'),
            CHECK ((kind IN ('allocation', 'discount', 'reversal', 'discount_reversal')) = (payment_id IS NOT NULL)),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id),
            FOREIGN KEY (org_id, payment_id) REFERENCES payments (org_id, id)
        )
        """,
        "CREATE INDEX ledger_invoice ON ledger_entries (org_id, invoice_id, date)",
        "CREATE INDEX ledger_payment ON ledger_entries (org_id, payment_id)",
    ])
}
