"""Staff training on a real encrypted store: the list, saving, Today and Annex B §6."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.domain.training import StaffTraining, Standing
from apdesk.services import documents, today, training
from apdesk.services.annex_b_evidence import annex_b_evidence
from tests.services.builders import add_school, vetted_provider

MAY = {Role.HEADTEACHER, Role.DSL, Role.ADMINISTRATOR}


def named(**fields) -> StaffTraining:
    base = dict(
        name="Pat Helper",
        job_title="Teaching assistant",
        policy_read_on=date(2026, 9, 2),
        policy_read_version="1.0",
        ap_trained_on=date(2025, 12, 1),
        ap_expires_on=date(2026, 12, 10),  # lapsing: within 30 days of 28 Nov 2026
        safeguarding_on=date(2024, 9, 1),
        safeguarding_expires_on=date(2026, 9, 1),  # lapsed
    )
    return StaffTraining(**(base | fields))


def test_every_account_is_listed_and_named_staff_are_added(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    rows = training.training_list(services, head)
    assert len(rows) == len(Role) and all(r.has_account and r.record.id is None for r in rows)
    saved = training.save_training(services, head, named())
    rows = training.training_list(services, head)
    pat = next(r for r in rows if r.record.id == saved.id)
    assert not pat.has_account
    assert [s.standing for s in pat.states] == [Standing.IN_DATE, Standing.LAPSING, Standing.LAPSED]


def test_an_accounts_record_takes_the_accounts_name_and_is_kept_once(services, actors):
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    record = named(name="typed over", staff_id=dsl.staff_id)
    first = training.save_training(services, head, StaffTraining("x", staff_id=dsl.staff_id))
    second = training.save_training(services, head, record)
    assert first.id == second.id and second.name == dsl.display_name


def test_who_may_keep_training_records(services, actors):
    for role, actor in actors.items():
        if role in MAY:
            training.save_training(services, actor, named(name=f"Helper {role.value}"))
        else:
            with pytest.raises(PermissionDenied):
                training.training_list(services, actor)
            with pytest.raises(PermissionDenied):
                training.save_training(services, actor, named())


def test_future_training_is_refused_and_nothing_is_kept(services, actors):
    head = actors[Role.HEADTEACHER]
    with pytest.raises(InvalidInput, match="in the future"):
        training.save_training(services, head, named(safeguarding_on=date(2026, 11, 29)))
    assert all(r.record.id is None for r in training.training_list(services, head))


def test_today_shows_the_headteacher_lapsed_and_lapsing_training(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    training.save_training(services, head, named())
    lines = today.today_summary(services, head).training
    assert [line.kind for line in lines] == ["Training lapsed", "Training lapsing"]
    assert lines[0].text == "Pat Helper: Safeguarding training lapsed 1 Sep 2026"
    for role in (Role.DSL, Role.ADMINISTRATOR, Role.INCLUSION_LEAD):
        assert today.today_summary(services, actors[role]).training == []


def test_annex_b_section_6_reads_the_training_list(services, actors, clock):
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    lines = annex_b_evidence(services, head, provider.id)
    assert "of staff with nothing recorded" in " ".join(lines["6.3"].held)
    assert lines["6.3"].contradictions == (  # no one in date: a tick would claim it anyway
        "Safeguarding training: no member of staff on the training list is in date.",
    )
    training.save_training(services, head, named())
    lines = annex_b_evidence(services, head, provider.id)
    assert lines["6.1"].held[0].startswith("Read the policy in force: 1 in date (Pat Helper)")
    assert not lines["6.2"].contradicted  # lapsing is still in date
    assert lines["6.3"].contradictions == (
        "Safeguarding training: no member of staff on the training list is in date.",
        "Safeguarding training lapsed: Pat Helper (lapsed 1 Sep 2026).",
    )


def test_the_staff_training_list_prints(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    training.save_training(services, head, named())
    pdf = documents.staff_training(services, head)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Staff awareness and training" in text and "Pat Helper" in text
    assert "Lapsed:" in text and "Alternative Provision Policy v1.0" in text
