"""The store: tables (models), migrations, the database connection (db), YAML sync (sync),
the reminder ledger (ledger) and user actions (actions)."""
