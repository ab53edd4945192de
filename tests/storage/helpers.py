"""Small helpers for storage tests: write known names, run the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from apdesk import cli
from apdesk.storage import audit
from apdesk.storage.store import Store

KNOWN_NAMES = ("Zebedee Quartermaine", "Philippa Oyelaran-Whitcombe", "Mortimer Fenwick-Ashby")


def write_known_names(store: Store, now) -> None:  # type: ignore[no-untyped-def]
    with store.engine.begin() as conn:
        for name in KNOWN_NAMES:
            entry = audit.AuditEntry("tester", "pupil.create", "pupil", name, new={"name": name})
            audit.append(conn, entry, now)
    store.set_meta("pupil_note", " and ".join(KNOWN_NAMES))


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err
