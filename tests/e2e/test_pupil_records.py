"""A pupil's records leaving APDesk, in fresh interpreters through `python -m apdesk`: the
chronology printed and read back with pdftotext."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.program import PASSPHRASE, apdesk, environment


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str, str]:
    """A demo store (made once), the DSL's environment and one pupil's UPN and name."""
    home = tmp_path_factory.mktemp("records")
    env = environment(
        home, "none", APDESK_DATA_DIR=str(home / "data"), APDESK_PASSPHRASE=PASSPHRASE
    )
    assert apdesk(env, "init", "--passphrase").code == 0
    assert apdesk(env, "demo").code == 0
    dsl = {**env, "APDESK_PASSWORD": "demo-password-dsl"}
    register = apdesk(dsl, "export", "register", "--format", "csv", "--user", "dsl")
    assert register.code == 0, register.text
    first = next(csv.DictReader(io.StringIO(register.out)))
    return dsl, first["upn"], first["pupil"]


def test_a_chronology_is_printed_marked_and_read_back(demo, tmp_path: Path) -> None:
    dsl, upn, name = demo
    out = tmp_path / "chronology.pdf"
    made = apdesk(dsl, "document", "chronology", "--pupil", upn, "--user", "dsl", "--out", str(out))
    assert made.code == 0, made.text
    words = pdftotext(out)
    assert f"Chronology: {name}" in words and "OFFICIAL-SENSITIVE" in words
    assert "Printed by" in words and "Designated Safeguarding Lead" in words
    assert "started" in words  # the placement's start, on its own date

    inclusion = {**dsl, "APDESK_PASSWORD": "demo-password-inclusion"}
    refused = apdesk(inclusion, "document", "chronology", "--pupil", upn, "--user", "inclusion",
                     "--out", str(tmp_path / "no.pdf"))  # fmt: skip
    assert refused.code == 1 and "cannot view a pupil's chronology" in refused.text
    assert "Traceback" not in refused.text and not (tmp_path / "no.pdf").exists()
    no_pupil = apdesk(dsl, "document", "chronology", "--user", "dsl", "--out", str(out))
    assert no_pupil.code == 2 and "needs --pupil" in no_pupil.text
