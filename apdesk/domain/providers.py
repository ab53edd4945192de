"""Provider vetting rules: approved, lapsed or not vetted, and checks about to lapse.

Policy §5, §6, §12, §14 and DOMAIN.md rule 8. Decisions:
- Every kind in REQUIRED_CHECKS must have been received (on or before `today`); for each
  kind the most recently received check is the one that counts.
- A check is in date up to and including its expiry date. The annual safeguarding
  assurance expires 12 months after receipt (or earlier, if an earlier expiry is typed);
  insurance must have an expiry date recorded.
- The provider must also have at least one address where pupils are educated (§5) and a
  named DSL among its contacts (§5); without them it is not vetted.
- Not vetted outranks lapsed: a provider missing any evidence is "not vetted".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from apdesk.domain.calendar import add_months
from apdesk.domain.entities.providers import Provider, VettingCheck
from apdesk.domain.enums import CheckKind, ProviderState
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label

REQUIRED_CHECKS: tuple[CheckKind, ...] = tuple(CheckKind)
MUST_HAVE_EXPIRY: frozenset[CheckKind] = frozenset({CheckKind.INSURANCE})
LAPSING_WARNING_DAYS = 30


@dataclass(frozen=True)
class ProviderStatus:
    state: ProviderState
    reasons: list[str] = field(default_factory=list)

    @property
    def approved(self) -> bool:
        return self.state is ProviderState.APPROVED


def effective_expiry(check: VettingCheck) -> date | None:
    """The last day the check is in date, or None if it does not lapse."""
    if check.kind is CheckKind.ANNUAL_ASSURANCE:
        annual = add_months(check.received_on, 12)
        return min(annual, check.expires_on) if check.expires_on else annual
    return check.expires_on


def current_checks(provider: Provider, today: date) -> dict[CheckKind, VettingCheck]:
    """The most recently received check of each kind, ignoring any dated after today."""
    latest: dict[CheckKind, VettingCheck] = {}
    for check in sorted(provider.checks, key=lambda c: c.received_on):
        if check.received_on <= today:
            latest[check.kind] = check
    return latest


def _missing(provider: Provider, current: dict[CheckKind, VettingCheck]) -> list[str]:
    reasons = [f"No evidence recorded: {label(k)}." for k in REQUIRED_CHECKS if k not in current]
    reasons += [
        f"{label(k)}: no expiry date recorded."
        for k in MUST_HAVE_EXPIRY
        if k in current and current[k].expires_on is None
    ]
    if not provider.sites:
        reasons.append("No address recorded where pupils will be educated.")
    if provider.dsl is None:
        reasons.append("No named DSL recorded among the provider's contacts.")
    return reasons


def _lapsed(current: dict[CheckKind, VettingCheck], today: date) -> list[str]:
    reasons = []
    for kind in REQUIRED_CHECKS:
        check = current.get(kind)
        expiry = effective_expiry(check) if check else None
        if expiry is not None and expiry < today:
            reasons.append(f"{label(kind)} expired on {format_date(expiry)}.")
    return reasons


def provider_status(provider: Provider, today: date) -> ProviderStatus:
    """Approved only when every required check is present and in date on `today`."""
    current = current_checks(provider, today)
    missing = _missing(provider, current)
    lapsed = _lapsed(current, today)
    if missing:
        return ProviderStatus(ProviderState.NOT_VETTED, missing + lapsed)
    if lapsed:
        return ProviderStatus(ProviderState.LAPSED, lapsed)
    return ProviderStatus(ProviderState.APPROVED, [])


@dataclass(frozen=True)
class LapsingCheck:
    kind: CheckKind
    expires_on: date
    check: VettingCheck


def checks_lapsing_within(
    provider: Provider, today: date, days: int = LAPSING_WARNING_DAYS
) -> list[LapsingCheck]:
    """Checks still in date today whose last valid day is within `days` days, soonest first."""
    horizon = today + timedelta(days=days)
    lapsing = []
    for kind, check in current_checks(provider, today).items():
        expiry = effective_expiry(check)
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
