"""The encrypted store: SQLCipher engine, key slots, migrations, backup, lock and audit chain.

Importing the package itself loads nothing: `paths`, `keyslots`, `crypto`, `files`, `errors`,
`keyring_store`, `lock` and `location` import no SQLAlchemy, so a start shows its window before
the database libraries load (decision 0024). Importing `mapping` maps the domain's entities
onto the tables, once per process, and every module that reaches the ORM imports it (`store`,
`audit`, and through them every service), so no entity can be built unmapped by code that
could save it: an entity made before mapping has no instrumentation and breaks the first
relationship it touches (the first set-up wizard failed exactly so).
`tests/test_mapping_imports.py` checks that each service naming an entity, and each place
the program starts from, imports the mapping.
"""
