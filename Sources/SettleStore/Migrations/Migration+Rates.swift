extension Migration {
    /// Corrections and additions to the reference rate tables shipped with Settle (Bank Rate, ECB, Basiszinssatz).
    ///
    /// These rates are public facts, the same for every organisation, so the tables deliberately carry
    /// no `org_id`: a rate one organisation corrects is corrected for all of them.
    static let rates = Migration(version: 2, name: "rates", statements: [
        """
        CREATE TABLE reference_rates (
            table_name TEXT NOT NULL CHECK (length(table_name) BETWEEN 1 AND 64),
            effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
            rate_millionths INTEGER NOT NULL CHECK (rate_millionths BETWEEN -1000000 AND 1000000),
            created_at TEXT NOT NULL,
            PRIMARY KEY (table_name, effective_from)
        )
        """,
        """
        CREATE TABLE reference_rate_tables (
            table_name TEXT PRIMARY KEY CHECK (length(table_name) BETWEEN 1 AND 64),
            known_through TEXT NOT NULL CHECK (length(known_through) = 10),
            updated_at TEXT NOT NULL
        )
        """,
    ])
}
