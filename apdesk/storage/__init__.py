"""The encrypted store: SQLCipher engine, key slots, migrations, backup, lock and audit chain."""
