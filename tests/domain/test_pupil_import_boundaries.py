"""The edges of reading an MIS export: each limit on its line, each spelling the MIS writes.

Written for the survivors of `make mutate MUTANTS='apdesk.domain.pupil_import*'` (4 Dec 2026):
each test names what an inclusion lead importing a pupil list would see.
"""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import SenStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.pupil_import import MAX_ROWS, decode, read_export

TODAY = date(2026, 11, 28)
HEADER = "UPN,Legal first name,Legal last name,Date of birth"
ANN = "F938412319001,Ann,Lee,04/03/2012"


def export(*lines: str, header: str = HEADER):
    return read_export("\n".join((header, *lines, "")).encode(), TODAY)


def only_row(*cells: str, header: str = HEADER):
    (row,) = export(",".join(cells), header=header).rows
    return row


def test_a_file_of_exactly_5_mb_is_read_and_a_byte_more_is_refused():
    with pytest.raises(InvalidInput, match=r"^The file is empty\.$"):
        read_export(b" " * 5_000_000, TODAY)
    with pytest.raises(
        InvalidInput, match=r"^The file is over 5 MB: export only the pupils to import\.$"
    ):
        read_export(b" " * 5_000_001, TODAY)


def test_5000_pupils_are_read_and_one_more_is_refused():
    ann = [ANN] * MAX_ROWS
    assert MAX_ROWS == 5000
    assert len(export(*ann).rows) == 5000
    with pytest.raises(
        InvalidInput, match=r"^The file has more than 5000 pupils: import it in parts\.$"
    ):
        export(*ann, ANN)


def test_blank_lines_do_not_count_towards_the_5000():
    assert len(export(*[ANN] * MAX_ROWS, ",,,", "").rows) == 5000


def test_a_tab_separated_export_is_read():
    text = HEADER.replace(",", "\t") + "\n" + ANN.replace(",", "\t") + "\n"
    (row,) = read_export(text.encode(), TODAY).rows
    assert row.pupil == Pupil("Ann", "Lee", date(2012, 3, 4), upn="F938412319001")


def test_a_field_too_long_for_a_csv_is_refused_in_words():
    with pytest.raises(InvalidInput, match=r"^The file is not a well-formed CSV: field larger"):
        export(f'F938412319001,"{"A" * 200_000}",Lee,04/03/2012')


def test_the_first_of_two_columns_with_one_name_is_read():
    row = only_row(ANN, "Bea", header=HEADER + ",Legal first name")
    assert row.pupil is not None and row.pupil.legal_first_name == "Ann"


def test_a_file_with_no_contact_columns_has_no_contacts_and_its_pupils_no_carers():
    parsed = export(ANN)
    assert not parsed.has_contacts and parsed.rows[0].pupil is not None
    assert parsed.rows[0].pupil.carers == []
    assert parsed.layout == "Arbor" and parsed.encoding == "UTF-8"


def test_contact_columns_without_a_name_column_are_not_contacts():
    parsed = export(ANN + ",Mother", header=HEADER + ",Primary contact relationship")
    assert not parsed.has_contacts and parsed.rows[0].pupil.carers == []


def test_a_row_shorter_than_the_header_reads_its_missing_cells_as_blank():
    row = only_row("F938412319001", "Ann", "Lee")
    assert row.pupil is None and row.problems == ["No date of birth."]


def test_spaces_inside_a_cell_are_closed_up_and_around_it_trimmed():
    row = only_row("F938412319001", "  Ann   Marie ", "Lee", "04/03/2012")
    assert row.name == "Ann Marie Lee" and row.pupil.legal_first_name == "Ann Marie"


def test_every_missing_field_is_named_in_one_sentence_and_the_row_keeps_its_name():
    row = only_row("", "Ann", "", "")
    assert row.problems == ["No UPN, legal surname, date of birth."]
    assert (row.pupil, row.name, row.upn, row.line) == (None, "Ann", "", 2)


def test_a_bad_upn_is_kept_as_written_so_the_lead_can_find_the_row():
    row = only_row("a938412319009", "Ann", "Lee", "04/03/2012")
    assert row.upn == "a938412319009" and row.pupil is None
    assert row.problems == [
        "The UPN A938412319009 has the wrong check letter; it should start with U."
    ]


