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


# The edges `make mutate MUTANTS='apdesk.domain.evidence_types*'` found untested on 4 Dec 2026.

ODT_TYPE = b"application/vnd.oasis.opendocument.text"


def said(name: str, data: bytes) -> str:
    with pytest.raises(InvalidInput) as refused:
        media_type_of(name, data)
    return str(refused.value)


def test_a_pdf_with_blank_lines_before_its_header_is_kept() -> None:
    assert media_type_of("cert.pdf", b"\r\n  %PDF-1.7\n") == "application/pdf"


def test_only_a_zip_package_with_the_mimetype_first_is_an_opendocument_text() -> None:
    not_zip = b"XXXX" + b"\x00" * 26 + b"mimetype" + ODT_TYPE
    assert said("plan.odt", not_zip).startswith("plan.odt is named as an OpenDocument text")
    no_mimetype = b"PK\x03\x04" + b"\x00" * 34 + ODT_TYPE
    assert said("plan.odt", no_mimetype).startswith("plan.odt is named as an OpenDocument")


def test_a_doc_that_is_not_a_word_97_2003_file_is_refused_in_words() -> None:
    assert said("old.doc", b"just some text") == (
        "old.doc is named as a Word 97-2003 document but its content is not. Open it to "
        "check, save it again in that format, and attach the copy."
    )


def test_a_word_97_2003_file_with_a_macro_project_is_refused_in_words() -> None:
    data = OLE + "_VBA_PROJECT".encode("utf-16-le")
    assert said("old.doc", data) == (
        "old.doc cannot be kept: it holds macros, which APDesk does not keep."
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf_16_text_with_its_byte_order_mark_is_plain_text(encoding: str) -> None:
    data = "Zoë".encode(encoding)
    data = data if data[:2] in (b"\xff\xfe", b"\xfe\xff") else b"\xfe\xff" + data
    assert media_type_of("notes.txt", data) == "text/plain"


def test_text_beginning_like_a_script_is_not_plain_text() -> None:
    assert said("notes.txt", b"#!/bin/sh\nrm -rf /\n") == (
        "notes.txt is named as plain text but its content is not. Open it to check, save it "
        "again in that format, and attach the copy."
    )


@pytest.mark.parametrize(
    "headers",
    [
        "From: a@example.org\nTo: b@example.org",
        "Subject: Insurance\nDate: Fri, 4 Dec 2026 09:00:00 +0000",
        "Received: by mail.example.org\nMIME-Version: 1.0",
        "Message-ID: <1@example.org>\nFrom: a@example.org",
    ],
)
def test_an_email_needs_two_of_its_header_lines(headers: str) -> None:
    assert media_type_of("cert.eml", f"{headers}\n\nBody".encode()) == "message/rfc822"
    one = headers.split("\n")[0]
    assert said("cert.eml", f"{one}\n\nBody".encode()).startswith("cert.eml is named as an e-mail")


def test_an_email_in_windows_1252_is_still_an_email() -> None:
    data = "From: Renée\nTo: b@example.org\n\nCafé".encode("cp1252")
    assert media_type_of("cert.eml", data) == "message/rfc822"


def test_a_binary_file_with_header_lines_is_not_an_email() -> None:
    assert said("cert.eml", b"From: a\x00\nTo: b\n").startswith("cert.eml is named as an e-mail")


def test_a_macro_document_is_refused_with_what_to_do_instead() -> None:
    assert said("plan.docm", b"PK\x03\x04") == (
        "plan.docm is a document that can hold macros, which APDesk does not keep. Save it "
        "without macros (as .docx or .xlsx) or as a PDF, and attach that."
    )


def test_a_kind_not_kept_is_refused_naming_every_kind_kept() -> None:
    assert said("photo.gif", b"GIF89a") == (
        "APDesk cannot keep photo.gif: it keeps only .pdf, .png, .jpg, .jpeg, .docx, .xlsx, "
        ".odt, .doc, .xls, .msg, .eml, .txt, .csv files."
    )
