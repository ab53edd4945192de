"""AP referrals through `apdesk` in fresh interpreters: the demo's referrals reach the
register and the Annex B line 1.3 (reason, date, outcome), and a governor's register too."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.program import apdesk


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join((page.extract_text() or "") for page in reader.pages).replace("\n", " ")


def test_demo_referrals_in_the_register_and_annex_b(
    demo_school: dict[str, str], tmp_path: Path
) -> None:
    env = demo_school
    governor = {**env, "APDESK_PASSWORD": "demo-password-governor"}
    register = tmp_path / "register.pdf"
    made = apdesk(governor, "document", "register", "--out", str(register), "--user", "governor")
    assert made.code == 0, made.text
    text = _text(register)
    assert "AP referrals" in text and "still being considered" in text
    for outcome in ("Declined on", "Withdrawn on", "Referred to the local authority on"):
        assert outcome in text, outcome
    head = {**env, "APDESK_PASSWORD": "demo-password-head"}
    annex = tmp_path / "annex-b.pdf"
    made = apdesk(head, "document", "annex-b", "--provider", "2", "--unsigned", "--out",
                  str(annex), "--user", "head")  # fmt: skip
    assert made.code == 0, made.text
    assert "AP referral of" in _text(annex)
