"""A pupil's history (the audit trail the window's History… and `apdesk audit --pupil` show):
the pupil's own rows and those of the records that are theirs, no one else's; only for the
Headteacher and the DSL, and reading it is itself audited."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.services import audit_trail, incidents, placements
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)


@pytest.fixture
def two_pupils(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 9, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    robin = add_pupil(services, dsl)
    ash = add_pupil(services, dsl, 2, "Ash", "Example")
    mine = proposed_placement(services, dsl, robin, provider, date(2026, 11, 2))
    complete_annex_a(services, dsl, mine)
    placements.authorise(services, head, mine.id)
    proposed_placement(services, dsl, ash, provider, date(2026, 11, 9))  # Ash's, not Robin's
    incidents.raise_concern(
        services, actors[Role.ATTENDANCE_LEAD], robin.id, datetime(2026, 11, 2, 8, 30),
        "Robin arrived without a coat and said he had slept at a friend's house.",
    )  # fmt: skip
    return robin, ash, mine


def test_the_history_holds_the_pupils_records_and_no_one_elses(services, actors, two_pupils):
    robin, ash, _ = two_pupils
    lines = audit_trail.pupil_history(services, actors[Role.DSL], robin.id)
    what = [line.what for line in lines]
    assert what[0] == "Pupil: save"
    assert "Placement: authorise" in what and "Incident: concern" in what
    assert [line.at for line in lines] == sorted(line.at for line in lines)  # oldest first
    authorised = next(line for line in lines if line.what == "Placement: authorise")
    assert authorised.who.startswith(actors[Role.HEADTEACHER].display_name)
    assert authorised.when == "2 Nov 2026 09:00"
    theirs = audit_trail.pupil_history(services, actors[Role.DSL], ash.id)
    assert [line.what for line in theirs] == ["Pupil: save", "Placement: save"]  # proposed
    assert what.count("Annex A: item") == 10  # Robin's placement's checklist, ticked


def test_only_the_headteacher_and_the_dsl_read_it_and_reading_it_is_audited(
    services, actors, two_pupils
):
    robin, _, _ = two_pupils
    for role in Role:
        if role in (Role.HEADTEACHER, Role.DSL):
            assert audit_trail.pupil_history(services, actors[role], robin.id)
        else:
            with pytest.raises(PermissionDenied):
                audit_trail.pupil_history(services, actors[role], robin.id)
    looked = audit_trail.pupil_history(services, actors[Role.DSL], robin.id)
    assert [line.what for line in looked].count("Audit: view") == 2  # the head's, the DSL's


def test_a_line_reads_in_words_british_dates_and_never_the_words_of_free_text():
    from apdesk.domain.audit_text import digest
    from apdesk.storage.audit import AuditRecord

    record = AuditRecord(
        7, "2026-11-26T13:55:00", "Sam Patel (dsl)", "incident.save", "incident", "3",
        {"status": "open"},
        {
            "status": "closed", "category": "safeguarding_concern",
            "occurred_at": "2026-11-26T11:20:00", "closed_on": "2026-11-27",
            "narrative": digest("Robin said he was hit at home."), "police": False,
        },
        "the parent rang back",
    )  # fmt: skip
    line = audit_trail.history_line(record)
    assert (line.when, line.who, line.what, line.why) == (
        "26 Nov 2026 13:55", "Sam Patel (dsl)", "Incident: save", "the parent rang back"
    )  # fmt: skip
    assert line.details == (
        "status open → closed, category safeguarding concern, occurred at 26 Nov 2026 11:20, "
        "closed on 27 Nov 2026, narrative (text, kept as its fingerprint), police no"
    )
    assert "Robin" not in audit_trail.describe(record)
