"""`apdesk --help` (and a usage mistake) loads no database, PDF or signing library.

A fresh interpreter runs the real entry point under `python -X importtime`, which names every
module imported; SQLAlchemy, ReportLab, pyHanko, Alembic and aiohttp cost most of a second
and are imported only by the commands that use them. This is a correctness test (what is
imported), not a timing test: `benchmarks/bench.py` times `--help` against argparse alone.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from apdesk.services import exports
from apdesk.services.command_names import EXPORT_KINDS
from tests.e2e.program import ROOT, environment

HEAVY = ("sqlalchemy", "sqlcipher3", "reportlab", "pyhanko", "alembic", "aiohttp", "PySide6")


def _imported(tmp_path: object, *args: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "apdesk", *args],
        cwd=ROOT,
        env=environment(tmp_path),  # type: ignore[arg-type]
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    modules = {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.returncode, modules


@pytest.mark.parametrize(
    ("args", "code"),
    [(("--help",), 0), (("document", "--help"), 0), (("export", "--help"), 0), (("export",), 2)],
)
def test_help_and_usage_errors_load_no_heavy_library(
    tmp_path: object, args: tuple[str, ...], code: int
) -> None:
    returned, modules = _imported(tmp_path, *args)
    assert returned == code
    assert "apdesk.cli" in modules  # the real entry point ran
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"apdesk {' '.join(args)} imported {heavy[:8]}"
    assert not any(m.startswith("apdesk.storage") for m in modules)  # it maps the entities


def test_the_help_names_every_export_in_order() -> None:
    assert list(EXPORT_KINDS) == list(exports.KINDS)
