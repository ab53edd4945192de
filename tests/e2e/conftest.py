"""One demo school per test run, made by the program itself.

`apdesk init` and `apdesk demo` run once, in fresh interpreters, exactly as in the README;
each test that asks for `demo_school` gets its own copy of the data folder they wrote (the
store is opened by its passphrase, so a copy unlocks like the original). Building the demo
costs half a minute; seven tests each building their own took a fifth of the suite.
What the two commands said is kept beside it (`demo_school_made`), so the test of a school
starting from the command line reads their real output without building a second school.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from tests.e2e.program import Ran, apdesk, passphrase_school

STEPS = (("init", "--passphrase"), ("demo",))


def _shared_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's one demo school, made by `apdesk init` and `apdesk demo` on first use."""
    run = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        run = run.parent  # this run's folder, above each worker's own
    shared = run / "demo-school"
    with FileLock(f"{shared}.lock"):
        if not (shared / "made.json").exists():
            shutil.rmtree(shared, ignore_errors=True)
            env = passphrase_school(shared)
            said = {}
            for step in STEPS:
                ran = apdesk(env, *step)
                assert ran.code == 0, ran.text
                said[step[0]] = [ran.code, ran.out, ran.err]
            (shared / "made.json").write_text(json.dumps(said), encoding="utf-8")
    return shared


@pytest.fixture
def demo_school(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh copy of the demo school, in `tmp_path / "data"`."""
    shutil.copytree(_shared_demo(tmp_path_factory) / "data", tmp_path / "data")
    return passphrase_school(tmp_path)


@pytest.fixture
def demo_school_made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """What `apdesk init --passphrase` and `apdesk demo` said when they made the demo school."""
    said = json.loads((_shared_demo(tmp_path_factory) / "made.json").read_text(encoding="utf-8"))
    return {step: Ran(*ran) for step, ran in said.items()}
