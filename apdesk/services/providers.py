"""Providers: status with reasons, sites, contacts, vetting checks and their evidence files.

Evidence files live inside the encrypted store; they are handed back as bytes, never
written to a temp folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import checklists
from apdesk.domain import providers as rules
from apdesk.domain.entities import Provider, VettingCheck
from apdesk.domain.entities.placements import LIVE_STATUSES
from apdesk.domain.enums import CheckKind, PlacementStatus, ProviderState
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import counted
from apdesk.domain.identifiers import validate_ofsted_urn, validate_ukprn
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import ProviderStatus
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services import evidence
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.child_rows import sync_children, tick_item
from apdesk.services.evidence import EvidenceInfo
from apdesk.services.lookups import fetch, name_for, persisted_id, pupil_names
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

LIVE = (PlacementStatus.AUTHORISED, PlacementStatus.ACTIVE)  # `Placement.is_live`

FIELDS = (
    "name",
    "kind",
    "ofsted_urn",
    "ukprn",
    "setting_type",
    "phone",
    "email",
    "notes",
    "annex_b_responsible",
)


@dataclass(frozen=True)
class ProviderRow:
    id: int
    name: str
    kind: str
    state: str
    reasons: tuple[str, ...]
    sites: int
    live_placements: int


def check_periods(session: DbSession) -> dict[CheckKind, int]:
    """How many months each kind of check stays in date: the school's, else the default."""
    periods = dict(rules.DEFAULT_PERIODS)
    for kind, months in session.execute(select(t.check_period.c.kind, t.check_period.c.months)):
        periods[CheckKind(kind)] = months
    return periods


def status_of(session: DbSession, provider: Provider, today: date) -> ProviderStatus:
    """The provider's status today under the school's check periods."""
    return rules.provider_status(provider, today, check_periods(session))


def set_check_period(svc: AppServices, actor: Actor, kind: CheckKind, months: int) -> None:
    """The Headteacher sets how long a kind of check stays in date (1 to 36 months)."""
    if kind in rules.MUST_HAVE_EXPIRY:
        raise InvalidInput(f"{label(kind)} lapses on the expiry date typed for each one.")
    rules.check_period(kind, months)
    with svc.work(actor, Permission.EDIT_SCHOOL, Permission.VET_PROVIDERS) as uow:
        old = check_periods(uow.session)[kind]
        uow.session.execute(delete(t.check_period).where(t.check_period.c.kind == kind.value))
        uow.session.execute(insert(t.check_period).values(kind=kind.value, months=months))
        uow.audit(
            "provider.check_period",
            RecordKind.CHECK_PERIOD,
            None,
            old={"kind": kind.value, "months": old},
            new={"kind": kind.value, "months": months},
        )


def list_providers(svc: AppServices, actor: Actor) -> list[ProviderRow]:
    """Every provider by name with its vetting status, read as plain rows: what the status
    reads of each (its checks, a site, a DSL), not the records with their Annex B."""
    today = svc.clock.today()
    pr, p, site, c = t.provider.c, t.placement.c, t.site.c, t.contact.c
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        counted = select(p.provider_id, func.count()).where(p.status.in_(LIVE))
        live = {pid: n for pid, n in session.execute(counted.group_by(p.provider_id))}
        counted = select(site.provider_id, func.count()).group_by(site.provider_id)
        sites = {pid: n for pid, n in session.execute(counted)}
        with_dsl = set(session.scalars(select(c.provider_id).where(c.is_dsl)))
        checks: dict[int, list[rules.CheckFacts]] = {}
        for check in session.execute(_latest_checks(today)):
            checks.setdefault(check.provider_id, []).append(check)
        periods = check_periods(session)
        rows = []
        for pid, name, kind in session.execute(select(pr.id, pr.name, pr.kind).order_by(pr.name)):
            status = rules.vetting_status(
                checks.get(pid, ()), pid in sites, pid in with_dsl, today, periods
            )
            state, reasons = label(status.state), tuple(status.reasons)
            counts = sites.get(pid, 0), live.get(pid, 0)
            rows.append(ProviderRow(pid, name, label(kind), state, reasons, *counts))
        return rows


