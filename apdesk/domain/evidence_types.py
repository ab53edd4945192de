"""Which files may be kept as evidence, judged by their content as well as their name.

A provider's insurance certificate arrives as a PDF, a scan, a Word document, a spreadsheet
or an e-mail. Each kind accepted here is named by its extension *and* must look like that
kind inside (a ".docx" must be a Word package, a ".pdf" must start as a PDF), so a renamed
program is refused. Documents that can carry macros (.docm, .xlsm...) and programs are
refused with a plain message, and so is a Word or Excel file that holds a macro project.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePath

from apdesk.domain.errors import InvalidInput

__all__ = ["ACCEPTED", "OPEN_PATTERNS", "media_type_of"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003, Outlook .msg
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".xlam", ".pptm", ".ppsm"}
_PROGRAM_SUFFIXES = {
    ".exe", ".com", ".bat", ".cmd", ".msi", ".dll", ".scr", ".ps1", ".vbs", ".js", ".jse",
    ".wsf", ".hta", ".jar", ".lnk", ".reg", ".sh", ".app", ".pif", ".cpl",
}  # fmt: skip
_SNIFF = 64 * 1024


def _pdf(data: bytes) -> bool:
    return data.lstrip()[:4] == b"%PDF"


def _png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n")


def _jpeg(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff")


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return set()


def _office_package(part: str) -> Callable[[bytes], bool]:
    def check(data: bytes) -> bool:
        names = _zip_names(data) if data.startswith(b"PK\x03\x04") else set()
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise InvalidInput("it holds macros, which APDesk does not keep")
        return "[Content_Types].xml" in names and part in names

    return check


def _odt(data: bytes) -> bool:
    return (
        data.startswith(b"PK\x03\x04")
        and data[30:38] == b"mimetype"
        and (b"application/vnd.oasis.opendocument.text" in data[38:120])
    )


def _ole(data: bytes) -> bool:
    return data.startswith(_OLE)


def _ole_office(data: bytes) -> bool:
    """Word or Excel 97-2003; a macro project is a storage named _VBA_PROJECT (UTF-16)."""
    if not _ole(data):
        return False
    if "_VBA_PROJECT".encode("utf-16-le") in data:
        raise InvalidInput("it holds macros, which APDesk does not keep")
    return True


def _plain_text(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return not head.startswith(_PROGRAMS)


def _email(data: bytes) -> bool:
    if not _plain_text(data):
        return False
    head = data[:_SNIFF].decode("utf-8", "replace").lower()
    fields = ("from:", "to:", "subject:", "date:", "received:", "mime-version:", "message-id:")
    return sum(f"\n{name}" in "\n" + head for name in fields) >= 2


#: Extension → (media type, content check, what the check expects, in words).
ACCEPTED: dict[str, tuple[str, Callable[[bytes], bool], str]] = {
    ".pdf": ("application/pdf", _pdf, "a PDF"),
    ".png": ("image/png", _png, "a PNG picture"),
    ".jpg": ("image/jpeg", _jpeg, "a JPEG picture"),
    ".jpeg": ("image/jpeg", _jpeg, "a JPEG picture"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _office_package("word/document.xml"),
        "a Word document",
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _office_package("xl/workbook.xml"),
        "an Excel workbook",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", _odt, "an OpenDocument text"),
    ".doc": ("application/msword", _ole_office, "a Word 97-2003 document"),
    ".xls": ("application/vnd.ms-excel", _ole_office, "an Excel 97-2003 workbook"),
    ".msg": ("application/vnd.ms-outlook", _ole, "an Outlook message"),
    ".eml": ("message/rfc822", _email, "an e-mail message"),
    ".txt": ("text/plain", _plain_text, "plain text"),
    ".csv": ("text/csv", _plain_text, "a CSV file"),
}
#: For a file dialog's filter.
OPEN_PATTERNS = " ".join(f"*{suffix}" for suffix in ACCEPTED)


def media_type_of(filename: str, data: bytes) -> str:
    """The media type to keep `data` under, or InvalidInput saying plainly why not."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise InvalidInput(
            f"{filename} is a document that can hold macros, which APDesk does not keep. "
            "Save it without macros (as .docx or .xlsx) or as a PDF, and attach that."
        )
    if suffix in _PROGRAM_SUFFIXES or data.startswith(_PROGRAMS[:4]):
        raise InvalidInput(f"{filename} is a program, not a document; APDesk does not keep it.")
    if suffix not in ACCEPTED:
        kinds = ", ".join(ACCEPTED)
        raise InvalidInput(f"APDesk cannot keep {filename}: it keeps only {kinds} files.")
    media_type, looks_right, expected = ACCEPTED[suffix]
    try:
        right = looks_right(data)
    except InvalidInput as exc:
        raise InvalidInput(f"{filename} cannot be kept: {exc}.") from None
    if not right:
        raise InvalidInput(
            f"{filename} is named as {expected} but its content is not. Open it to check, "
            "save it again in that format, and attach the copy."
        )
    return media_type
