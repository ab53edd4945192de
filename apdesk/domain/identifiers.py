"""Identifiers and simple input checks: UPN, Ofsted URN, UKPRN and dates in order.

A UPN is a check letter, the 3-digit LA number of the school that issued it, the 4-digit
establishment number, 2 digits of the year and a 3-digit serial (a temporary UPN ends in a
letter). The check letter is the DfE's: the twelve characters after it weighted 2 to 13,
letters valued A=0 ... Z=22 (no I, O or S), the sum modulo 23 read as a letter the same
way. `stdnum.gb.upn.calc_check_digit` computes exactly that (its digits sit 23 places up its
alphabet, which is the same modulo 23); tests/domain/test_upn_codes.py checks it against the
DfE method written out. Its LA list is not used: it stops at 938 and lacks 838 and 839. The
LA numbers are data, `resources/data/la-codes.csv` (current and former codes); a UPN whose
LA number is on neither list is accepted with a warning (`upn_warning`), never refused.

An Ofsted URN is accepted as 6 or 7 digits (spaces ignored): schools and AP settings have
6-digit URNs and newer registrations 7; childcare references such as "EY123456" are not
URNs and are refused. A UKPRN is 8 digits beginning with 1.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from stdnum.gb import upn as stdnum_upn

from apdesk.assets import resources_dir
from apdesk.domain.errors import InvalidInput

UPN_LENGTH = 13
# The characters a UPN may use (no I, O or S), as the DfE check-letter algorithm defines.
UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ0123456789"


@dataclass(frozen=True)
class LocalAuthority:
    """One row of the DfE's LA numbers: `current`, or a former LA since reorganised."""

    code: int
    name: str
    current: bool
    note: str = ""


@cache
def la_codes() -> dict[int, LocalAuthority]:
    """The DfE LA numbers APDesk knows, read once from resources/data/la-codes.csv."""
    path = resources_dir() / "data" / "la-codes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            int(row["code"]): LocalAuthority(
                int(row["code"]), row["name"], row["status"] == "current", row["note"]
            )
            for row in csv.DictReader(handle)
        }


def compact_upn(upn: str) -> str:
    return re.sub(r"[\s-]+", "", upn).upper()


def upn_check_letter(last_twelve: str) -> str:
    """The check letter that goes before these 12 characters (LA, school, year, serial)."""
    body = compact_upn(last_twelve)
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
    """The UPN in its compact upper-case form, or InvalidInput saying what is wrong.

    An LA number APDesk does not know is not a reason to refuse: see `upn_warning`."""
    number = compact_upn(upn)
    if len(number) != UPN_LENGTH:
        raise InvalidInput(f"A UPN has 13 characters; '{upn.strip()}' has {len(number)}.")
    if not number[1:-1].isdigit() or number[-1] not in UPN_ALPHABET:
        raise InvalidInput(
            f"The UPN {number} is not in the right form: a check letter, 11 digits, "
            "then a final digit or letter."
        )
    right = upn_check_letter(number[1:])
    if number[0] != right:
        raise InvalidInput(
            f"The UPN {number} has the wrong check letter; it should start with {right}."
        )
    return number


def upn_warning(upn: str) -> str:
    """What to check about a valid UPN whose LA number is not on the DfE list, else ""."""
    number = compact_upn(upn)
    if len(number) != UPN_LENGTH or not number[1:4].isdigit():
        return ""
    if int(number[1:4]) in la_codes():
        return ""
    return (
        f"The UPN {number} starts with local authority number {number[1:4]}, which is not "
        "on the DfE's list: check it against the pupil's record in the MIS."
    )


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