def _latest_checks(today: date) -> Select[tuple[int, CheckKind, date, date | None, int | None]]:
    """Each provider's own check of each kind most recently received by `today`: the one the
    vetting rules count (`rules.current_checks`), not every check ever recorded (SQLite takes
    a bare column from the row whose `max` it returns)."""
    vc = t.vetting_check.c
    received = func.max(vc.received_on).label("received_on")
    return (
        select(vc.provider_id, vc.kind, received, vc.expires_on, vc.site_id)
        .where(vc.site_id.is_(None), vc.received_on <= today)
        .group_by(vc.provider_id, vc.kind)
    )


def get_provider(
    svc: AppServices, actor: Actor, provider_id: int
) -> tuple[Provider, ProviderStatus]:
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        provider = fetch(session, Provider, provider_id, "provider")
        return provider, status_of(session, provider, svc.clock.today())


def save_provider(svc: AppServices, actor: Actor, provider: Provider) -> Provider:
    """Add or update a provider with its sites and contacts (checks: `record_check`)."""
    check_record_text(provider, "provider")  # no NUL or direction controls; lengths kept
    _validate(provider)
    with svc.work(actor, Permission.EDIT_PROVIDERS) as uow:
        stored = uow.session.get(Provider, provider.id) if provider.id else None
        old = snapshot(stored, *FIELDS) if stored else None
        if stored is None:
            stored = Provider(provider.name, provider.kind, annex_b=checklists.blank_annex_b())
            uow.session.add(stored)
        for name in FIELDS:
            setattr(stored, name, getattr(provider, name))
        stored.sites = sync_children(stored.sites, provider.sites)
        stored.contacts = sync_children(stored.contacts, provider.contacts)
        uow.session.flush()
        uow.audit(
            "provider.save", RecordKind.PROVIDER, stored.id, old=old, new=snapshot(stored, *FIELDS)
        )
        return stored


def _validate(provider: Provider) -> None:
    if not provider.name.strip():
        raise InvalidInput("Enter the provider's name.")
    if provider.ofsted_urn.strip():
        provider.ofsted_urn = validate_ofsted_urn(provider.ofsted_urn)
    if provider.ukprn.strip():
        provider.ukprn = validate_ukprn(provider.ukprn)
    for site in provider.sites:
        if not site.address.strip():
            raise InvalidInput(f"Enter the address of the site '{site.name}'.")


def record_check(
    svc: AppServices, actor: Actor, provider_id: int, check: VettingCheck
) -> VettingCheck:
    """Record a piece of vetting evidence: when it came, who checked it, when it lapses."""
    if check.expires_on is not None and check.expires_on < check.received_on:
        raise InvalidInput("The expiry date must be after the date the evidence was received.")
    if not check.checked_by.strip():
        raise InvalidInput("Say who checked the evidence.")
    with svc.work(actor, Permission.VET_PROVIDERS) as uow:
        provider = fetch(uow.session, Provider, provider_id, "provider")
        if check.site_id is not None:
            site = next((s for s in provider.sites if s.id == check.site_id), None)
            if site is None:
                raise InvalidInput("That site belongs to a different provider.")
            if check.kind not in rules.SITE_CHECKS.get(site.kind, ()):
                raise InvalidInput(
                    f"{site.name} carries its own evidence only for: "
                    + ", ".join(label(k) for k in rules.SITE_CHECKS.get(site.kind, ()))
                    + ". Record anything else for the provider as a whole."
                )
        stored = VettingCheck(
            check.kind,
            check.received_on,
            check.checked_by.strip(),
            check.expires_on,
            check.evidence_note,
            site_id=check.site_id,
        )
        provider.checks.append(stored)
        uow.session.flush()
        uow.audit(
            "provider.check",
            RecordKind.PROVIDER,
            provider_id,
            new=snapshot(stored, "kind", "received_on", "checked_by", "expires_on", "site_id"),
        )
        return stored


def add_evidence(svc: AppServices, actor: Actor, check_id: int, filename: str, data: bytes) -> int:
    """Keep an evidence file (a DBS letter, an insurance certificate) inside the store."""
    with svc.read(actor, Permission.VET_PROVIDERS) as session:
        fetch(session, VettingCheck, check_id, "check")
    return evidence.add(svc, actor, evidence.CHECK, check_id, filename, data)


