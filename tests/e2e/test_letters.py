"""`apdesk document` in a fresh interpreter on a demo store: the off-site direction notice
and a parent letter read back with pdftotext, and the governors' report for the term."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.program import apdesk

NOTICE_PUPIL = "R938491719005"  # the demo's off-site direction, begun weeks ago
LETTER_PUPIL = "K938491720011"  # placed with Fernlea, whose contact must be named


def _text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_demo_letters_and_notice_read_correctly_and_the_report_renders(
    demo_school: dict[str, str], tmp_path: Path
) -> None:
    env = demo_school
    dsl = {**env, "APDESK_PASSWORD": "demo-password-dsl"}

    notice = tmp_path / "notice.pdf"
    made = apdesk(dsl, "document", "letter", "--pupil", NOTICE_PUPIL, "--user", "dsl",
                  "--out", str(notice))  # fmt: skip
    assert made.code == 0, made.text
    assert "Warning" not in made.text  # a copy for a placement already begun: no late warning
    text = _text(notice)
    head, _, body = text.partition("Notice of an off-site direction")
    dated = re.findall(r"\d{1,2} [A-Z][a-z]{2} \d{4}", head)
    generated = re.search(r"Generated (\d{1,2} [A-Z][a-z]{2} \d{4})", text)
    assert generated and len(dated) == 1
    assert dated[0] != generated.group(1)  # dated the recorded notice day, not today
    assert "articles of association and funding agreement" in body  # the demo is an academy
    assert "under section 29A" not in body
    assert "behaviour after repeated disruption in lessons." in body
    again = tmp_path / "again.pdf"
    assert apdesk(dsl, "document", "letter", "--pupil", NOTICE_PUPIL, "--user", "dsl",
                  "--out", str(again)).code == 0  # fmt: skip
    assert re.findall(r"\d{1,2} [A-Z][a-z]{2} \d{4}", _text(again).partition("Notice of")[0]) == (
        dated
    )

    letter = tmp_path / "letter.pdf"
    made = apdesk(dsl, "document", "letter", "--pupil", LETTER_PUPIL, "--user", "dsl",
                  "--out", str(letter))  # fmt: skip
    assert made.code == 0, made.text
    words = _text(letter)
    assert "to re-engage with learning. We believe" in words
    assert "named contact Not recorded" not in words
    assert "Imogen Tate (Director)" in words

    governor = {**env, "APDESK_PASSWORD": "demo-password-governor"}
    report = tmp_path / "governors.pdf"
    made = apdesk(governor, "document", "governors-report", "--term", "Autumn 2026",
                  "--user", "governor", "--out", str(report))  # fmt: skip
    assert made.code == 0 and "unexpected" not in made.text, made.text
    assert "The dashed line marks 90%" in _text(report)
