"""Identifiers and simple input checks: UPN, Ofsted URN, UKPRN and dates in order.

UPN rules come from `stdnum.gb.upn` (DfE check letter and known LA codes). An Ofsted
URN is accepted as 6 or 7 digits (spaces ignored): schools and AP settings have
6-digit URNs and newer registrations 7; childcare references such as "EY123456" are
not URNs and are refused. A UKPRN is 8 digits beginning with 1.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum.gb import upn as stdnum_upn

from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date

UPN_LENGTH = 13
# The characters a UPN may use (no I, O or S), as the DfE check-letter algorithm defines.
UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ0123456789"


def upn_check_letter(last_twelve: str) -> str:
    """The check letter that goes before these 12 characters (LA, school, year, serial)."""
    body = stdnum_upn.compact(last_twelve)
    shape_ok = len(body) == UPN_LENGTH - 1 and body[:-1].isdigit()
    if not shape_ok or body[-1] not in UPN_ALPHABET:
        raise InvalidInput(
            f"'{last_twelve}' should be 11 digits and a final digit or letter "
            "(everything in a UPN after the check letter)."
        )
    return str(stdnum_upn.calc_check_digit(body))


def make_upn(la_code: int, establishment: int, year: int, serial: int) -> str:
    """A valid permanent UPN for the parts given (used to generate demonstration data)."""
    body = f"{la_code:03d}{establishment:04d}{year % 100:02d}{serial:03d}"
    return upn_check_letter(body) + body


def validate_upn(upn: str) -> str:
    """The UPN in its compact upper-case form, or InvalidInput saying what is wrong."""
    number = stdnum_upn.compact(upn)
    try:
        return str(stdnum_upn.validate(number))
    except stdnum_errors.InvalidLength:
        message = f"A UPN has 13 characters; '{upn}' has {len(number)}."
    except stdnum_errors.InvalidFormat:
        message = (
            f"The UPN {number} is not in the right form: a check letter, 11 digits, "
            "then a final digit or letter."
        )
    except stdnum_errors.InvalidComponent:
        message = f"The UPN {number} has an unknown local authority code ({number[1:4]})."
    except stdnum_errors.InvalidChecksum:
        right = upn_check_letter(number[1:])
        message = f"The UPN {number} has the wrong check letter; it should start with {right}."
    raise InvalidInput(message)


def is_valid_upn(upn: str) -> bool:
    return bool(stdnum_upn.is_valid(upn))


def validate_ofsted_urn(urn: str) -> str:
    """A 6- or 7-digit URN with spaces removed, or InvalidInput."""
    compact = re.sub(r"\s+", "", urn)
    if not re.fullmatch(r"\d{6,7}", compact):
        raise InvalidInput(f"'{urn}' is not an Ofsted URN: a URN is 6 or 7 digits.")
    return compact


def validate_ukprn(ukprn: str) -> str:
    """An 8-digit UKPRN beginning with 1, spaces removed, or InvalidInput."""
    compact = re.sub(r"\s+", "", ukprn)
    if not re.fullmatch(r"1\d{7}", compact):
        raise InvalidInput(f"'{ukprn}' is not a UKPRN: a UKPRN is 8 digits beginning with 1.")
    return compact


def require_order(
    earlier: date,
    later: date,
    earlier_name: str,
    later_name: str,
    allow_same_day: bool = False,
) -> None:
    """Raise InvalidInput unless `later` comes after `earlier` (or is the same day, if allowed).

    Names are lower-case phrases such as "start date" and "planned end date".
    """
    if later > earlier or (allow_same_day and later == earlier):
        return
    relation = "on or after" if allow_same_day else "after"
    raise InvalidInput(
        f"The {later_name} ({format_date(later)}) must be {relation} "
        f"the {earlier_name} ({format_date(earlier)})."
    )
