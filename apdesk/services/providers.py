"""Providers: status with reasons, sites, contacts, vetting checks and their evidence files.

Evidence files live inside the encrypted store; they are handed back as bytes, never
written to a temp folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from apdesk.domain import checklists
from apdesk.domain.entities import Provider, VettingCheck
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import validate_ofsted_urn, validate_ukprn
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import ProviderStatus, provider_status
from apdesk.services import evidence
from apdesk.services.context import Actor, AppServices, snapshot
from apdesk.services.evidence import EvidenceInfo
from apdesk.services.records import fetch, persisted_id, sync_children, tick_item
from apdesk.storage import tables as t

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


def list_providers(svc: AppServices, actor: Actor) -> list[ProviderRow]:
    from apdesk.domain.entities import Placement

    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        live: dict[int | None, int] = {}
        for placement in session.scalars(select(Placement)):
            if placement.is_live:
                live[placement.provider_id] = live.get(placement.provider_id, 0) + 1
        rows = []
        for provider in session.scalars(select(Provider).order_by(t.provider.c.name)):
            status = provider_status(provider, today)
            rows.append(
                ProviderRow(
                    persisted_id(provider),
                    provider.name,
                    label(provider.kind),
                    label(status.state),
                    tuple(status.reasons),
                    len(provider.sites),
                    live.get(provider.id, 0),
                )
            )
        return rows


def get_provider(
    svc: AppServices, actor: Actor, provider_id: int
) -> tuple[Provider, ProviderStatus]:
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        provider = fetch(session, Provider, provider_id, "provider")
        return provider, provider_status(provider, svc.clock.today())


def save_provider(svc: AppServices, actor: Actor, provider: Provider) -> Provider:
    """Add or update a provider with its sites and contacts (checks: `record_check`)."""
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
        uow.audit("provider.save", "provider", stored.id, old=old, new=snapshot(stored, *FIELDS))
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
        stored = VettingCheck(
            check.kind,
            check.received_on,
            check.checked_by.strip(),
            check.expires_on,
            check.evidence_note,
        )
        provider.checks.append(stored)
        uow.session.flush()
        uow.audit(
            "provider.check",
            "provider",
            provider_id,
            new=snapshot(stored, "kind", "received_on", "checked_by", "expires_on"),
        )
        return stored


def add_evidence(
    svc: AppServices, actor: Actor, check_id: int, filename: str, media_type: str, data: bytes
) -> int:
    """Keep an evidence file (a DBS letter, an insurance certificate) inside the store."""
    with svc.read(actor, Permission.VET_PROVIDERS) as session:
        fetch(session, VettingCheck, check_id, "check")
    return evidence.add(svc, actor, evidence.CHECK, check_id, filename, media_type, data)


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
        uow.audit("annex_b.item", "provider", provider_id, old=old, new=new)


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
