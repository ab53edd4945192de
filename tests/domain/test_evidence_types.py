"""Evidence files are judged by content as well as name: office formats kept, programs and
macro documents refused in one plain sentence."""

from __future__ import annotations

import io
import zipfile

import pytest

from apdesk.domain.errors import InvalidInput
from apdesk.domain.evidence_types import ACCEPTED, media_type_of

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def package(*names: str, mimetype: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        if mimetype is not None:
            z.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored first, uncompressed
        for name in names:
            z.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = package("[Content_Types].xml", "word/document.xml")
XLSX = package("[Content_Types].xml", "xl/workbook.xml")
ODT = package("content.xml", mimetype="application/vnd.oasis.opendocument.text")
EML = b"From: office@provider.example\r\nTo: dsl@school.example\r\nSubject: Insurance\r\n\r\nHi"
GOOD = {
    "cert.pdf": b"%PDF-1.7\n...",
    "scan.png": b"\x89PNG\r\n\x1a\n....",
    "scan.JPG": b"\xff\xd8\xff\xe0....",
    "photo.jpeg": b"\xff\xd8\xff\xdb....",
    "insurance.docx": DOCX,
    "register.xlsx": XLSX,
    "policy.odt": ODT,
    "old.doc": OLE,
    "old.xls": OLE,
    "forwarded.msg": OLE,
    "forwarded.eml": EML,
    "note.txt": "Checked by phone, Zoë".encode(),
    "marks.csv": b"date,code\n2026-11-02,B\n",
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_common_format_is_kept_under_its_media_type(name):
    suffix = "." + name.rsplit(".", 1)[1].lower()
    assert media_type_of(name, GOOD[name]) == ACCEPTED[suffix][0]


def test_every_accepted_extension_has_a_sample():
    assert {"." + n.rsplit(".", 1)[1].lower() for n in GOOD} == set(ACCEPTED)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("minutes.docm", DOCX, "can hold macros"),
        ("sheet.xlsm", XLSX, "can hold macros"),
        ("renamed.docx", package("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
         "holds macros"),
        ("old.doc", OLE + "_VBA_PROJECT".encode("utf-16-le"), "holds macros"),
        ("setup.exe", b"MZ\x90\x00", "is a program"),
        ("cert.pdf", b"MZ\x90\x00 not a pdf", "is a program"),
        ("tool.docx", b"\x7fELF\x02\x01", "is a program"),
        ("cert.pdf", b"<html>not a pdf</html>", "named as a PDF but its content is not"),
        ("insurance.docx", XLSX, "named as a Word document but its content is not"),
        ("insurance.docx", b"PK\x03\x04 broken", "named as a Word document"),
        ("forwarded.eml", b"just some words", "named as an e-mail message"),
        ("note.txt", b"text\x00with\x00nuls", "named as plain text"),
        ("bundle.zip", package("a.txt"), "it keeps only .pdf"),
        ("no-extension", b"%PDF-1.7", "it keeps only .pdf"),
    ],
)  # fmt: skip
def test_programs_macros_and_mislabelled_files_are_refused_plainly(name, data, says):
    with pytest.raises(InvalidInput, match=says) as refused:
        media_type_of(name, data)
    assert name in str(refused.value) and "\n" not in str(refused.value)
