"""Documents through the services: signed Annex B, letters, register, governors' report."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from apdesk.domain import checklists
from apdesk.domain.enums import Role
from apdesk.domain.errors import ApdeskError, PermissionDenied
from apdesk.services import documents, providers
from tests.services.builders import (
    add_pupil,
    add_school,
    proposed_placement,
    trained_staff,
    vetted_provider,
)
from tests.services.conftest import PASSWORDS


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def world(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)
    add_school(services, actors[Role.HEADTEACHER])
    provider = vetted_provider(services, actors[Role.DSL], clock.today())
    pupil = add_pupil(services, actors[Role.DSL])
    placement = proposed_placement(services, actors[Role.DSL], pupil, provider, date(2026, 11, 9))
    return provider, pupil, placement


def _complete_annex_b(services, dsl, provider_id):
    trained_staff(services, dsl)  # else 6.1 to 6.3 are contradicted: no one is trained
    for item in checklists.ANNEX_B_ITEMS:
        providers.set_annex_b_item(services, dsl, provider_id, item.key, True)


def test_signed_annex_b_verifies_and_a_changed_byte_does_not(services, actors, world):
    provider, _, _ = world
    head = actors[Role.HEADTEACHER]
    with pytest.raises(ApdeskError, match="22 requirement"):
        documents.sign_annex_b(services, head, provider.id, PASSWORDS[Role.HEADTEACHER])
    _complete_annex_b(services, actors[Role.DSL], provider.id)
    signed = documents.sign_annex_b(services, head, provider.id, PASSWORDS[Role.HEADTEACHER])
    text = text_of(signed)
    assert "Section 19 Education Act 1996" in text and "Audit chain head:" in text
    roots = documents.trusted_roots(services)
    report = documents.verify(signed, roots)
    assert report.valid and report.signer_name == "Alex Morgan (Head)"
    tampered = bytearray(signed)
    at = tampered.find(b"Section 19")
    tampered[at] = ord("T") if tampered[at] != ord("T") else ord("U")
    assert not documents.verify(bytes(tampered), roots).valid


def test_only_the_headteacher_signs_and_only_with_their_password(services, actors, world):
    provider, _, _ = world
    _complete_annex_b(services, actors[Role.DSL], provider.id)
    with pytest.raises(PermissionDenied, match="cannot sign off the Annex B"):
        documents.sign_annex_b(services, actors[Role.DSL], provider.id, PASSWORDS[Role.DSL])
    with pytest.raises(ApdeskError, match="password is wrong"):
        documents.sign_annex_b(services, actors[Role.HEADTEACHER], provider.id, "not my password")


def test_governors_report_names_no_pupil(services, actors, world):
    _, pupil, _ = world
    pdf = documents.governors_report(services, actors[Role.GOVERNOR], "Autumn 2026")
    text = text_of(pdf)
    assert "Autumn 2026" in text
    assert pupil.legal_last_name not in text and pupil.legal_first_name not in text
    with pytest.raises(ApdeskError, match="no term called 'Spring 2031'"):
        documents.governors_report(services, actors[Role.GOVERNOR], "Spring 2031")


def test_letter_register_and_annex_a_hold_what_the_policy_requires(services, actors, world):
    provider, pupil, placement = world
    letter = text_of(
        documents.parent_letters(services, actors[Role.INCLUSION_LEAD], [placement.id])
    )
    assert "4 Mill Lane" in letter and "consent" in letter.lower() and "complain" in letter.lower()
    register = "".join(text_of(documents.register(services, actors[Role.GOVERNOR])).split())
    assert pupil.upn in register and provider.name.replace(" ", "") in register
    annex_a = text_of(documents.annex_a(services, actors[Role.DSL], placement.id))
    assert "Written objectives and duration of placement" in annex_a
    with pytest.raises(PermissionDenied):
        documents.parent_letters(services, actors[Role.ADMINISTRATOR], [placement.id])


def test_the_checklists_print_the_wording_in_force_and_a_sign_off_keeps_its_version(
    services, actors, world
):
    from apdesk.services import placements, policy
    from tests.services.builders import complete_annex_a
    from tests.services.test_policy import version

    provider, _, placement = world
    head = actors[Role.HEADTEACHER]
    annex_a = text_of(documents.annex_a(services, head, placement.id))
    assert "Policy wording version 1.0 (approved March 2026)" in annex_a
    policy.load_wording(services, head, version("1.1"))
    _complete_annex_b(services, actors[Role.DSL], provider.id)
    signed = text_of(
        documents.sign_annex_b(services, head, provider.id, PASSWORDS[Role.HEADTEACHER])
    )
    assert "Policy wording version 1.1 (approved March 2027)" in signed
    assert "Provider follows KCSiE 2026" in signed and "KCSiE 2025" not in signed
    assert "Signed under policy wording version 1.1." in signed
    stored = providers.get_provider(services, head, provider.id)[0]
    assert stored.annex_b_signoffs[-1].policy_version == "1.1"
    complete_annex_a(services, actors[Role.DSL], placement)
    authorised = placements.authorise(services, head, placement.id)
    assert authorised.annex_a_version == "1.1"
    assert "authorised under version 1.1" in text_of(
        documents.annex_a(services, head, placement.id)
    )