def test_a_good_upn_is_kept_in_its_compact_upper_case_form():
    row = only_row("f938 4123 1900 1", "Ann", "Lee", "04/03/2012")
    assert row.upn == "F938412319001" and row.pupil.upn == "F938412319001"
    assert row.warnings == [] and row.problems == []


def test_a_preferred_name_the_same_as_the_legal_one_is_not_kept():
    header = HEADER + ",Preferred first name"
    assert only_row(ANN, "Ann", header=header).pupil.preferred_name == ""
    assert only_row(ANN, "Annie", header=header).pupil.preferred_name == "Annie"


@pytest.mark.parametrize(
    "written",
    [
        "04/03/2012",
        "2012-03-04",
        "04-03-2012",
        "04.03.2012",
        "04 Mar 2012",
        "04-Mar-2012",
        "4 March 2012",
    ],
)
def test_each_way_an_mis_writes_a_date_of_birth_is_read(written):
    row = only_row("F938412319001", "Ann", "Lee", written)
    assert row.problems == [] and row.pupil.date_of_birth == date(2012, 3, 4)


@pytest.mark.parametrize(
    "born,read",
    [
        ("01/01/1996", True),
        ("31/12/1995", False),
        ("31/12/2024", True),
        ("01/01/2025", False),
    ],
)
def test_a_pupil_is_born_between_thirty_and_two_years_before_this_year(born, read):
    row = only_row("F938412319001", "Ann", "Lee", born)
    if read:
        assert row.problems == [] and row.pupil is not None
    else:
        shown = {"31/12/1995": "31 Dec 1995", "01/01/2025": "1 Jan 2025"}[born]
        assert row.pupil is None
        assert row.problems == [f"Date of birth {shown} cannot be a pupil's: check the MIS."]


def test_a_date_of_birth_that_is_not_a_date_says_how_to_write_one():
    row = only_row("F938412319001", "Ann", "Lee", "soon")
    assert row.problems == ["Date of birth 'soon' is not a date (write it as 28/11/2012)."]


@pytest.mark.parametrize(
    "written,year",
    [
        ("R", 0),
        ("Rec", 0),
        ("Reception", 0),
        ("YR", 0),
        ("Year R", 0),
        ("NC Year R", 0),
        ("0", 0),
        ("14", 14),
        ("Year 9", 9),
        ("Yr 9", 9),
        ("Y9", 9),
        ("NCY 9", 9),
        ("NC Year 9", 9),
        ("", None),
    ],
)
def test_each_way_an_mis_writes_a_year_group_is_read(written, year):
    row = only_row(ANN, written, header=HEADER + ",Year group")
    assert row.problems == [] and row.pupil.year_group == year


@pytest.mark.parametrize("written", ["15", "Year 100", "Form 9"])
def test_a_year_group_past_14_or_unknown_is_refused_in_words(written):
    row = only_row(ANN, written, header=HEADER + ",Year group")
    assert row.pupil is None
    assert row.problems == [
        f"Year group '{written}' is not one APDesk knows (Reception, Year 1 to 14)."
    ]


@pytest.mark.parametrize(
    "written,status",
    [
        ("", SenStatus.NONE),
        ("N", SenStatus.NONE),
        ("None", SenStatus.NONE),
        ("No SEN", SenStatus.NONE),
        ("No special educational need", SenStatus.NONE),
        ("No special educational needs", SenStatus.NONE),
        ("K", SenStatus.SEN_SUPPORT),
        ("SEN support", SenStatus.SEN_SUPPORT),
        ("K - SEN Support", SenStatus.SEN_SUPPORT),
        ("E", SenStatus.EHCP),
        ("EHCP", SenStatus.EHCP),
        ("EHC plan", SenStatus.EHCP),
        ("Education Health and Care Plan", SenStatus.EHCP),
        ("S", SenStatus.EHCP),
        ("Statement", SenStatus.EHCP),
        ("e - anything", SenStatus.EHCP),
    ],
)
def test_each_way_an_mis_writes_a_sen_status_is_read(written, status):
    row = only_row(ANN, written, header=HEADER + ",SEN status")
    assert row.problems == [] and row.pupil.sen_status is status


