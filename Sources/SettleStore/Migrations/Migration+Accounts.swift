extension Migration {
    /// The people and programs that may use an organisation: users signing in with an email
    /// and password, and API keys. Neither a password nor a key is ever stored in clear: a user
    /// row holds a bcrypt hash, a key row the SHA-256 of the key, and the CHECKs refuse anything
    /// shaped otherwise.
    static let accounts = Migration(version: 12, name: "accounts", statements: [
        """
        CREATE TABLE users (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
            password_hash TEXT NOT NULL CHECK (length(password_hash) = 60 AND password_hash LIKE '$2_$%'),
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'collector', 'viewer')),
            created_at TEXT NOT NULL,
            disabled_at TEXT,
            UNIQUE (org_id, email)
        )
        """,
        """
        CREATE TABLE api_keys (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            public_id TEXT NOT NULL UNIQUE CHECK (length(public_id) = 20 AND substr(public_id, 1, 4) = 'key_'),
            key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'collector', 'viewer')),
            name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            last_used_at TEXT
        )
        """,
        "CREATE INDEX api_keys_org ON api_keys (org_id, id)",
    ])
}
