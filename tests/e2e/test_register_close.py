"""The window left open across a register's close, through `apdesk` in a fresh interpreter
under libfaketime (Monday 30 Nov 2026 from 09:41:30, the clock running ten times fast): the
stored school's pupil, unmarked since 18 Nov, is not yet absent for Monday's AM session when
Today first loads, and is on Today once the AM register closes at 09:45 (the school's own
time, not the 10:00 default), with nothing saved and no restart."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.program import _run, stored_school

STORE = "schema-0019"


@pytest.mark.skipif(not shutil.which("faketime"), reason="needs faketime (apt-get faketime)")
def test_an_unmarked_session_reaches_the_open_window_when_its_register_closes(
    tmp_path: Path,
) -> None:
    env = {
        **stored_school(tmp_path, STORE),
        "ROBOT_USERNAME": "dsl",
        "ROBOT_PASSWORD": f"{STORE}-dsl-password",
        "ROBOT_PASSPHRASE": f"{STORE}-test-passphrase",
        "ROBOT_TAB": "Today",
        "ROBOT_WAIT_FOR": "Unexplained absence | Mon 30 Nov 2026 | Robin Testcase: AM no mark",
        "ROBOT_TIMEOUT": "600",  # fake seconds: one real minute
    }
    clock = ["faketime", "-f", "@2026-11-30 09:41:30 x10"]
    ran = _run([*clock, sys.executable, "-m", "tests.e2e.robot"], env, timeout=180)
    assert ran.code == 0, ran.text
    assert "FIRST LOOK: not there" in ran.out, ran.text  # 09:4x: the register is still open
    assert "FOUND: Unexplained absence | Mon 30 Nov 2026" in ran.out, ran.text
    assert "Traceback" not in ran.text
