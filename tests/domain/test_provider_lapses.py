"""School-set check periods, a site's own evidence, and when Annex B may be signed."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import Site, VettingCheck
from apdesk.domain.enums import CheckKind, ProviderState, SiteKind
from apdesk.domain.errors import InvalidInput
from apdesk.domain.providers import (
    DEFAULT_PERIODS,
    annex_b_sign_problems,
    check_period,
    effective_expiry,
    placement_provider_status,
    provider_status,
)
from tests.domain.factories import vetted_provider

RECEIVED = date(2025, 9, 1)


@pytest.mark.parametrize(
    ("kind", "months", "last_day"),
    [
        (CheckKind.SAFEGUARDING_TRAINING, 12, date(2026, 9, 1)),
        (CheckKind.SAFEGUARDING_TRAINING, 6, date(2026, 3, 1)),
        (CheckKind.SAFER_RECRUITMENT, 24, date(2027, 9, 1)),
    ],
)
def test_the_schools_period_sets_the_expiry(kind, months, last_day):
    periods = {**DEFAULT_PERIODS, kind: months}
    assert effective_expiry(VettingCheck(kind, RECEIVED), periods) == last_day


@pytest.mark.parametrize(("months", "ok"), [(0, False), (1, True), (36, True), (37, False)])
def test_a_period_is_one_to_thirty_six_months(months, ok):
    if ok:
        assert check_period(CheckKind.PREMISES_FIRE, months) == months
    else:
        with pytest.raises(InvalidInput, match="from 1 to 36 months"):
            check_period(CheckKind.PREMISES_FIRE, months)


def test_a_shorter_training_period_lapses_the_provider_sooner():
    provider = vetted_provider(insurance_until=date(2027, 1, 1))
    periods = {**DEFAULT_PERIODS, CheckKind.SAFEGUARDING_TRAINING: 6}
    assert provider_status(provider, date(2026, 3, 1), periods).approved
    status = provider_status(provider, date(2026, 3, 2), periods)
    assert status.state is ProviderState.LAPSED
    assert status.reasons == ["Staff safeguarding and PREVENT training expired on 1 Mar 2026."]


def _with_site(kind: SiteKind):
    provider = vetted_provider(insurance_until=date(2027, 1, 1))
    provider.sites.append(Site("Fenside workshop", "Unit 6, Fenside", kind, id=2))
    provider.sites[0].id = 1
    return provider


@pytest.mark.parametrize(
    ("kind", "needed"),
    [
        (SiteKind.SATELLITE, {CheckKind.PREMISES_FIRE}),
        (
            SiteKind.SUBCONTRACTED,
            {CheckKind.PREMISES_FIRE, CheckKind.SAFER_RECRUITMENT, CheckKind.SAFEGUARDING_POLICY},
        ),
    ],
)
def test_a_placement_at_a_satellite_or_subcontractor_needs_its_own_evidence(kind, needed):
    provider = _with_site(kind)
    today = date(2026, 3, 1)
    assert provider_status(provider, today).approved  # the provider itself is approved
    assert placement_provider_status(provider, 1, today).approved  # at the main site
    status = placement_provider_status(provider, 2, today)
    assert status.state is ProviderState.NOT_VETTED
    assert len(status.reasons) == len(needed)
    assert all(r.startswith("Fenside workshop (") for r in status.reasons)
    for check_kind in needed:
        provider.checks.append(VettingCheck(check_kind, date(2025, 10, 1), "DSL", site_id=2))
    assert placement_provider_status(provider, 2, today).approved
    lapsed = placement_provider_status(provider, 2, date(2026, 10, 2))
    assert any(
        r.startswith("Fenside workshop (") and "expired on 1 Oct 2026" in r for r in lapsed.reasons
    )


def test_a_main_site_carries_nothing_of_its_own():
    provider = _with_site(SiteKind.MAIN)
    assert placement_provider_status(provider, 2, date(2026, 3, 1)).approved


def test_annex_b_ticks_older_than_twelve_months_are_named():
    provider = vetted_provider(insurance_until=date(2027, 1, 1))
    status = provider_status(provider, date(2026, 3, 1))
    ticks = {
        "Ticked a year ago": date(2025, 3, 1),
        "Ticked a year and a day ago": date(2025, 2, 28),
    }
    problems = annex_b_sign_problems(provider, status, date(2026, 3, 1), ticks)
    assert problems == [
        "These ticks are more than twelve months old; check them again:",
        "  Ticked a year and a day ago (ticked 28 Feb 2025)",
    ]
    fresh = {"Ticked a year ago": date(2025, 3, 1)}
    assert annex_b_sign_problems(provider, status, date(2026, 3, 1), fresh) == []


def test_many_old_ticks_are_counted_after_the_first_few_so_the_refusal_fits_a_screen():
    provider = vetted_provider(insurance_until=date(2027, 1, 1))
    status = provider_status(provider, date(2026, 3, 1))
    ticks = {f"Requirement {n}": date(2025, 1, 6) for n in range(1, 23)}
    problems = annex_b_sign_problems(provider, status, date(2026, 3, 1), ticks)
    assert problems == [
        "These ticks are more than twelve months old; check them again:",
        *[f"  Requirement {n} (ticked 6 Jan 2025)" for n in range(1, 6)],
        "  and 17 more, each marked Expired on the Annex B page",
    ]
    six = dict(list(ticks.items())[:6])  # "and 1 more" would save no line: all six named
    assert len(annex_b_sign_problems(provider, status, date(2026, 3, 1), six)) == 7


def test_annex_b_cannot_be_signed_for_a_lapsed_provider():
    provider = vetted_provider(insurance_until=date(2026, 2, 28))
    status = provider_status(provider, date(2026, 3, 1))
    problems = annex_b_sign_problems(provider, status, date(2026, 3, 1), {})
    assert problems == [
        "Riverside Learning Centre is lapsed:",
        "  Insurance expired on 28 Feb 2026.",
    ]
