"""The governors' report for a term with many placements (issue 15): it renders for any
number (the chart continues over pages) and reads only the term it reports on."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from apdesk.domain.entities import AttendanceMark, Placement, Pupil, Term
from apdesk.domain.enums import PlacementStatus, Role, Session
from apdesk.services import documents, governors, school
from apdesk.services.actor import SYSTEM
from tests.services.builders import add_school, vetted_provider

AUTUMN = Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18))
SUMMER = Term("Summer 2026", date(2026, 4, 13), date(2026, 7, 21))


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def add_placements(services, provider_id: int, count: int, term: Term, status) -> list[int]:
    """`count` placements over `term`, each its own pupil with ten morning marks: straight
    into the store in one unit of work, since the gate is not what is tested here."""
    with services.work(SYSTEM) as uow:
        pupils = [
            Pupil("Test", f"Pupil{term.start.year}{n}", date(2012, 1, 1)) for n in range(count)
        ]
        uow.session.add_all(pupils)
        uow.session.flush()
        placements = [
            Placement(
                p.id,
                provider_id,
                term.start,
                term.end,
                full_time=True,
                status=status,
                ended_on=term.end if status is PlacementStatus.ENDED else None,
            )
            for p in pupils
        ]
        uow.session.add_all(placements)
        uow.session.flush()
        first = term.start + timedelta(days=(7 - term.start.weekday()) % 7)  # a Monday
        uow.session.add_all(
            AttendanceMark(
                pl.pupil_id,
                first + timedelta(days=d),
                Session.AM,
                pl.id,
                code="B" if d % 3 else "O",
            )
            for pl in placements
            for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)
        )
        return [p.id for p in placements]


@pytest.fixture
def term_school(services, actors, clock):
    clock.at = datetime(2026, 11, 30, 9, 0)
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = school.get_school(services, head)
    details.terms = [SUMMER, AUTUMN]
    school.save_school(services, head, details)
    return vetted_provider(services, actors[Role.DSL], date(2026, 11, 1))


@pytest.mark.parametrize("count", [33, 60])
def test_a_term_with_many_placements_renders(services, actors, term_school, count):
    add_placements(services, term_school.id, count, AUTUMN, PlacementStatus.ACTIVE)
    pdf = documents.governors_report(services, actors[Role.GOVERNOR], "Autumn 2026")
    text = _text(pdf)
    assert f"of {count} placements are below the line" in text
    assert f"Placement {count}" in text and "25 placements at a time" in text


def test_the_report_reads_only_the_term_it_reports_on(services, actors, term_school, monkeypatch):
    autumn = add_placements(services, term_school.id, 33, AUTUMN, PlacementStatus.ACTIVE)
    summer = add_placements(services, term_school.id, 5, SUMMER, PlacementStatus.ENDED)
    proposed = add_placements(services, term_school.id, 2, AUTUMN, PlacementStatus.PROPOSED)
    seen = {}
    real = governors.build_report_data

    def spy(term, placements, providers, marks, reviews, incidents, calendar, **kw):
        seen.update(placements=placements, marks=marks, referrals=kw["ap_referrals"])
        return real(term, placements, providers, marks, reviews, incidents, calendar, **kw)

    monkeypatch.setattr(governors, "build_report_data", spy)
    data = governors.report_data(services, actors[Role.GOVERNOR], "Autumn 2026")
    assert sorted(p.id for p in seen["placements"]) == autumn
    assert not {p.id for p in seen["placements"]} & set(summer + proposed)
    assert len(seen["marks"]) == 33 * 10
    assert all(AUTUMN.start <= m.date <= AUTUMN.end for m in seen["marks"])
    assert len(data.placements) == 33
    # Four of ten sessions marked O (unauthorised) and the rest of the term expected: under 90%.
    assert data.attendance.measured == 33

    summer_data = governors.report_data(services, actors[Role.GOVERNOR], "Summer 2026")
    assert len(summer_data.placements) == 5
    assert sorted(p.id for p in seen["placements"]) == summer
