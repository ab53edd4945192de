"""Multi-agency details through `apdesk` in a fresh interpreter, on the small stored
schema-0016 store (a CP-plan pupil with a proposed placement whose next CP conference was due
30 Nov 2026): `apdesk today` shows the DSL and the Headteacher it is overdue."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.program import apdesk, stored_school


def test_an_overdue_cp_conference_on_today_for_the_dsl_and_headteacher(tmp_path: Path) -> None:
    env = stored_school(tmp_path, "schema-0016")
    for user in ("dsl", "head"):
        who = {**env, "APDESK_PASSWORD": f"schema-0016-{user}-password"}
        shown = apdesk(who, "today", "--user", user)
        assert shown.code == 0, shown.text
        assert "Child-protection conference overdue" in shown.out
        assert (
            "Robin Testcase: child-protection conference was due 30 Nov 2026 "
            "(last held 30 Aug 2026)" in shown.out
        )
