"""The window through `apdesk` in a fresh interpreter, twice, on the small stored schema-0015
store: the tab last open and the heading its list was sorted by are there again next time."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.e2e.program import environment, robot

STORE = Path(__file__).parent.parent / "stores" / "schema-0015"


def test_the_last_tab_and_its_sort_order_are_remembered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(STORE, data)
    env = environment(
        tmp_path, "none", APDESK_DATA_DIR=str(data),
        ROBOT_USERNAME="dsl", ROBOT_PASSWORD="schema-0015-dsl-password",
        ROBOT_PASSPHRASE="schema-0015-test-passphrase",
    )  # fmt: skip
    first = robot({**env, "ROBOT_TAB": "Pupils", "ROBOT_SORT": "Name descending"})
    assert first.code == 0, first.text
    assert "shown: Today" in first.out, first.text  # the first run opens on Today
    assert "left: Pupils, by Name descending" in first.out, first.text
    again = robot(env)
    assert again.code == 0, again.text
    assert "shown: Pupils, by Name descending" in again.out, again.text
    assert "Traceback" not in first.text + again.text
