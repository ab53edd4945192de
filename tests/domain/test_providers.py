"""Provider vetting: approved, lapsed or not vetted, with the reasons, and checks lapsing soon."""

from __future__ import annotations

from datetime import date

from apdesk.domain.calendar import add_months
from apdesk.domain.entities import VettingCheck
from apdesk.domain.enums import CheckKind, ProviderState, SettingType
from apdesk.domain.labels import label
from apdesk.domain.providers import (
    REQUIRED_CHECKS,
    annex_b_sign_problems,
    census_identifier,
    checks_lapsing_within,
    effective_expiry,
    provider_status,
)
from tests.domain.factories import vetted_provider

TODAY = date(2026, 3, 1)


def test_required_checks_cover_the_policy_list() -> None:
    assert set(REQUIRED_CHECKS) == {
        CheckKind.SAFER_RECRUITMENT,
        CheckKind.SAFEGUARDING_POLICY,
        CheckKind.PREMISES_FIRE,
        CheckKind.STAFFING_CURRICULUM,
        CheckKind.INSURANCE,
        CheckKind.FIRST_AID_HEALTH_SAFETY,
        CheckKind.SAFEGUARDING_TRAINING,
        CheckKind.ANNUAL_ASSURANCE,
    }


def test_fully_vetted_provider_is_approved() -> None:
    status = provider_status(vetted_provider(), TODAY)
    assert status.state is ProviderState.APPROVED
    assert status.approved and status.reasons == []


def test_missing_check_means_not_vetted_and_says_which() -> None:
    provider = vetted_provider()
    provider.checks = [c for c in provider.checks if c.kind is not CheckKind.SAFEGUARDING_TRAINING]
    status = provider_status(provider, TODAY)
    assert status.state is ProviderState.NOT_VETTED
    assert status.reasons == ["No evidence recorded: Staff safeguarding and PREVENT training."]


def test_every_check_lapses_a_year_after_receipt_by_default() -> None:
    # Received 1 Sep 2025: in date to 1 Sep 2026, lapsed on 2 Sep 2026; first aid
    # certificates last three years, insurance until its typed date.
    provider = vetted_provider(insurance_until=date(2027, 1, 1))
    assert provider_status(provider, date(2026, 9, 1)).approved
    status = provider_status(provider, date(2026, 9, 2))
    assert status.state is ProviderState.LAPSED
    lapsed = {k for k in CheckKind if any(r.startswith(label(k)) for r in status.reasons)}
    assert lapsed == set(CheckKind) - {CheckKind.FIRST_AID_HEALTH_SAFETY, CheckKind.INSURANCE}
    assert "Annual written safeguarding assurance expired on 1 Sep 2026." in status.reasons


def test_expired_insurance_makes_it_lapsed() -> None:
    provider = vetted_provider(insurance_until=date(2026, 2, 28))
    status = provider_status(provider, TODAY)
    assert status.state is ProviderState.LAPSED
    assert status.reasons == ["Insurance expired on 28 Feb 2026."]


def test_renewal_replaces_the_lapsed_check() -> None:
    provider = vetted_provider(insurance_until=date(2026, 2, 28))
    provider.checks.append(
        VettingCheck(CheckKind.INSURANCE, date(2026, 2, 27), "DSL", expires_on=date(2027, 2, 28))
    )
    assert provider_status(provider, TODAY).approved


def test_insurance_without_expiry_is_not_vetted() -> None:
    provider = vetted_provider()
    for check in provider.checks:
        if check.kind is CheckKind.INSURANCE:
            check.expires_on = None
    status = provider_status(provider, TODAY)
    assert status.state is ProviderState.NOT_VETTED
    assert status.reasons == ["Insurance: no expiry date recorded."]


def test_check_dated_in_the_future_does_not_count() -> None:
    provider = vetted_provider(received=date(2026, 3, 2))
    assert provider_status(provider, TODAY).state is ProviderState.NOT_VETTED


def test_site_and_dsl_are_required() -> None:
    provider = vetted_provider()
    provider.sites.clear()
    provider.contacts[0].is_dsl = False
    status = provider_status(provider, TODAY)
    assert status.state is ProviderState.NOT_VETTED
    assert status.reasons == [
        "No address recorded where pupils will be educated.",
        "No named DSL recorded among the provider's contacts.",
    ]


