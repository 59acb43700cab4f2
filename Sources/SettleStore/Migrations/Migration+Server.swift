extension Migration {
    /// What the API server keeps: the first response to each `Idempotency-Key` of an organisation
    /// (for 24 hours), so a retried POST is answered the same and does its work once.
    static let server = Migration(version: 13, name: "server", statements: [
        """
        CREATE TABLE idempotency_keys (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
            request_hash TEXT NOT NULL,
            status INTEGER NOT NULL,
            content_type TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (org_id, key)
        )
        """,
        "CREATE INDEX idempotency_keys_age ON idempotency_keys (org_id, created_at)",
    ])
}
