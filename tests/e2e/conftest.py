"""One demo school per test run, made by the program itself.

`apdesk init` and `apdesk demo` run once, in fresh interpreters, exactly as in the README;
each test that asks for `demo_school` gets its own copy of the data folder they wrote (the
store is opened by its passphrase, so a copy unlocks like the original). Building the demo
costs half a minute; seven tests each building their own took a fifth of the suite.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from tests.e2e.program import apdesk, passphrase_school


@pytest.fixture
def demo_school(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh copy of the demo school, in `tmp_path / "data"`."""
    run = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        run = run.parent  # this run's folder, above each worker's own
    shared = run / "demo-school"
    with FileLock(f"{shared}.lock"):
        if not (shared / "made").exists():
            shutil.rmtree(shared, ignore_errors=True)
            env = passphrase_school(shared)
            for step in (("init", "--passphrase"), ("demo",)):
                ran = apdesk(env, *step)
                assert ran.code == 0, ran.text
            (shared / "made").touch()
    shutil.copytree(shared / "data", tmp_path / "data")
    return passphrase_school(tmp_path)
