"""Provider vetting rules: approved, lapsed or not vetted, and checks about to lapse.

Policy §5, §6, §12, §14 and DOMAIN.md rule 8. Decisions:
- Every kind in REQUIRED_CHECKS must have been received (on or before `today`); for each
  kind the most recently received check is the one that counts.
- A check is in date up to and including its expiry date. Every kind lapses: a period of
  months after receipt that the school sets (`DEFAULT_PERIODS` until it does: a year for
  most, three years for first aid certificates), or earlier if an earlier expiry is
  typed. Insurance must have its expiry date recorded and lapses on that date.
- A satellite or subcontracted site carries its own evidence (`SITE_CHECKS`): premises for
  either, and safer recruitment and safeguarding for subcontracted provision. A placement
  at such a site needs the provider approved and the site's own evidence in date.
- The provider must also have at least one address where pupils are educated (§5) and a
  named DSL among its contacts (§5); without them it is not vetted.
- Not vetted outranks lapsed: a provider missing any evidence is "not vetted".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Protocol, TypeVar

from apdesk.domain.calendar import add_months
from apdesk.domain.checklists import tick_expired
from apdesk.domain.entities.providers import Provider, Site, VettingCheck
from apdesk.domain.enums import CheckKind, ProviderState, SiteKind
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label

REQUIRED_CHECKS: tuple[CheckKind, ...] = tuple(CheckKind)
MUST_HAVE_EXPIRY: frozenset[CheckKind] = frozenset({CheckKind.INSURANCE})
LAPSING_WARNING_DAYS = 30
#: Months a check stays in date after receipt, until the school sets its own periods.
DEFAULT_PERIODS: Mapping[CheckKind, int] = MappingProxyType(
    {kind: 36 if kind is CheckKind.FIRST_AID_HEALTH_SAFETY else 12 for kind in CheckKind}
)
PERIOD_LIMITS = (1, 36)
SITE_CHECKS: Mapping[SiteKind, tuple[CheckKind, ...]] = MappingProxyType(
    {
        SiteKind.SATELLITE: (CheckKind.PREMISES_FIRE,),
        SiteKind.SUBCONTRACTED: (
            CheckKind.PREMISES_FIRE,
            CheckKind.SAFER_RECRUITMENT,
            CheckKind.SAFEGUARDING_POLICY,
        ),
    }
)


class CheckFacts(Protocol):
    """What the vetting rules read of a check (a `VettingCheck`, or a list's plain row)."""

    @property
    def kind(self) -> CheckKind: ...

    @property
    def received_on(self) -> date: ...

    @property
    def expires_on(self) -> date | None: ...

    @property
    def site_id(self) -> int | None: ...


C = TypeVar("C", bound=CheckFacts)


@dataclass(frozen=True)
class ProviderStatus:
    state: ProviderState
    reasons: list[str] = field(default_factory=list)

    @property
    def approved(self) -> bool:
        return self.state is ProviderState.APPROVED


def check_period(kind: CheckKind, months: int) -> int:
    """A school-set period for a kind of check, refused outside 1 to 36 months."""
    low, high = PERIOD_LIMITS
    if not low <= months <= high:
        raise InvalidInput(
            f"{label(kind)}: a check must lapse from {low} to {high} months after it is "
            f"received; {months} is outside that."
        )
    return months


def effective_expiry(
    check: CheckFacts, periods: Mapping[CheckKind, int] = DEFAULT_PERIODS
) -> date | None:
    """The last day the check is in date: the typed expiry for insurance, otherwise the
    school's period after receipt, or a typed expiry if that comes first."""
    if check.kind in MUST_HAVE_EXPIRY:
        return check.expires_on
    lapses = add_months(check.received_on, periods.get(check.kind, DEFAULT_PERIODS[check.kind]))
    return min(lapses, check.expires_on) if check.expires_on else lapses


def current_checks(
    provider: Provider, today: date, site_id: int | None = None
) -> dict[CheckKind, VettingCheck]:
    """The most recently received check of each kind (the provider's own, or one site's),
    ignoring any dated after today."""
    return _latest(provider.checks, today, site_id)


def _latest(checks: Iterable[C], today: date, site_id: int | None) -> dict[CheckKind, C]:
    latest: dict[CheckKind, C] = {}
    for check in sorted(checks, key=lambda c: c.received_on):
        if check.received_on <= today and check.site_id == site_id:
            latest[check.kind] = check
    return latest


def _missing(current: Mapping[CheckKind, CheckFacts], has_site: bool, has_dsl: bool) -> list[str]:
    reasons = [f"No evidence recorded: {label(k)}." for k in REQUIRED_CHECKS if k not in current]
    reasons += [
        f"{label(k)}: no expiry date recorded."
        for k in MUST_HAVE_EXPIRY
        if k in current and current[k].expires_on is None
    ]
    if not has_site:
        reasons.append("No address recorded where pupils will be educated.")
    if not has_dsl:
        reasons.append("No named DSL recorded among the provider's contacts.")
    return reasons


def _lapsed(
    current: Mapping[CheckKind, CheckFacts],
    today: date,
    periods: Mapping[CheckKind, int],
    kinds: tuple[CheckKind, ...] = REQUIRED_CHECKS,
    prefix: str = "",
) -> list[str]:
    reasons = []
    for kind in kinds:
        check = current.get(kind)
        expiry = effective_expiry(check, periods) if check else None
        if expiry is not None and expiry < today:
            reasons.append(f"{prefix}{label(kind)} expired on {format_date(expiry)}.")
    return reasons


def _status(missing: list[str], lapsed: list[str]) -> ProviderStatus:
    if missing:
        return ProviderStatus(ProviderState.NOT_VETTED, missing + lapsed)
    if lapsed:
        return ProviderStatus(ProviderState.LAPSED, lapsed)
    return ProviderStatus(ProviderState.APPROVED)


def provider_status(
    provider: Provider, today: date, periods: Mapping[CheckKind, int] = DEFAULT_PERIODS
) -> ProviderStatus:
    """Approved only when every required check is present and in date on `today`."""
    return vetting_status(
        provider.checks, bool(provider.sites), provider.dsl is not None, today, periods
    )


def vetting_status(
    checks: Iterable[CheckFacts],
    has_site: bool,
    has_dsl: bool,
    today: date,
    periods: Mapping[CheckKind, int] = DEFAULT_PERIODS,
) -> ProviderStatus:
    """`provider_status` from what it reads of the provider: its checks, whether it has an
    address where pupils are educated and whether it has a named DSL (the providers list
    reads these as plain rows)."""
    current = _latest(checks, today, None)
    return _status(_missing(current, has_site, has_dsl), _lapsed(current, today, periods))


def site_problems(
    provider: Provider, site: Site, today: date, periods: Mapping[CheckKind, int]
) -> tuple[list[str], list[str]]:
    """A satellite or subcontracted site's own evidence: (missing, lapsed) reasons."""
    kinds = SITE_CHECKS.get(site.kind, ())
    current = current_checks(provider, today, site.id)
    where = f"{site.name} ({label(site.kind).lower()}): "
    missing = [f"{where}no evidence recorded: {label(k)}." for k in kinds if k not in current]
    return missing, _lapsed(current, today, periods, kinds, where)


def placement_provider_status(
    provider: Provider,
    site_id: int | None,
    today: date,
    periods: Mapping[CheckKind, int] = DEFAULT_PERIODS,
) -> ProviderStatus:
    """The provider's status for a placement at one of its sites: a satellite or
    subcontracted site must carry its own evidence as well."""
    current = current_checks(provider, today)
    missing = _missing(current, bool(provider.sites), provider.dsl is not None)
    lapsed = _lapsed(current, today, periods)
    site = next((s for s in provider.sites if s.id == site_id), None)
    if site is not None:
        site_missing, site_lapsed = site_problems(provider, site, today, periods)
        missing, lapsed = missing + site_missing, lapsed + site_lapsed
    return _status(missing, lapsed)


@dataclass(frozen=True)
class LapsingCheck:
    kind: CheckKind
    expires_on: date
    check: VettingCheck


def checks_lapsing_within(
    provider: Provider,
    today: date,
    days: int = LAPSING_WARNING_DAYS,
    periods: Mapping[CheckKind, int] = DEFAULT_PERIODS,
) -> list[LapsingCheck]:
    """Checks still in date today whose last valid day is within `days` days, soonest first."""
    horizon = today + timedelta(days=days)
    lapsing = []
    for kind, check in current_checks(provider, today).items():
        expiry = effective_expiry(check, periods)
        if expiry is not None and today <= expiry <= horizon:
            lapsing.append(LapsingCheck(kind, expiry, check))
    return sorted(lapsing, key=lambda item: item.expires_on)


def census_identifier(provider: Provider) -> str:
    """For the school census: the Ofsted URN, else the UKPRN, else the setting type code."""
    if provider.ofsted_urn:
        return provider.ofsted_urn
    if provider.ukprn:
        return provider.ukprn
    return str(provider.setting_type) if provider.setting_type else ""


STALE_NAMED = 5  # old ticks named one by one in a refusal; more are counted


def annex_b_sign_problems(
    provider: Provider, status: ProviderStatus, today: date, ticks: Mapping[str, date | None]
) -> list[str]:
    """Why the Headteacher cannot sign this provider's Annex B today ("providers are ...
    safeguarding compliant"): the provider is not approved, or a tick is over twelve months
    old. `ticks` maps each ticked requirement's wording to the date it was ticked."""
    problems = []
    if not status.approved:
        problems.append(f"{provider.name} is {label(status.state).lower()}:")
        problems += [f"  {reason}" for reason in status.reasons]
    stale = [
        f"{text} (ticked {format_date(done_on) if done_on else 'with no date'})"
        for text, done_on in ticks.items()
        if tick_expired(done_on, today)
    ]
    if stale:
        problems.append("These ticks are more than twelve months old; check them again:")
        if len(stale) > STALE_NAMED + 1:  # every line would make it taller than a screen
            more = f"and {len(stale) - STALE_NAMED} more, each marked Expired on the Annex B page"
            stale = [*stale[:STALE_NAMED], more]
        problems += [f"  {line}" for line in stale]
    return problems
