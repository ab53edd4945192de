"""The school census's alternative provision fields, one row per placement.

The census's AP placement module (placements the school arranged) asks for the provider's
URN, else its UKPRN, else the type of setting, never more than one of the three (DfE: "If
you record a URN, do not record the UKPRN or AP type of setting"), the placement's dates
and the primary reason for it. Setting type codes and their wording are data,
`resources/data/census-setting-types.csv`. Dates are ISO (the census's YYYY-MM-DD).

The reason column holds APDesk's own placement reason (exclusion, illness_la,
offsite_direction, other): the DfE's reason code list was not verified for this version, so
the MIS user maps it (see docs/decisions). A row the census would reject is not left out but
says why in `problem`, so it can be put right before the census is sent.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from apdesk.assets import resources_dir
from apdesk.domain.entities import Placement, Provider, Pupil
from apdesk.domain.enums import PlacementStatus, SettingType

HEADER = (
    "upn", "legal_surname", "legal_forename", "date_of_birth", "provider", "urn", "ukprn",
    "setting_type", "start_date", "end_date", "planned_end_date", "reason", "full_time",
    "problem", "placement_id",
)  # fmt: skip
NO_UPN = "no UPN: add it on the pupil"
NO_IDENTIFIER = "the provider has no URN, UKPRN or setting type: set one on the provider"


@cache
def setting_types() -> dict[str, str]:
    """Each census setting type code and its DfE wording, in the file's order."""
    path = resources_dir() / "data" / "census-setting-types.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["meaning"] for row in csv.DictReader(handle)}


def setting_type_text(code: SettingType) -> str:
    """'OTH: other unregistered provider' (the file holds every code: tests/domain/test_census)."""
    return f"{code.value}: {setting_types()[code.value]}"


@dataclass(frozen=True)
class CensusIdentifiers:
    """The one identifier the census takes for a provider; the other two are blank."""

    urn: str = ""
    ukprn: str = ""
    setting_type: str = ""


def census_identifiers(provider: Provider) -> CensusIdentifiers:
    """The Ofsted URN if it has one, else the UKPRN, else the setting type code."""
    if provider.ofsted_urn.strip():
        return CensusIdentifiers(urn=provider.ofsted_urn.strip())
    if provider.ukprn.strip():
        return CensusIdentifiers(ukprn=provider.ukprn.strip())
    if provider.setting_type is not None:
        return CensusIdentifiers(setting_type=provider.setting_type.value)
    return CensusIdentifiers()


def in_census(placement: Placement) -> bool:
    """A placement the census counts: arranged (authorised or later), not only proposed."""
    return placement.status is not PlacementStatus.PROPOSED


def census_row(pupil: Pupil, provider: Provider, placement: Placement) -> list[str]:
    """One placement's census fields, in HEADER's order."""
    ids = census_identifiers(provider)
    problems = [NO_UPN] if not pupil.upn.strip() else []
    if not (ids.urn or ids.ukprn or ids.setting_type):
        problems.append(NO_IDENTIFIER)
    return [
        pupil.upn, pupil.legal_last_name, pupil.legal_first_name, pupil.date_of_birth.isoformat(),
        provider.name, ids.urn, ids.ukprn, ids.setting_type, placement.start_date.isoformat(),
        placement.ended_on.isoformat() if placement.ended_on else "",
        placement.planned_end_date.isoformat() if placement.planned_end_date else "",
        placement.reason.value, "yes" if placement.full_time else "no", "; ".join(problems),
        str(placement.id),
    ]  # fmt: skip
