extension Migration {
    /// Sign-in sessions of the web app (only the SHA-256 of each session's secret is kept) and the
    /// failed sign-ins that throttle guessing.
    static let webSessions = Migration(version: 18, name: "web_sessions", statements: [
        """
        CREATE TABLE web_sessions (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            user_id BIGINT NOT NULL REFERENCES users (id),
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            ended_at TEXT
        )
        """,
        "CREATE INDEX web_sessions_user ON web_sessions (org_id, user_id)",
        """
        CREATE TABLE sign_in_failures (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            email TEXT NOT NULL,
            failed_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX sign_in_failures_email ON sign_in_failures (org_id, email, failed_at)",
    ])
}
