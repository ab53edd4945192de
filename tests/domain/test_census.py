"""The census's AP fields per placement: one identifier of three, dates, reason, problems."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.census import (
    HEADER,
    NO_IDENTIFIER,
    NO_UPN,
    CensusIdentifiers,
    census_identifiers,
    census_row,
    in_census,
    setting_type_text,
    setting_types,
)
from apdesk.domain.entities import Placement, Provider, Pupil
from apdesk.domain.enums import PlacementReason, PlacementStatus, ProviderKind, SettingType


def provider(urn: str = "", ukprn: str = "", setting: SettingType | None = None) -> Provider:
    return Provider("Bridgeway Learning", ProviderKind.UNREGISTERED, ofsted_urn=urn,
                    ukprn=ukprn, setting_type=setting)  # fmt: skip


def test_the_code_list_file_holds_exactly_the_codes_the_store_keeps():
    assert list(setting_types()) == [code.value for code in SettingType]
    assert setting_type_text(SettingType.OOT) == "OOT: one-on-one tuition"
    assert all(setting_types().values())


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (provider("2654321", "10012345", SettingType.OTH), CensusIdentifiers(urn="2654321")),
        (provider("", "10012345", SettingType.OTH), CensusIdentifiers(ukprn="10012345")),
        (provider("", "", SettingType.WBP), CensusIdentifiers(setting_type="WBP")),
        (provider(" ", " ", None), CensusIdentifiers()),
    ],
    ids=["urn-wins", "ukprn-next", "setting-type-last", "none"],
)
def test_only_one_of_urn_ukprn_and_setting_type_is_given(given, expected):
    assert census_identifiers(given) == expected


def pupil(upn: str = "A938400011001") -> Pupil:
    return Pupil("Robin", "Testcase", date(2012, 3, 4), upn=upn)


def placement(**changes: object) -> Placement:
    made = Placement(1, 2, date(2026, 12, 2), date(2027, 2, 26), id=9,
                     reason=PlacementReason.OFFSITE_DIRECTION, full_time=True,
                     status=PlacementStatus.ACTIVE)  # fmt: skip
    for name, value in changes.items():
        setattr(made, name, value)
    return made


def test_a_row_has_iso_dates_the_reason_and_no_problem():
    row = dict(zip(HEADER, census_row(pupil(), provider(ukprn="10012345"), placement()),
                   strict=True))  # fmt: skip
    assert row == {
        "upn": "A938400011001", "legal_surname": "Testcase", "legal_forename": "Robin",
        "date_of_birth": "2012-03-04", "provider": "Bridgeway Learning", "urn": "",
        "ukprn": "10012345", "setting_type": "", "start_date": "2026-12-02", "end_date": "",
        "planned_end_date": "2027-02-26", "reason": "offsite_direction", "full_time": "yes",
        "problem": "", "placement_id": "9",
    }  # fmt: skip


def test_an_ended_placement_gives_the_day_it_ended():
    row = census_row(pupil(), provider(urn="2654321"), placement(ended_on=date(2026, 12, 11)))
    assert row[HEADER.index("end_date")] == "2026-12-11"


def test_a_pupil_without_upn_and_a_provider_without_identifier_say_so_plainly():
    row = census_row(pupil(upn=""), provider(), placement())
    assert row[HEADER.index("problem")] == f"{NO_UPN}; {NO_IDENTIFIER}"


@pytest.mark.parametrize("status", list(PlacementStatus))
def test_every_placement_but_a_proposed_one_is_in_the_census(status):
    assert in_census(placement(status=status)) is (status is not PlacementStatus.PROPOSED)


# The edges `make mutate MUTANTS='apdesk.domain.census*'` found untested on 4 Dec 2026.


def test_each_setting_type_is_offered_with_its_dfe_wording():
    assert [setting_type_text(code) for code in SettingType] == [
        "NFE: non-maintained further education provision",
        "OOT: one-on-one tuition",
        "OTH: other unregistered provider",
        "WBP: work-based placement",
    ]


def test_a_part_time_placement_with_no_planned_end_says_so():
    row = census_row(pupil(), provider(urn="2654321"), placement(planned_end_date=None,
                                                                 full_time=False))  # fmt: skip
    assert row[HEADER.index("planned_end_date")] == ""
    assert row[HEADER.index("full_time")] == "no"
