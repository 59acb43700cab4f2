extension Migration {
    /// Outgoing webhooks: each organisation's subscriptions (where to POST, which event types, the
    /// secret that signs them) and the delivery log, one row per event and subscription, which is
    /// also the queue the dispatcher works from. The secret is kept as given, since it must sign;
    /// the API shows it only once, when the subscription is created.
    static let webhooks = Migration(version: 15, name: "webhooks", statements: [
        """
        CREATE TABLE webhook_subscriptions (
            id {id},
            org_id BIGINT NOT NULL REFERENCES organisations (id),
            public_id TEXT NOT NULL UNIQUE CHECK (length(public_id) BETWEEN 4 AND 64),
            url TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
            secret TEXT NOT NULL CHECK (length(secret) >= 16),
            created_at TEXT NOT NULL,
            disabled_at TEXT,
            UNIQUE (org_id, id)
        )
        """,
        "CREATE INDEX webhook_subscriptions_org ON webhook_subscriptions (org_id, id)",
        """
        CREATE TABLE webhook_subscription_events (
            org_id BIGINT NOT NULL,
            subscription_id BIGINT NOT NULL,
            event_type TEXT NOT NULL CHECK (length(event_type) BETWEEN 3 AND 64),
            PRIMARY KEY (subscription_id, event_type),
            FOREIGN KEY (org_id, subscription_id) REFERENCES webhook_subscriptions (org_id, id)
        )
        """,
        "CREATE INDEX webhook_subscription_events_type ON webhook_subscription_events (org_id, event_type)",
        """
        CREATE TABLE webhook_deliveries (
            id {id},
            org_id BIGINT NOT NULL,
            subscription_id BIGINT NOT NULL,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            payload {blob} NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivering', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at TEXT,
            lease_until TEXT,
            last_status INTEGER,
            last_error TEXT,
            delivered_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (org_id, subscription_id, event_id),
            CHECK ((status = 'delivering') = (lease_until IS NOT NULL)),
            CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
            CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
            FOREIGN KEY (org_id, subscription_id) REFERENCES webhook_subscriptions (org_id, id)
        )
        """,
        "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (org_id, status, next_attempt_at)",
        "CREATE INDEX webhook_deliveries_log ON webhook_deliveries (org_id, subscription_id, id)",
    ])
}
