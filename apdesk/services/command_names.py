"""What the command line's help names (export kinds, the demo's largest scale), kept here
without the services themselves so that `apdesk --help` loads no database, PDF or signing
library. `services/exports.py` and `demo/fill.py` take their names from here and
tests/test_cli_help_imports.py checks that the two agree."""

#: The CSV exports, in the order `apdesk export --help` lists them (`exports.KINDS` keys).
EXPORT_KINDS = (
    "register",
    "ap-referrals",
    "attendance",
    "risk-register",
    "reviews",
    "mis-attendance",
    "census",
)

#: The most years of records `apdesk demo --scale` fills.
DEMO_MAX_SCALE = 40