def test_not_vetted_outranks_lapsed_and_lists_both() -> None:
    provider = vetted_provider(insurance_until=date(2026, 2, 1))
    provider.contacts.clear()
    status = provider_status(provider, TODAY)
    assert status.state is ProviderState.NOT_VETTED
    assert "Insurance expired on 1 Feb 2026." in status.reasons


def test_checks_lapsing_within_30_days() -> None:
    # Insurance until 31 Mar 2026 and assurance until 1 Sep 2026.
    provider = vetted_provider(insurance_until=date(2026, 3, 31))
    assert [c.kind for c in checks_lapsing_within(provider, TODAY)] == [CheckKind.INSURANCE]
    assert checks_lapsing_within(provider, TODAY, days=29) == []
    soon = checks_lapsing_within(provider, date(2026, 8, 15))
    assert CheckKind.ANNUAL_ASSURANCE in {c.kind for c in soon}
    assert CheckKind.FIRST_AID_HEALTH_SAFETY not in {c.kind for c in soon}
    assert {c.expires_on for c in soon} == {date(2026, 9, 1)}


def test_effective_expiry_takes_the_earlier_typed_date_for_assurance() -> None:
    check = VettingCheck(CheckKind.ANNUAL_ASSURANCE, date(2025, 9, 1), expires_on=date(2026, 7, 31))
    assert effective_expiry(check) == date(2026, 7, 31)
    premises = VettingCheck(CheckKind.PREMISES_FIRE, date(2025, 9, 1))
    assert effective_expiry(premises) == date(2026, 9, 1)
    first_aid = VettingCheck(CheckKind.FIRST_AID_HEALTH_SAFETY, date(2025, 9, 1))
    assert effective_expiry(first_aid) == date(2028, 9, 1)
    assert effective_expiry(VettingCheck(CheckKind.INSURANCE, date(2025, 9, 1))) is None


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


def test_census_identifier_urn_then_ukprn_then_setting_type() -> None:
    provider = vetted_provider()
    provider.ukprn = "10012345"
    assert census_identifier(provider) == "123456"
    provider.ofsted_urn = ""
    assert census_identifier(provider) == "10012345"
    provider.ukprn = ""
    provider.setting_type = SettingType.OOT
    assert census_identifier(provider) == "OOT"


def test_a_kind_the_schools_periods_leave_out_keeps_the_default_period() -> None:
    check = VettingCheck(CheckKind.PREMISES_FIRE, date(2026, 1, 5))
    assert effective_expiry(check, {CheckKind.SAFER_RECRUITMENT: 3}) == date(2027, 1, 5)


def test_evidence_received_today_counts_today() -> None:
    received_today = vetted_provider(received=TODAY, insurance_until=date(2026, 12, 31))
    assert provider_status(received_today, TODAY).approved


def test_a_check_lapsing_today_is_still_in_the_lapsing_list_with_the_check_itself() -> None:
    # Received 1 Mar 2025 and kept a year: the last valid day is 1 Mar 2026, today. The
    # school keeping it two years moves it out of the next 30 days.
    provider = vetted_provider(received=date(2025, 3, 1), insurance_until=date(2026, 12, 31))
    lapsing = checks_lapsing_within(provider, TODAY)
    assert {item.expires_on for item in lapsing} == {TODAY}
    assert all(item.check.kind is item.kind for item in lapsing)
    two_years = {kind: 24 for kind in CheckKind}
    assert checks_lapsing_within(provider, TODAY, periods=two_years) == []


def test_a_provider_with_no_identifier_has_none_for_the_census() -> None:
    bare = vetted_provider()
    bare.ofsted_urn, bare.ukprn, bare.setting_type = "", "", None
    assert census_identifier(bare) == ""


def test_a_tick_with_no_date_is_named_as_such_when_signing() -> None:
    problems = annex_b_sign_problems(
        vetted_provider(), provider_status(vetted_provider(), TODAY), TODAY, {"1.2 Vetted": None}
    )
    assert problems == [
        "These ticks are more than twelve months old; check them again:",
        "  1.2 Vetted (ticked with no date)",
    ]
