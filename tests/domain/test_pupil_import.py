"""MIS exports read as the school has them: three layouts, three encodings, awkward rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from apdesk.domain.enums import SenStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.pupil_import import decode, read_export

DATA = Path(__file__).parent.parent / "data"
TODAY = date(2026, 11, 28)


def parsed(name: str):
    return read_export((DATA / f"pupils-{name}.csv").read_bytes(), TODAY)


@pytest.mark.parametrize(
    "name,layout,encoding,good,bad",
    [
        ("sims", "SIMS", "UTF-8 with BOM", 5, 2),
        ("arbor", "Arbor", "UTF-8", 4, 3),
        ("bromcom", "Bromcom", "Windows-1252", 2, 2),
    ],
)
def test_each_mis_layout_and_encoding_is_recognised(name, layout, encoding, good, bad):
    export = parsed(name)
    assert (export.layout, export.encoding) == (layout, encoding)
    assert sum(r.pupil is not None for r in export.rows) == good
    assert sum(r.pupil is None for r in export.rows) == bad
    assert export.has_contacts


def test_names_in_any_script_survive_each_encoding():
    sims = {r.upn: r.pupil for r in parsed("sims").rows if r.pupil}
    siobhan = next(p for p in sims.values() if p.legal_last_name == "O'Connor")
    assert (siobhan.legal_first_name, siobhan.preferred_name) == ("Siobhán", "Shiv")
    assert siobhan.year_group == 9 and siobhan.sen_status is SenStatus.SEN_SUPPORT
    assert [c.name for c in siobhan.carers] == ["Mary O'Connor"]
    zofia = next(p for p in sims.values() if p.legal_last_name == "Wiśniewska")
    assert zofia.sen_status is SenStatus.EHCP and len(zofia.carers) == 2
    minh = next(p for p in sims.values() if p.legal_last_name == "Nguyễn")
    assert minh.date_of_birth == date(2013, 1, 30) and not minh.carers[0].parental_responsibility
    bromcom = {r.name: r.pupil for r in parsed("bromcom").rows if r.pupil}
    assert bromcom["Renée Dupré"].date_of_birth == date(2012, 1, 12)
    assert bromcom["Renée Dupré"].carers[0].name == "Hélène Dupré"
    assert bromcom["José Muñoz"].preferred_name == "Pepe"


def test_each_awkward_row_says_what_is_wrong():
    problems = {
        r.name: r.problems for name in ("sims", "arbor", "bromcom") for r in parsed(name).rows
    }
    assert problems["Terry Typo"] == [
        "The UPN A938412319009 has the wrong check letter; it should start with U."
    ]
    assert problems["Nia Nodate"] == ["No date of birth."]
    assert problems["No Upn"] == ["No UPN."]
    assert problems["Future Child"] == [
        "Date of birth 1 Jan 2031 cannot be a pupil's: check the MIS."
    ]
    assert problems["Odd Year"][0].startswith("Year group 'Year 17' is not one APDesk knows")
    assert problems["Zoë Smith, Jnr"][0].startswith("Date of birth '30/02/2012' is not a date")
    assert problems["Alex Green"][0].startswith("SEN status 'Q - Unknown' is not one")
    unknown = next(r for r in parsed("arbor").rows if r.name == "Unknown Area")
    assert unknown.pupil is not None and "999" in unknown.warnings[0]


def test_a_blank_line_is_skipped_and_lines_are_numbered_as_a_spreadsheet_does():
    lines = [r.line for r in parsed("sims").rows]
    assert lines == [2, 3, 4, 5, 6, 8, 9]


@pytest.mark.parametrize(
    "data,encoding",
    [
        ("Zoë".encode("utf-8-sig"), "UTF-8 with BOM"),
        ("Zoë".encode(), "UTF-8"),
        ("Zoë".encode("cp1252"), "Windows-1252"),
        ("Zoë".encode("utf-16"), "UTF-16"),
    ],
)
def test_encodings_are_told_apart(data, encoding):
    assert decode(data) == ("Zoë", encoding)


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "The file is empty."),
        (b"Name,Class\nAsh,9K\n", "has no UPN, Legal Forename, Legal Surname, DOB column"),
        (b"\x81\x8d\x8f\x90", "not a CSV text file"),
    ],
)
def test_a_file_that_is_not_a_pupil_export_is_refused_in_one_sentence(data, message):
    with pytest.raises(InvalidInput, match=message):
        read_export(data, TODAY)


def test_a_semicolon_separated_export_is_read_too():
    text = "UPN;Legal first name;Legal last name;Date of birth\nF938412319001;Ann;Lee;04/03/2012\n"
    export = read_export(text.encode(), TODAY)
    assert export.rows[0].pupil is not None and export.rows[0].pupil.legal_last_name == "Lee"
    assert export.fields == {"upn", "legal_first_name", "legal_last_name", "date_of_birth"}
