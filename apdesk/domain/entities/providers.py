"""Providers of alternative provision: sites, contacts, vetting checks and Annex B.

The rules that judge a provider (approved, lapsed, not vetted) are in
`apdesk.domain.providers`; this module only holds the records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from apdesk.domain.entities.checklist_state import AnnexBItemState, AnnexBSignOff
from apdesk.domain.enums import CheckKind, ProviderKind, SettingType, SiteKind


@dataclass
class Site:
    """An address where pupils are educated (policy §5: record every address)."""

    name: str
    address: str
    kind: SiteKind = SiteKind.MAIN
    provider_id: int | None = None
    id: int | None = None


@dataclass
class Contact:
    """A named person at a provider; `is_dsl` marks the provider's safeguarding lead."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    is_dsl: bool = False
    provider_id: int | None = None
    id: int | None = None


@dataclass
class VettingCheck:
    """One piece of vetting evidence: when it came, who checked it, when it lapses."""

    kind: CheckKind
    received_on: date
    checked_by: str = ""
    expires_on: date | None = None
    evidence_note: str = ""
    provider_id: int | None = None
    #: None for the provider's own evidence; a satellite or subcontracted site's id for
    #: evidence about that site (policy §5: "including subcontractors and satellite sites").
    site_id: int | None = None
    id: int | None = None


@dataclass
class Provider:
    """A provider the school commissions, with every site, contact and check."""

    name: str
    kind: ProviderKind
    ofsted_urn: str = ""
    ukprn: str = ""
    setting_type: SettingType | None = None
    phone: str = ""
    email: str = ""
    notes: str = ""
    sites: list[Site] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    checks: list[VettingCheck] = field(default_factory=list)
    annex_b_responsible: str = ""
    annex_b: list[AnnexBItemState] = field(default_factory=list)
    annex_b_signoffs: list[AnnexBSignOff] = field(default_factory=list)
    id: int | None = None

    @property
    def dsl(self) -> Contact | None:
        """The provider's named DSL, if one is recorded."""
        return next((c for c in self.contacts if c.is_dsl), None)

    @property
    def main_site(self) -> Site | None:
        """The main site, else the first site recorded."""
        for site in self.sites:
            if site.kind is SiteKind.MAIN:
                return site
        return self.sites[0] if self.sites else None