def test_an_unknown_sen_status_is_refused_in_words():
    row = only_row(ANN, "Q", header=HEADER + ",SEN status")
    assert row.problems == [
        "SEN status 'Q' is not one APDesk knows (N, K or E; No SEN, SEN support or EHC plan)."
    ]


CONTACT = (
    ",Primary contact name,Primary contact relationship,Primary contact mobile"
    ",Primary contact email,Primary contact parental responsibility"
)


def test_a_contact_is_read_whole():
    row = only_row(
        ANN, "Sam Lee", "Father", "07700 900001", "sam@example.org", "Yes", header=HEADER + CONTACT
    )
    assert row.pupil.carers == [
        Carer("Sam Lee", relationship="Father", phone="07700 900001", email="sam@example.org")
    ]


def test_a_contact_with_no_name_is_not_a_carer():
    row = only_row(ANN, "", "Father", "07700 900001", "", "Yes", header=HEADER + CONTACT)
    assert row.pupil.carers == []


@pytest.mark.parametrize(
    "written,has",
    [
        ("Y", True),
        ("yes", True),
        ("True", True),
        ("1", True),
        ("t", True),
        ("", True),
        ("N", False),
        ("no", False),
        ("False", False),
        ("0", False),
        ("f", False),
    ],
)
def test_each_way_an_mis_writes_parental_responsibility_is_read(written, has):
    row = only_row(ANN, "Sam Lee", "", "", "", written, header=HEADER + CONTACT)
    assert row.pupil.carers[0].parental_responsibility is has and row.warnings == []


def test_parental_responsibility_neither_yes_nor_no_is_taken_as_yes_with_a_warning():
    row = only_row(ANN, "Sam Lee", "", "", "", "Maybe", header=HEADER + CONTACT)
    assert row.pupil.carers[0].parental_responsibility
    assert row.warnings == [
        "Parental responsibility 'maybe' for Sam Lee is not yes or no: taken as yes."
    ]


def test_a_file_missing_a_required_column_names_it_and_the_closest_layout():
    with pytest.raises(InvalidInput) as refused:
        read_export(b"UPN,Legal Forename,Legal Surname,Year\nF938412319001,Ann,Lee,9\n", TODAY)
    assert str(refused.value) == (
        "This file's first row is not a SIMS, Arbor or Bromcom pupil export: it has no DOB "
        "column (closest: SIMS). Export the pupil list with UPN, legal names and date of birth."
    )


def test_the_layout_with_most_columns_present_is_chosen():
    header = "UPN,Legal Forename,Legal Surname,Date Of Birth,NC Year,SEN Provision"
    parsed = read_export(f"{header}\nF938412319001,Ann,Lee,04/03/2012,Y9,K\n".encode(), TODAY)
    assert parsed.layout == "Bromcom" and parsed.rows[0].pupil.year_group == 9


def test_a_byte_order_mark_is_dropped_and_bad_bytes_after_it_are_replaced():
    assert decode(b"\xef\xbb\xbfZo\xff") == ("Zo\ufffd", "UTF-8 with BOM")


def test_a_big_endian_utf_16_file_is_read():
    assert decode("Zoë".encode("utf-16-be").join([b"\xfe\xff", b""])) == ("Zoë", "UTF-16")


def test_a_file_that_cannot_be_decoded_is_refused_in_words():
    with pytest.raises(InvalidInput) as refused:
        decode(b"\x81")
    assert str(refused.value) == (
        "This file is not a CSV text file APDesk can read: save it from the MIS as CSV."
    )


def test_rows_too_ragged_to_tell_the_separator_are_read_as_commas():
    (row,) = export("F938412319001").rows
    assert row.problems == ["No legal first name, legal surname, date of birth."]
    assert row.upn == "F938412319001"


def test_a_file_with_no_preferred_name_column_gives_no_preferred_names():
    assert export(ANN).rows[0].pupil.preferred_name == ""
