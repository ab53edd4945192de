"""The Providers and Incidents lists read plain rows, not records (issue 15: a list of six
providers loaded every check and Annex B item as a record). Each row must still say what
the record says: on random providers and incidents, the list equals the rules run over
the records."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import incidents as incident_rules
from apdesk.domain import providers as provider_rules
from apdesk.domain.entities import Incident, Provider
from apdesk.domain.enums import (
    CheckKind,
    IncidentCategory,
    IncidentStatus,
    ProviderKind,
    PupilRole,
    Role,
    SiteKind,
)
from apdesk.domain.labels import label
from apdesk.services import incidents, providers
from apdesk.services.school import school_calendar
from apdesk.storage import tables as t
from tests.services import builders


def _insert(conn, table, **values) -> int:  # type: ignore[no-untyped-def]
    return int(conn.execute(insert(table).values(**values)).inserted_primary_key[0])


@pytest.fixture
def random_providers(services, clock):
    """Twelve providers with random sites, contacts (a DSL or not) and checks (of every kind,
    received before and after today, some for a site, some with an expiry typed). The first
    eight have a site, a DSL and a full set of checks, four of them recent, four lapsed."""
    rng, today = random.Random(24), clock.today()
    with services.store.engine.begin() as conn:
        conn.execute(insert(t.check_period).values(kind=CheckKind.SAFEGUARDING_POLICY, months=6))
        for n in range(12):
            kind = rng.choice(list(ProviderKind))
            pid = _insert(conn, t.provider, name=f"Provider {rng.randrange(100):02}", kind=kind)
            full = n < 8
            sites = [
                _insert(conn, t.site, provider_id=pid, name="Site", kind=rng.choice(list(SiteKind)))
                for _ in range(1 if full else rng.choice([0, 1, 2]))
            ]
            for c in range(1 if full else rng.randrange(3)):
                dsl = full or rng.random() < 0.5
                _insert(conn, t.contact, provider_id=pid, name=f"Jo {c}", is_dsl=dsl)
            base = [(k, 30 if n < 4 else 400, 300, None) for k in CheckKind] if full else []
            # an older check may outlast a newer one: only the newest counts
            others = [
                (k, rng.choice([-10, 100, 500]), rng.randrange(-5, 900), rng.choice([None, *sites]))
                for k in CheckKind
            ]
            for check, ago, lasts, site in base + rng.sample(others, rng.randrange(len(others))):
                received = today - timedelta(days=ago)  # -10: not received yet
                typed = check is CheckKind.INSURANCE or rng.random() < 0.3
                expires = received + timedelta(days=lasts) if typed else None
                _insert(conn, t.vetting_check, provider_id=pid, kind=check, received_on=received,
                        expires_on=expires, site_id=site)  # fmt: skip
    return services


def test_the_providers_list_says_what_each_providers_record_says(random_providers, actors, clock):
    svc = random_providers
    rows = providers.list_providers(svc, actors[Role.DSL])
    with DbSession(svc.store.engine) as session:
        records = {p.id: p for p in session.scalars(select(Provider))}
        periods = providers.check_periods(session)
    assert [r.id for r in rows] == [p.id for p in sorted(records.values(), key=lambda p: p.name)]
    for row in rows:
        record = records[row.id]
        status = provider_rules.provider_status(record, clock.today(), periods)
        assert row.state == label(status.state) and row.reasons == tuple(status.reasons)
        assert (row.sites, row.kind) == (len(record.sites), label(record.kind))
    assert len({row.state for row in rows}) == 3  # approved, lapsed and not vetted all shown


@pytest.fixture
def random_incidents(services, actors, clock):
    """Twenty incidents at random times, told late, on time or not yet, with a provider or
    none, linking up to three of five pupils each."""
    builders.add_school(services, actors[Role.HEADTEACHER])
    dsl = actors[Role.DSL]
    provider = builders.vetted_provider(services, dsl, clock.today())
    pupils = [builders.add_pupil(services, dsl, n, "Pupil", f"Number{n}") for n in range(1, 6)]
    rng = random.Random(25)
    with services.store.engine.begin() as conn:
        for _ in range(20):
            occurred = datetime(2026, 11, 28, 9) - timedelta(hours=rng.randrange(24 * 80))
            notified = rng.choice([None, occurred + timedelta(hours=rng.randrange(-2, 80))])
            iid = _insert(conn, t.incident, category=rng.choice(list(IncidentCategory)),
                          occurred_at=occurred, notified_at=notified, status=IncidentStatus.OPEN,
                          provider_id=rng.choice([None, provider.id]))  # fmt: skip
            for pupil in rng.sample(pupils, rng.randrange(4)):
                role = rng.choice(list(PupilRole))
                _insert(conn, t.incident_pupil, incident_id=iid, pupil_id=pupil.id, role=role)
    return services, {p.id: p.display_name for p in pupils}


def test_the_incidents_list_says_what_each_incidents_record_says(random_incidents, actors, clock):
    svc, names = random_incidents
    rows = incidents.list_incidents(svc, actors[Role.DSL])
    with DbSession(svc.store.engine) as session:
        records = {i.id: i for i in session.scalars(select(Incident))}
        calendar = school_calendar(session)
    assert [r.id for r in rows] == [
        i.id for i in sorted(records.values(), key=lambda i: i.occurred_at, reverse=True)
    ]
    for row in rows:
        record = records[row.id]
        assert row.pupils == ", ".join(names[link.pupil_id] for link in record.pupil_links)
        assert row.provider == ("Bridgeway Learning" if record.provider_id else "")
        assert row.late == incident_rules.notified_late(record, calendar, clock.today())
        assert row.delay.startswith(incident_rules.notification_delay_text(record))
    assert {row.late for row in rows} == {True, False}
    assert any(", " in row.pupils for row in rows) and any(not row.pupils for row in rows)
