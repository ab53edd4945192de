"""The MIS attendance file and the census fields, from the command line, on a whole school's
store written by an older APDesk (tests/stores/demo-0007)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from apdesk.domain.census import HEADER as CENSUS_HEADER
from apdesk.domain.mis_attendance import HEADER as MIS_HEADER
from tests.e2e.program import apdesk, environment

DEMO_0007 = Path(__file__).resolve().parents[1] / "stores" / "demo-0007"


def test_the_mis_and_census_exports_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO_0007, data)
    env = environment(
        tmp_path,
        keyring="none",
        APDESK_DATA_DIR=str(data),
        APDESK_PASSPHRASE="a long demo passphrase for testing",
        APDESK_PASSWORD="demo-password-dsl",
    )
    refused = apdesk(env, "export", "mis-attendance", "--out", str(data / "apdesk.db"),
                     "--user", "dsl")  # fmt: skip
    assert refused.code != 0 and "Nothing was written" in refused.err
    out = tmp_path / "mis.csv"
    ran = apdesk(env, "export", "mis-attendance", "--out", str(out), "--user", "dsl")
    assert ran.code == 0, ran.text
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == MIS_HEADER and len(rows) > 100
    assert f"Wrote {len(rows) - 1} rows" in ran.err
    assert {r[4] for r in rows[1:]} == {"AM", "PM"}
    assert all(r[0] and r[3].count("/") == 2 for r in rows[1:])
    census = apdesk(env, "export", "census", "--user", "dsl")
    assert census.code == 0, census.text
    placed = list(csv.reader(io.StringIO(census.out)))
    assert tuple(placed[0]) == CENSUS_HEADER
    assert all(sum(bool(r[i]) for i in (5, 6, 7)) == 1 for r in placed[1:])  # one identifier
