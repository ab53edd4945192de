"""Annex B through `apdesk document` in fresh interpreters, on the demo store: every line
carries what APDesk holds, a reason for a line Annex B lacks (or without LINE=) is refused
in one sentence, and the provider ready on Today signs with nothing against it. (A
contradicted tick needing its reason: tests/services/test_annex_b_evidence.py.)"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.program import apdesk


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def check_annex_b_evidence(head_env: dict[str, str], folder: Path) -> None:
    today = apdesk(head_env, "today", "--user", "head")
    ready = [line for line in today.out.splitlines() if "Annex B to sign" in line]
    assert ready, today.out
    provider = ready[0].split("Annex B to sign")[1].split(":")[0].strip(" -·\t")
    base = ["document", "annex-b", "--provider", provider, "--user", "head"]
    unsigned = folder / "annex-b-unsigned.pdf"
    made = apdesk(head_env, *base, "--unsigned", "--out", str(unsigned))
    assert made.code == 0, made.text
    text = _text(unsigned)
    assert text.count("APDesk holds:") >= 22 and "Ofsted" in text, text[:2000]
    signed = folder / "annex-b-signed.pdf"
    for wrong, says in (("7.1=A reason long enough.", "has no line 7.1"), ("2.3", "no '='")):
        refused = apdesk(head_env, *base, f"--reason={wrong}", "--out", str(signed))
        assert refused.code == 1 and says in refused.err, refused.text
        assert "Traceback" not in refused.text and not signed.exists()
    done = apdesk(head_env, *base, "--out", str(signed))
    assert done.code == 0, done.text
    text = _text(signed)
    assert "Contradicts:" not in text and "Reasons for ticks" not in text  # nothing against it
    assert text.count("APDesk holds:") >= 22
    assert apdesk(head_env, "verify", str(signed)).out.startswith("VALID")
