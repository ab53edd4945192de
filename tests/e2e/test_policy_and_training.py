"""The policy wording and the staff training list in a fresh interpreter, through `apdesk`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.program import apdesk

SHIPPED = Path(__file__).parent.parent.parent / "resources" / "data" / "policy-wording-1.0.json"


def test_a_wrong_wording_file_is_refused_a_newer_one_prints_and_the_list_prints(
    demo_school: dict[str, str], tmp_path: Path
):
    env = demo_school
    head = {**env, "APDESK_PASSWORD": "demo-password-head"}
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "apdesk-policy-wording", ', encoding="utf-8")
    refused = apdesk(head, "policy-wording", str(broken), "--user", "head")
    assert refused.code == 1 and "not valid JSON" in refused.err and "Traceback" not in refused.text

    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    doc["version"], doc["approved"] = "1.1", "March 2027"
    newer = tmp_path / "policy-wording-1.1.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    loaded = apdesk(head, "policy-wording", str(newer), "--user", "head")
    assert loaded.code == 0 and "version 1.1 (approved March 2027) is now in force" in loaded.out

    annex = tmp_path / "annex-b.pdf"
    made = apdesk(head, "document", "annex-b", "--provider", "Brackenford College", "--unsigned",
                  "--user", "head", "--out", str(annex))  # fmt: skip
    assert made.code == 0, made.text
    from pypdf import PdfReader

    assert "Policy wording version 1.1" in PdfReader(annex).pages[0].extract_text()
    listing = tmp_path / "training.pdf"
    made = apdesk(head, "document", "staff-training", "--user", "head", "--out", str(listing))
    assert made.code == 0 and listing.read_bytes().startswith(b"%PDF"), made.text
    assert apdesk(env, "check").code == 0
