extension Migration {
    /// Payment plans: the invoices they cover and their instalments.
    static let plans = Migration(version: 6, name: "plans", statements: [
        """
        CREATE TABLE payment_plans (
            id {id},
            org_id BIGINT NOT NULL,
            client_id BIGINT NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            created_on TEXT NOT NULL,
            frequency TEXT NOT NULL CHECK (frequency IN ('week', '2weeks', 'month')),
            waive_fees BOOLEAN NOT NULL DEFAULT FALSE,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'defaulted', 'cancelled')),
            closed_on TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (org_id, id),
            CHECK ((status = 'active') = (closed_on IS NULL)),
            FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
        )
        """,
        """
        CREATE TABLE plan_invoices (
            org_id BIGINT NOT NULL,
            plan_id BIGINT NOT NULL,
            invoice_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (org_id, plan_id, invoice_id),
            FOREIGN KEY (org_id, plan_id) REFERENCES payment_plans (org_id, id),
            FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
        )
        """,
        """
        CREATE TABLE plan_instalments (
            org_id BIGINT NOT NULL,
            plan_id BIGINT NOT NULL,
            number INTEGER NOT NULL CHECK (number >= 0),
            due_day TEXT NOT NULL CHECK (length(due_day) = 10),
            amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
            PRIMARY KEY (org_id, plan_id, number),
            FOREIGN KEY (org_id, plan_id) REFERENCES payment_plans (org_id, id)
        )
        """,
    ])
}
