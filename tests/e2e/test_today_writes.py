"""`apdesk today` in fresh interpreters (decision 0019): listing writes nothing; the automatic
actions now due are opened first, as a step of its own that says so, and only once."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from tests.e2e.program import apdesk, stored_school
from tests.store_rows import row_counts

STORE = "schema-0019"  # a pupil on a CP plan, unmarked since 18 Nov 2026 (make_store.py)


def _store(data: Path) -> tuple[dict[str, int], list[str]]:
    """Rows in each table but the audit log, and the audit log's actions, oldest first."""
    paths = StorePaths(data)
    store = open_store(
        paths, key_from_secret(paths, "passphrase", f"{STORE}-test-passphrase"), datetime.now()
    )
    try:
        counts = row_counts(store.engine)
        with store.engine.connect() as conn:
            audit = conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY id").scalars()
            return {k: n for k, n in counts.items() if k != "audit_log"}, list(audit)
    finally:
        store.close()


def test_apdesk_today_opens_the_actions_due_as_its_own_step_and_lists_without_writing(
    tmp_path: Path,
) -> None:
    env = stored_school(tmp_path, STORE)
    who = {**env, "APDESK_PASSWORD": f"{STORE}-dsl-password"}
    data = tmp_path / "data"
    counts, audit = _store(data)

    first = apdesk(who, "today", "--user", "dsl")
    assert first.code == 0, first.text
    said = re.search(r"Opened (\d+) automatic actions now due\.", first.err)
    assert said is not None, first.err
    assert "My action" in first.out
    opened, audit_after = _store(data)
    # the sweep opened a missing-from-education incident too (an unmarked child on a CP plan)
    assert audit_after[len(audit) :] == ["staff.sign_in", "incident.open_missing", "action.sweep"]
    assert opened["action"] == counts["action"] + int(said[1])

    again = apdesk(who, "today", "--user", "dsl")
    assert again.code == 0, again.text
    assert again.out == first.out and "Opened" not in again.err
    # Signing in is audited; listing, and a sweep with nothing new to open, write nothing.
    assert _store(data) == (opened, [*audit_after, "staff.sign_in"])


def test_the_demo_schools_lapsed_annex_b_is_on_today_for_those_who_tick_it(
    demo_school: dict[str, str],
) -> None:
    """The demo's Kestrel Outdoor Learning renewed nothing for 380 days, with a child placed:
    its Annex B ticks are over twelve months old (the Headteacher could not sign it)."""
    line = "Annex B ticks lapsed    Kestrel Outdoor Learning: 22 Annex B ticks over twelve months"
    for user in ("dsl", "head", "attendance"):
        ran = apdesk({**demo_school, "APDESK_PASSWORD": f"demo-password-{user}"},
                     "today", "--user", user)  # fmt: skip
        assert ran.code == 0, ran.text
        shown = " ".join(ran.out.split())
        assert (" ".join(line.split()) in shown) is (user != "attendance"), (user, ran.out)
