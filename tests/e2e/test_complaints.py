"""Complaints through `apdesk` in a fresh interpreter, on the small stored schema-0015 store
(a complaint received 1 Sep 2026, the Headteacher stage given 15 school days): Today shows
it overdue to the DSL and the Headteacher; the governors' report names no one."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.e2e.program import apdesk, stored_school


def test_an_overdue_complaint_on_today_and_counted_for_governors(tmp_path: Path) -> None:
    env = stored_school(tmp_path, "schema-0015")
    for user in ("dsl", "head"):
        who = {**env, "APDESK_PASSWORD": f"schema-0015-{user}-password"}
        shown = apdesk(who, "today", "--user", user)
        assert shown.code == 0, shown.text
        assert "Complaint overdue" in shown.out
        assert "Bridgeway Learning: from Parent A, received 1 Sep 2026" in shown.out
    head = {**env, "APDESK_PASSWORD": "schema-0015-head-password"}
    report = tmp_path / "governors.pdf"
    made = apdesk(head, "document", "governors-report", "--term", "Autumn 2026",
                  "--user", "head", "--out", str(report))  # fmt: skip
    assert made.code == 0, made.text
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(report).pages).split())
    # received the day before the term began: the section is there, the count is the term's
    assert "Complaints about providers No complaint about a provider was received" in text
    assert "Parent A" not in text and "No escort" not in text
