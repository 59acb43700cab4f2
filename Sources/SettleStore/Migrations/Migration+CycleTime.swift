extension Migration {
    /// Each organisation's time of day for its daily collection cycle (`HH:MM`, its local clock).
    static let cycleTime = Migration(version: 16, name: "cycle_time", statements: [
        "ALTER TABLE organisation_settings ADD COLUMN cycle_time TEXT NOT NULL DEFAULT '06:00'",
    ])
}
