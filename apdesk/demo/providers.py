"""Demo providers: records, vetting evidence renewed every year, and Annex B.

Every check (and a satellite or subcontracted site's own evidence) comes in every 350
days, so there is never a gap, until the last renewal: `renewed_days_ago` decides whether
a provider is in date today, lapsing within 30 days (an action opens) or lapsed. A provider
with `missing` checks never gets them and stays "not vetted". Annex B is ticked when the
provider is vetted and again at its last renewal.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from apdesk.demo.content import PROVIDERS, ProviderSpec
from apdesk.demo.world import World
from apdesk.domain.calendar import add_months
from apdesk.domain.checklists import ANNEX_B_ITEMS
from apdesk.domain.entities import VettingCheck
from apdesk.domain.enums import CheckKind
from apdesk.domain.providers import SITE_CHECKS
from apdesk.services import providers

RENEWED = frozenset(CheckKind)
RENEWAL_GAP = timedelta(days=350)
ON_RECORD_FOR = timedelta(days=180)  # every provider is on record before any story starts
CHECKED_BY = "Sam Patel (DSL)"
NOTES = {
    CheckKind.SAFER_RECRUITMENT: "Written assurance: enhanced DBS with barred list, right to "
    "work, two references and identity checked for every member of staff.",
    CheckKind.SAFEGUARDING_POLICY: "Safeguarding policy dated this year; named DSL confirmed.",
    CheckKind.PREMISES_FIRE: "Premises and fire risk assessment seen on the vetting visit.",
    CheckKind.STAFFING_CURRICULUM: "Ratio 1:4; curriculum offer and pastoral support described.",
    CheckKind.INSURANCE: "Employer's and public liability certificate (£10m).",
    CheckKind.FIRST_AID_HEALTH_SAFETY: "Two qualified first aiders on site; H&S policy seen.",
    CheckKind.SAFEGUARDING_TRAINING: "Safeguarding and PREVENT training log for all staff.",
    CheckKind.ANNUAL_ASSURANCE: "Signed annual written safeguarding assurance.",
}


def weekday_on_or_before(day: date) -> date:
    return day - timedelta(days=max(0, day.weekday() - 4))


def renewal_dates(spec: ProviderSpec, today: date, years: int) -> list[date]:
    """When the yearly evidence came in, oldest first; enough to cover every year's story."""
    count = 1 if spec.missing else years + 2
    last = today - timedelta(days=spec.renewed_days_ago)
    return [weekday_on_or_before(last - RENEWAL_GAP * n) for n in reversed(range(count))]


def plan_providers(world: World, years: int) -> None:
    """Add every provider's events: the record, its evidence, its renewals and Annex B."""
    for index, spec in enumerate(PROVIDERS):
        renewals = renewal_dates(spec, world.today, years)
        first = min(renewals[0] - timedelta(days=14), world.today - ON_RECORD_FOR)
        world.at(first, "10:00", partial(_save, world, index, spec))
        vetted = first + timedelta(days=7)
        for kind in CheckKind:
            if kind not in RENEWED and kind not in spec.missing:
                world.at(vetted, "11:00", partial(_check, world, index, kind, vetted))
        renewed = [kind for kind in CheckKind if kind in RENEWED and kind not in spec.missing]
        for day in renewals:
            for kind in renewed:
                world.at(day, "09:30", partial(_check, world, index, kind, day))
            for site, (_, _, site_kind) in enumerate(spec.sites):
                for kind in SITE_CHECKS.get(site_kind, ()):
                    world.at(day, "09:45", partial(_check, world, index, kind, day, site))
        if not spec.missing:
            world.at(vetted, "15:00", partial(_annex_b, world, index, vetted))
            last = renewals[-1]
            world.at(last, "15:00", partial(_annex_b, world, index, last))


def _save(world: World, index: int, spec: ProviderSpec) -> None:
    stored = providers.save_provider(world.past, world.staff["dsl"], spec.provider())
    world.providers[index] = stored
    world.counts["providers"] += 1


def _check(
    world: World, index: int, kind: CheckKind, received: date, site: int | None = None
) -> None:
    expires = add_months(received, 12) if kind is CheckKind.INSURANCE else None
    check = VettingCheck(kind, received, CHECKED_BY, expires, NOTES[kind])
    if site is not None:
        check.site_id = world.providers[index].sites[site].id
    provider_id = world.providers[index].id
    assert provider_id is not None
    providers.record_check(world.past, world.staff["dsl"], provider_id, check)


def _annex_b(world: World, index: int, done_on: date) -> None:
    provider_id = world.providers[index].id
    assert provider_id is not None
    for item in ANNEX_B_ITEMS:
        providers.set_annex_b_item(
            world.past, world.staff["dsl"], provider_id, item.key, True, done_on
        )
