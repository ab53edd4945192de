"""The chronology document against a real encrypted store: what it holds, who may print it,
and the audit row saying who printed whose, when."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from apdesk.domain.enums import Role
from apdesk.services import documents
from tests.documents.conftest import pdf_text
from tests.services.pupil_history import NARRATIVE, pupil_with_history, refused

MAY_PRINT = {Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL}


@pytest.fixture
def history(services, actors, clock):
    return pupil_with_history(services, actors, clock)


def _printed(services) -> list[tuple[str, str, str, str]]:
    with services.store.engine.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT actor, entity_id, at, new FROM audit_log "
                    "WHERE action = 'document.chronology_printed'"
                )
            )
        ]


def test_every_event_by_its_date_with_the_narrative_marked_and_audited(services, actors, history):
    pdf = documents.chronology(services, actors[Role.DSL], history.pupil.id)
    words = pdf_text(pdf)
    assert "OFFICIAL-SENSITIVE" in words and "Chronology: Robin Testcase" in words
    order = [
        "Placement at Bridgeway Learning authorised",
        "Placement at Bridgeway Learning started",
        "Child-on-child abuse (victim)",
        "Referral to LA children's services (ref CS-4411)",
    ]
    assert [words.index(o) for o in order] == sorted(words.index(o) for o in order)
    assert " ".join(NARRATIVE.split()[:6]) in words
    assert "Printed by Test dsl, Designated Safeguarding Lead" in words
    assert "Safeguarding CP plan" in words
    [(actor, pupil_id, at, new)] = _printed(services)
    assert actor == "Test dsl (dsl)" and pupil_id == str(history.pupil.id)
    assert at.startswith("2026-11-12")
    assert json.loads(new)["narratives"] is True and json.loads(new)["entries"] >= 4


def test_only_the_headteacher_and_dsls_may_print_it(services, actors, history):
    for role in Role:
        was_refused = refused(documents.chronology, services, actors[role], history.pupil.id)
        assert was_refused == (role not in MAY_PRINT), role
    assert len(_printed(services)) == len(MAY_PRINT)


def test_another_pupils_chronology_holds_only_their_part(services, actors, history):
    words = pdf_text(documents.chronology(services, actors[Role.DSL], history.other.id))
    assert "Child-on-child abuse (alleged perpetrator)" in words
    assert "Placement at Bridgeway" not in words