def list_evidence(svc: AppServices, actor: Actor, check_id: int) -> list[EvidenceInfo]:
    return evidence.listed(svc, actor, evidence.CHECK, check_id)


def get_evidence(svc: AppServices, actor: Actor, evidence_id: int) -> tuple[EvidenceInfo, bytes]:
    return evidence.get(svc, actor, evidence.CHECK, evidence_id)


def remove_evidence(svc: AppServices, actor: Actor, evidence_id: int, reason: str) -> None:
    evidence.remove(svc, actor, evidence.CHECK, evidence_id, reason)


def set_annex_b_item(
    svc: AppServices,
    actor: Actor,
    provider_id: int,
    key: str,
    done: bool,
    done_on: date | None = None,
    note: str = "",
) -> None:
    """Tick (or untick) one Annex B requirement for a provider, with its date."""
    with svc.work(actor, Permission.VET_PROVIDERS) as uow:
        provider = fetch(uow.session, Provider, provider_id, "provider")
        if not provider.annex_b:
            provider.annex_b = checklists.blank_annex_b()
        old, new = tick_item(uow, provider.annex_b, "Annex B", key, done, done_on, note)
        uow.audit("annex_b.item", RecordKind.PROVIDER, provider_id, old=old, new=new)


def find_provider(svc: AppServices, actor: Actor, name_or_id: str) -> Provider:
    """A provider by its id or its name (case does not matter; a unique start is enough)."""
    text = name_or_id.strip()
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        if text.isdigit():
            return fetch(session, Provider, int(text), "provider")
        everyone = list(session.scalars(select(Provider)))
        exact = [p for p in everyone if p.name.lower() == text.lower()]
        found = exact or [p for p in everyone if p.name.lower().startswith(text.lower())]
        if len(found) == 1:
            return found[0]
        if not found:
            raise InvalidInput(f"No provider is called '{text}'.")
        names = ", ".join(p.name for p in found)
        raise InvalidInput(f"'{text}' could be any of: {names}. Give more of the name.")


@dataclass(frozen=True)
class LapsedWithChildren:
    """A provider that is not approved today while children are placed there."""

    provider_id: int
    provider: str
    state: ProviderState
    reasons: tuple[str, ...]
    placements: tuple[tuple[int, str], ...]  # (placement id, pupil's name)
    since: date

    @property
    def text(self) -> str:
        count = len(self.placements)
        names = ", ".join(name for _, name in self.placements)
        children = f"{count} child{'ren' if count > 1 else ''} placed ({names})"
        return f"{self.provider} is {label(self.state).lower()} with {children}: " + " ".join(
            self.reasons
        )


def lapsed_in(session: DbSession, today: date) -> list[LapsedWithChildren]:
    """Every provider, or site, not approved today for a placement that is authorised or
    active there (the placement's own site's evidence counts too)."""
    periods = check_periods(session)
    names = pupil_names(session)
    found: dict[int, list[tuple[int, int, ProviderStatus]]] = {}
    providers = {persisted_id(p): p for p in session.scalars(select(Provider))}
    c = t.placement.c
    # plain rows: the placements' objectives and Annex A play no part here
    live = select(c.id, c.pupil_id, c.provider_id, c.site_id, c.status).where(c.status.in_(LIVE))
    for placement_id, pupil_id, provider_id, site_id, status in session.execute(
        live.order_by(c.start_date)
    ):
        provider = providers.get(provider_id)
        if provider is None or status not in LIVE_STATUSES:  # `Placement.is_live` decides
            continue
        standing = rules.placement_provider_status(provider, site_id, today, periods)
        if not standing.approved:
            found.setdefault(provider_id, []).append((placement_id, pupil_id, standing))
    result = []
    for provider_id, hits in found.items():
        reasons = tuple(dict.fromkeys(r for *_, standing in hits for r in standing.reasons))
        result.append(
            LapsedWithChildren(
                provider_id,
                providers[provider_id].name,
                hits[0][2].state,
                reasons,
                tuple((i, name_for(names, pupil_id, "?")) for i, pupil_id, _ in hits),
                _lapsed_since(providers[provider_id], today, periods),
            )
        )
    return result


