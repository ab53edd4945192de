"""A pupil's records leaving APDesk, in fresh interpreters through `python -m apdesk`: the
chronology printed and read back with pdftotext, the CP-file transfer pack opened with its
code (and refused with a wrong one), and a subject access bundle."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.program import apdesk


def pdftotext(path: Path, password: str = "") -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    secret = ["-upw", password] if password else []
    done = subprocess.run(
        ["pdftotext", "-layout", *secret, str(path), "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout + done.stderr


@pytest.fixture
def demo(demo_school: dict[str, str]) -> tuple[dict[str, str], str, str]:
    """A copy of the demo school, the DSL's environment and one pupil's UPN and name."""
    env = demo_school
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


def test_a_transfer_pack_opens_with_the_code_only_and_a_sar_bundle_is_made(
    demo, tmp_path: Path
) -> None:
    dsl, upn, name = demo
    pack = tmp_path / "pack.pdf"
    made = apdesk(dsl, "transfer", "make", "--pupil", upn, "--school", "Moorside High School",
                  "--dsl", "Jane Holt", "--out", str(pack), "--user", "dsl")  # fmt: skip
    assert made.code == 0, made.text
    [code] = re.findall(r"Code to open it: (\S+)", made.out)
    assert "Command Line Error" in pdftotext(pack, "WRONG-0000-0000-0000-0000")
    opened = pdftotext(pack, code)
    assert f"Child-protection file: {name}" in opened and "OFFICIAL-SENSITIVE" in opened
    listed = apdesk(dsl, "transfer", "list", "--user", "dsl")
    assert "Moorside High School for Jane Holt" in listed.out and "no receipt yet" in listed.out
    receipt = apdesk(dsl, "transfer", "receipt", "1", "--from", "Jane Holt", "--user", "dsl")
    assert receipt.code == 0 and "Receipt recorded" in receipt.out, receipt.text
    head = {**dsl, "APDESK_PASSWORD": "demo-password-head"}
    not_dsl = apdesk(head, "transfer", "make", "--pupil", upn, "--school", "X", "--dsl", "Y",
                     "--out", str(tmp_path / "no.pdf"), "--user", "head")  # fmt: skip
    assert not_dsl.code == 1 and "the DSL does" in not_dsl.err and "Traceback" not in not_dsl.text

    asked = apdesk(dsl, "access", "record", "--pupil", upn, "--requester", "A Parent",
                   "--relationship", "Mother", "--received", "1/11/2026",
                   "--user", "dsl")  # fmt: skip
    assert asked.code == 0 and "answer it by 1 Dec 2026" in asked.out, asked.text
    future = apdesk(dsl, "access", "record", "--pupil", upn, "--requester", "B", "--relationship",
                    "Father", "--received", "1/1/2099", "--user", "dsl")  # fmt: skip
    assert future.code == 1 and "in the future" in future.err
    out_pdf, out_json = tmp_path / "sar.pdf", tmp_path / "sar.json"
    bundle = apdesk(dsl, "access", "export", "1", "--pdf", str(out_pdf), "--json", str(out_json),
                    "--redact", "--user", "dsl")  # fmt: skip
    assert bundle.code == 0, bundle.text
    assert json.loads(out_json.read_text())["request"]["redacted"] is True
    assert f"Subject access: {name}" in pdftotext(out_pdf)
    assert apdesk(dsl, "access", "complete", "1", "--user", "dsl").code == 0
    assert apdesk(dsl, "check").code == 0
