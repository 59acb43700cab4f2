extension Migration {
    /// Approvals a person gives before an escalation, and the cases an approved escalation opens.
    static let escalation = Migration(version: 5, name: "escalation", statements: [
        """
        CREATE TABLE approvals (
            id {id},
            org_id BIGINT NOT NULL,
            action_key TEXT NOT NULL,
            invoice_id BIGINT NOT NULL,
            stage TEXT NOT NULL,
            requested_on TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
            decided_on TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (org_id, action_key),
            CHECK ((status = 'open') = (decided_on IS NULL)),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        """
        CREATE TABLE cases (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('agency', 'legal', 'mediation')),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'with_agency', 'recovered', 'partly_recovered', 'closed')),
            opened_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (org_id, id),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        """
        CREATE TABLE case_invoices (
            org_id BIGINT NOT NULL,
            case_id BIGINT NOT NULL,
            invoice_id BIGINT NOT NULL,
            PRIMARY KEY (org_id, case_id, invoice_id),
            FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, id),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
    ])
}