def _lapsed_since(provider: Provider, today: date, periods: dict[CheckKind, int]) -> date:
    """The first day a current check was out of date (today if none has lapsed)."""
    days = [
        expiry + timedelta(days=1)
        for site_id in {None, *(s.id for s in provider.sites)}
        for check in rules.current_checks(provider, today, site_id).values()
        if (expiry := rules.effective_expiry(check, periods)) is not None and expiry < today
    ]
    return min(days, default=today)


def lapsed_with_children(svc: AppServices, actor: Actor) -> list[LapsedWithChildren]:
    """For Today (DSL, deputy and Headteacher): providers lapsed with a child placed."""
    with svc.read(actor, Permission.VET_PROVIDERS) as session:
        return lapsed_in(session, svc.clock.today())


@dataclass(frozen=True)
class AnnexBReady:
    provider_id: int
    provider: str
    last_ticked: date


def annex_b_ready(svc: AppServices, actor: Actor) -> list[AnnexBReady]:
    """Providers whose Annex B could be signed today and has not been since its last tick."""
    today = svc.clock.today()
    with svc.read(actor, Permission.SIGN_ANNEX_B) as session:
        ready = []
        for provider in session.scalars(select(Provider).order_by(t.provider.c.name)):
            ticks = {i.key: i.done_on for i in provider.annex_b if i.done}
            if checklists.annex_b_outstanding(provider.annex_b) or annex_b_refusal(
                session, provider, today
            ):
                continue
            last = max((d for d in ticks.values() if d), default=today)
            signed = max((s.signed_on for s in provider.annex_b_signoffs), default=None)
            if signed is None or signed < last:
                ready.append(AnnexBReady(persisted_id(provider), provider.name, last))
        return ready


def sign_refusal_text(session: DbSession, provider: Provider, today: date) -> str:
    """Why the Headteacher cannot sign this provider's Annex B today, as one message (empty:
    they can): requirements not ticked, else the provider not approved or ticks too old."""
    outstanding = checklists.annex_b_outstanding(provider.annex_b)
    if outstanding:
        return (
            f"Annex B for {provider.name} still has "
            f"{counted(len(outstanding), 'requirement')} not completed, starting with: "
            f"{outstanding[0].text}. Complete them before signing."
        )
    refusal = annex_b_refusal(session, provider, today)
    if refusal:
        return f"Annex B for {provider.name} cannot be signed today:\n" + "\n".join(refusal)
    return ""


def sign_refusal(svc: AppServices, actor: Actor, provider_id: int) -> str:
    """`sign_refusal_text` for the provider, asked before the Headteacher types a password
    and reasons that the signing would then refuse."""
    with svc.read(actor, Permission.SIGN_ANNEX_B) as session:
        provider = fetch(session, Provider, provider_id, "provider")
        return sign_refusal_text(session, provider, svc.clock.today())


def annex_b_refusal(session: DbSession, provider: Provider, today: date) -> list[str]:
    """Why Annex B cannot be signed for this provider today (empty: it can)."""
    texts = {item.key: item.text for item in checklists.ANNEX_B_ITEMS}
    ticks = {texts.get(i.key, i.key): i.done_on for i in provider.annex_b if i.done}
    return rules.annex_b_sign_problems(provider, status_of(session, provider, today), today, ticks)


def set_annex_b_responsible(svc: AppServices, actor: Actor, provider_id: int, name: str) -> None:
    """Name the staff member responsible for the provider's Annex B (printed on it)."""
    name = " ".join(name.split())
    if len(name) > 200:
        raise InvalidInput("Give the responsible staff member's name in 200 characters or fewer.")
    with svc.work(actor, Permission.VET_PROVIDERS) as uow:
        provider = fetch(uow.session, Provider, provider_id, "provider")
        old = provider.annex_b_responsible
        if old == name:
            return
        provider.annex_b_responsible = name
        uow.audit(
            "annex_b.responsible",
            RecordKind.PROVIDER,
            provider_id,
            old={"annex_b_responsible": old},
            new={"annex_b_responsible": name},
        )
