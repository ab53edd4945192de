"""Annex B lines against a real store: what APDesk holds, and a contradicted tick needs a reason."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

from apdesk.domain import checklists
from apdesk.domain.entities import Review
from apdesk.domain.enums import ReviewKind, Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import documents, placements, providers, reviews
from apdesk.services.annex_b_evidence import annex_b_evidence
from tests.documents.conftest import pdf_text
from tests.services.builders import (
    TOOK_PART,
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    trained_staff,
    vetted_provider,
)
from tests.services.conftest import PASSWORDS


@pytest.fixture
def live(services, actors, clock):
    """An active placement at a vetted provider, started 4 Nov 2026 for twelve weeks."""
    clock.at = datetime(2026, 11, 2, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 4))
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    clock.at = datetime(2026, 11, 4, 9, 0)
    placements.activate(services, dsl, placement.id)
    for item in checklists.ANNEX_B_ITEMS:
        providers.set_annex_b_item(services, dsl, provider.id, item.key, True)
    return provider, placement


def test_an_overdue_mid_point_is_shown_against_2_3_until_it_is_held(services, actors, live, clock):
    provider, placement = live
    head = actors[Role.HEADTEACHER]
    clock.at = datetime(2026, 12, 17, 9, 0)
    lines = annex_b_evidence(services, head, provider.id)
    assert lines["2.1"].held == (
        "Bridgeway Learning: Ofsted-registered alternative provider, Ofsted URN 2654321; "
        "vetted and approved.",
    )
    assert not lines["2.1"].contradicted
    assert lines["2.3"].contradictions, lines["2.3"]
    assert (
        "Robin Testcase (from 4 Nov 2026): mid-point review overdue"
        in lines["2.3"].contradictions[0]
    )
    assert lines["2.4"].contradicted  # no register typed since 4 Nov
    reviews.record_review(
        services,
        actors[Role.DSL],
        Review(placement.id, ReviewKind.MID_POINT, clock.today(), attendees=TOOK_PART),
    )
    lines = annex_b_evidence(services, head, provider.id)
    assert not lines["2.3"].contradicted
    assert "held on 17 Dec 2026" in lines["2.3"].held[0]


def test_incident_lines_are_withheld_from_roles_without_safeguarding_access(services, actors, live):
    provider, _ = live
    for role in (Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD):
        lines = annex_b_evidence(services, actors[role], provider.id)
        assert "only to the Headteacher" in lines["4.2"].held[0]
    lines = annex_b_evidence(services, actors[Role.DSL], provider.id)
    assert lines["4.2"].held == (
        "No safeguarding incident recorded at this provider in the last twelve months.",
    )
    for role in (Role.GOVERNOR, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            annex_b_evidence(services, actors[role], provider.id)


def test_signing_a_contradicted_tick_needs_a_written_reason_printed_on_the_copy(
    services, actors, live, clock
):
    provider, _ = live
    head = actors[Role.HEADTEACHER]
    clock.at = datetime(2026, 12, 17, 9, 0)
    against = [
        k for k, line in annex_b_evidence(services, head, provider.id).items() if line.contradicted
    ]
    assert "2.3" in against and "2.1" not in against
    with pytest.raises(InvalidInput, match=r"2\.3: APDesk's records say otherwise") as refused:
        documents.sign_annex_b(services, head, provider.id, PASSWORDS[Role.HEADTEACHER])
    assert all(f"{key}:" in str(refused.value) for key in against)
    reasons = {key: f"Line {key}: checked with the provider by phone." for key in against}
    with pytest.raises(InvalidInput, match=r"2\.3"):
        documents.sign_annex_b(
            services, head, provider.id, PASSWORDS[Role.HEADTEACHER], {**reasons, "2.3": "ok"}
        )
    signed = documents.sign_annex_b(
        services, head, provider.id, PASSWORDS[Role.HEADTEACHER], reasons
    )
    if os.environ.get("APDESK_SHOTS"):
        (Path(os.environ["APDESK_SHOTS"]) / "annex-b-signed.pdf").write_bytes(signed)
    text = pdf_text(signed)
    assert "Reasons for ticks APDesk's records contradict" in text
    assert "Line 2.3: checked with the provider by phone." in text
    assert "mid-point review overdue" in text and "APDesk holds:" in text
    assert documents.verify(signed, documents.trusted_roots(services)).valid
    with pytest.raises(PermissionDenied):
        documents.sign_annex_b(
            services, actors[Role.DSL], provider.id, PASSWORDS[Role.DSL], reasons
        )


def test_an_uncontradicted_annex_b_signs_without_reasons_and_prints_no_reasons_table(
    services, actors, clock
):
    clock.at = datetime(2026, 11, 2, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    trained_staff(services, head)
    for item in checklists.ANNEX_B_ITEMS:
        providers.set_annex_b_item(services, dsl, provider.id, item.key, True)
    signed = documents.sign_annex_b(services, head, provider.id, PASSWORDS[Role.HEADTEACHER])
    text = pdf_text(signed)
    assert "Reasons for ticks" not in text
    assert "No placement with this provider in the last twelve months." in text
