"""Saving a pupil: UPNs from reorganised LAs are accepted, a wrong check letter never is."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import Pupil
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import make_upn
from apdesk.services import pupils


@pytest.mark.parametrize("la_code", [838, 839, 940, 941, 942, 943, 909, 944])
def test_a_upn_from_any_la_number_is_saved(services, actors, la_code):
    upn = make_upn(la_code, 2001, 2023, 12)
    stored = pupils.save_pupil(
        services, actors[Role.DSL], Pupil("Ada", "North", date(2014, 5, 6), upn=upn.lower())
    )
    assert stored.upn == upn


def test_a_wrong_check_letter_is_refused_and_nothing_is_saved(services, actors):
    upn = make_upn(940, 2001, 2023, 12)
    wrong = ("A" if upn[0] != "A" else "B") + upn[1:]
    with pytest.raises(InvalidInput, match=f"should start with {upn[0]}"):
        pupils.save_pupil(
            services, actors[Role.DSL], Pupil("Ada", "North", date(2014, 5, 6), upn=wrong)
        )
    assert pupils.list_pupils(services, actors[Role.DSL]) == []
