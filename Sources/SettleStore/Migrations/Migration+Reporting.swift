extension Migration {
    /// Each organisation's exchange rates into its own currency, one per currency and day: a report converts
    /// with the latest rate on or before its day. The rate is kept as the exact decimal text given.
    ///
    /// Also indexes invoices by issue day and payments by day, so exports read a range of days a page at a
    /// time (keyset on day and id) and credit sales of a period are found without a scan of every invoice.
    static let reporting = Migration(version: 17, name: "reporting", statements: [
        """
        CREATE TABLE exchange_rates (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            day TEXT NOT NULL CHECK (length(day) = 10),
            rate TEXT NOT NULL CHECK (length(rate) BETWEEN 1 AND 40),
            created_at TEXT NOT NULL,
            UNIQUE (org_id, currency, day)
        )
        """,
        "CREATE INDEX invoices_issued ON invoices (org_id, issue_date, id)",
        "CREATE INDEX payments_day ON payments (org_id, date, id)",
    ])
}
