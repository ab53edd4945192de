"""Reading a pupil export from the school's MIS (SIMS, Arbor or Bromcom) as CSV.

`read_export(data)` decodes the bytes (UTF-8 with or without a byte-order mark, UTF-16 with
one, else Windows-1252, which Excel on a UK PC writes), finds which MIS layout the header
row is (`LAYOUTS`: the column names each system's pupil list export uses, matched without
regard to case, spaces or punctuation) and turns each row into a `ParsedRow`: a `Pupil`
with its carers, or the problems that stop it (a missing field, a bad UPN, a date of birth
that cannot be read, a year group or SEN status it does not know). Nothing here knows the
store: whether a row is new, an update or a duplicate is for `services.pupil_import`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import SenStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.identifiers import upn_warning, validate_upn

MAX_BYTES = 5_000_000
MAX_ROWS = 5000
#: The fields a row must have to be imported.
REQUIRED = ("upn", "legal_first_name", "legal_last_name", "date_of_birth")
FIELD_NAMES = {
    "upn": "UPN",
    "legal_first_name": "legal first name",
    "legal_last_name": "legal surname",
    "preferred_name": "preferred name",
    "date_of_birth": "date of birth",
    "year_group": "year group",
    "sen_status": "SEN status",
}
CONTACT_PARTS = ("name", "relationship", "phone", "email", "parental_responsibility")


@dataclass(frozen=True)
class Layout:
    """One MIS's column names: pupil fields, and each contact's columns in priority order."""

    name: str
    columns: Mapping[str, str]
    contacts: Sequence[Mapping[str, str]] = ()


def _contacts(*slots: tuple[str, str, str, str, str]) -> tuple[dict[str, str], ...]:
    return tuple(dict(zip(CONTACT_PARTS, slot, strict=True)) for slot in slots)


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "SIMS",
        {
            "upn": "UPN",
            "legal_first_name": "Legal Forename",
            "legal_last_name": "Legal Surname",
            "preferred_name": "Preferred Forename",
            "date_of_birth": "DOB",
            "year_group": "Year",
            "sen_status": "SEN Status",
        },
        _contacts(
            *(
                (
                    f"Contact {n} Name",
                    f"Contact {n} Relationship",
                    f"Contact {n} Telephone",
                    f"Contact {n} Email",
                    f"Contact {n} Parental Responsibility",
                )
                for n in (1, 2)
            )
        ),
    ),
    Layout(
        "Arbor",
        {
            "upn": "UPN",
            "legal_first_name": "Legal first name",
            "legal_last_name": "Legal last name",
            "preferred_name": "Preferred first name",
            "date_of_birth": "Date of birth",
            "year_group": "Year group",
            "sen_status": "SEN status",
        },
        _contacts(
            *(
                (
                    f"{rank} contact name",
                    f"{rank} contact relationship",
                    f"{rank} contact mobile",
                    f"{rank} contact email",
                    f"{rank} contact parental responsibility",
                )
                for rank in ("Primary", "Secondary")
            )
        ),
    ),
    Layout(
        "Bromcom",
        {
            "upn": "UPN",
            "legal_first_name": "Legal Forename",
            "legal_last_name": "Legal Surname",
            "preferred_name": "Preferred Name",
            "date_of_birth": "Date Of Birth",
            "year_group": "NC Year",
            "sen_status": "SEN Provision",
        },
        _contacts(
            *(
                (
                    f"Contact{n} Name",
                    f"Contact{n} Relationship",
                    f"Contact{n} Phone",
                    f"Contact{n} Email",
                    f"Contact{n} Parental Responsibility",
                )
                for n in (1, 2)
            )
        ),
    ),
)

_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d-%b-%Y", "%d %B %Y")
_SEN = {
    "": SenStatus.NONE,
    "n": SenStatus.NONE,
    "none": SenStatus.NONE,
    "nosen": SenStatus.NONE,
    "nospecialeducationalneed": SenStatus.NONE,
    "nospecialeducationalneeds": SenStatus.NONE,
    "k": SenStatus.SEN_SUPPORT,
    "sensupport": SenStatus.SEN_SUPPORT,
    "e": SenStatus.EHCP,
    "ehcp": SenStatus.EHCP,
    "ehcplan": SenStatus.EHCP,
    "educationhealthandcareplan": SenStatus.EHCP,
    "s": SenStatus.EHCP,  # a statement, before EHC plans replaced them
    "statement": SenStatus.EHCP,
}
_YES = {"y", "yes", "true", "1", "t"}
_NO = {"n", "no", "false", "0", "f"}


def squash(text: str) -> str:
    """Lower case, letters and digits only: 'Date Of Birth' -> 'dateofbirth'."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


@dataclass
class ParsedRow:
    """One data row of the file: `line` as a spreadsheet numbers it (the header is line 1)."""

    line: int
    pupil: Pupil | None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    upn: str = ""
    name: str = ""


@dataclass(frozen=True)
class ParsedFile:
    layout: str
    encoding: str
    rows: list[ParsedRow]
    #: Pupil fields the file has a column for (an update changes only those).
    fields: frozenset[str]
    has_contacts: bool


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            "This file is not a CSV text file APDesk can read: save it from the MIS as CSV."
        ) from exc


def _layout(headers: Sequence[str]) -> Layout:
    present = {squash(h) for h in headers}
    scored = []
    for layout in LAYOUTS:
        names = [*layout.columns.values(), *(c for slot in layout.contacts for c in slot.values())]
        scored.append((sum(squash(n) in present for n in names), layout))
    best = max(scored, key=lambda pair: pair[0])[1]
    missing = [best.columns[name] for name in REQUIRED if squash(best.columns[name]) not in present]
    if missing:
        raise InvalidInput(
            "This file's first row is not a SIMS, Arbor or Bromcom pupil export: it has no "
            f"{', '.join(missing)} column (closest: {best.name}). Export the pupil list with "
            "UPN, legal names and date of birth."
        )
    return best


def read_export(data: bytes, today: date) -> ParsedFile:
    """Every row of an MIS export, parsed; InvalidInput when the file itself is unusable."""
    if len(data) > MAX_BYTES:
        raise InvalidInput("The file is over 5 MB: export only the pupils to import.")
    text, encoding = decode(data)
    if not text.strip():
        raise InvalidInput("The file is empty.")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = next(reader)
        records = list(reader)
    except csv.Error as exc:
        raise InvalidInput(f"The file is not a well-formed CSV: {exc}.") from exc
    layout = _layout(headers)
    index = {squash(h): i for i, h in reversed(list(enumerate(headers)))}
    columns = {
        name: index[squash(header)]
        for name, header in layout.columns.items()
        if squash(header) in index
    }
    contacts = [
        {part: index[squash(h)] for part, h in slot.items() if squash(h) in index}
        for slot in layout.contacts
    ]
    contacts = [slot for slot in contacts if "name" in slot]
    rows: list[ParsedRow] = []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_ROWS:
            raise InvalidInput(f"The file has more than {MAX_ROWS} pupils: import it in parts.")
        rows.append(_row(number, record, columns, contacts, today))
    return ParsedFile(layout.name, encoding, rows, frozenset(columns), bool(contacts))


def _cell(record: Sequence[str], at: int | None) -> str:
    if at is None or at >= len(record):
        return ""
    return re.sub(r"\s+", " ", record[at]).strip()


def _row(
    line: int,
    record: Sequence[str],
    columns: Mapping[str, int],
    contacts: Sequence[Mapping[str, int]],
    today: date,
) -> ParsedRow:
    value = {name: _cell(record, at) for name, at in columns.items()}
    row = ParsedRow(line, None)
    row.name = " ".join(
        v for v in (value.get("legal_first_name"), value.get("legal_last_name")) if v
    )
    missing = [FIELD_NAMES[n] for n in REQUIRED if not value.get(n)]
    if missing:
        row.problems.append("No " + ", ".join(missing) + ".")
    upn = value["upn"]  # a required column: `_layout` refuses a file without one
    if upn:
        try:
            row.upn = validate_upn(upn)
        except InvalidInput as exc:
            row.problems.append(str(exc))
            row.upn = upn
        else:
            if warning := upn_warning(row.upn):
                row.warnings.append(warning)
    born = _date(value["date_of_birth"], row, today)
    year = _year(value.get("year_group", ""), row)
    sen = _sen(value.get("sen_status", ""))
    if sen is None:
        row.problems.append(
            f"SEN status '{value['sen_status']}' is not one APDesk knows "
            "(N, K or E; No SEN, SEN support or EHC plan)."
        )
    carers = [_carer(record, slot, row) for slot in contacts if _cell(record, slot["name"])]
    if row.problems or born is None:
        return row
    preferred = value.get("preferred_name", "")
    row.pupil = Pupil(
        value["legal_first_name"],
        value["legal_last_name"],
        born,
        upn=row.upn,
        preferred_name=preferred if preferred != value["legal_first_name"] else "",
        year_group=year,
        sen_status=sen or SenStatus.NONE,
        carers=carers,
    )
    return row


def _sen(text: str) -> SenStatus | None:
    """'K', 'SEN Support', 'K - SEN Support' (the census letter before a dash wins)."""
    coded = re.match(r"\s*([A-Za-z])\s+-\s+", text)
    return _SEN.get(coded[1].lower() if coded else squash(text))


def _date(text: str, row: ParsedRow, today: date) -> date | None:
    if not text:
        return None
    for pattern in _DATE_FORMATS:
        try:
            born = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if not date(today.year - 30, 1, 1) <= born <= date(today.year - 2, 12, 31):
            row.problems.append(
                f"Date of birth {format_date(born)} cannot be a pupil's: check the MIS."
            )
            return None
        return born
    row.problems.append(f"Date of birth '{text}' is not a date (write it as 28/11/2012).")
    return None


def _year(text: str, row: ParsedRow) -> int | None:
    squashed = squash(text)
    if not squashed:
        return None
    if squashed in {"r", "rec", "reception", "yr", "yearr", "ncyearr"}:
        return 0
    found = re.fullmatch(r"(?:ncyear|ncy|year|yr|y)?(\d{1,2})", squashed)
    if found and 0 <= int(found[1]) <= 14:
        return int(found[1])
    row.problems.append(f"Year group '{text}' is not one APDesk knows (Reception, Year 1 to 14).")
    return None


def _carer(record: Sequence[str], slot: Mapping[str, int], row: ParsedRow) -> Carer:
    responsibility = squash(_cell(record, slot.get("parental_responsibility")))
    if responsibility and responsibility not in _YES | _NO:
        row.warnings.append(
            f"Parental responsibility '{responsibility}' for {_cell(record, slot['name'])} "
            "is not yes or no: taken as yes."
        )
    return Carer(
        _cell(record, slot["name"]),
        relationship=_cell(record, slot.get("relationship")),
        phone=_cell(record, slot.get("phone")),
        email=_cell(record, slot.get("email")),
        parental_responsibility=responsibility not in _NO,
    )
