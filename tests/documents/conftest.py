"""Fixtures for document tests: a school letterhead, certificates, and PDF readers."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from apdesk.documents.base import Letterhead
from apdesk.documents.certificates import create_school_ca, issue_signing_certificate

GENERATED_ON = date(2026, 11, 28)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    """All the document's text with whitespace runs collapsed to single spaces."""
    return " ".join(" ".join(pdf_pages(pdf)).split())


def render_png(pdf: bytes, folder: Path, stem: str = "page") -> list[Path]:
    """Render every page with poppler (as the CI machine has it); skip when it is missing."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    source = folder / f"{stem}.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(source), str(folder / stem)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return sorted(folder.glob(f"{stem}*.png"))


def poppler_text(pdf: bytes) -> str:
    """The text as `pdftotext` (poppler) reads it, whitespace runs collapsed: what a person
    copying from the PDF gets. Skips when poppler-utils is missing."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.fixture
def letterhead() -> Letterhead:
    return Letterhead(
        name="Oakfield Community School",
        address_lines=("Meadow Lane", "Oakfield", "Northshire", "OK1 2AB"),
        urn="123456",
        phone="01234 567890",
        email="office@oakfield.sch.uk",
    )


@pytest.fixture(scope="session")
def school_ca():
    return create_school_ca("Oakfield Community School")


@pytest.fixture(scope="session")
def headteacher(school_ca):
    ca_key, ca_cert = school_ca
    return issue_signing_certificate(
        ca_key, ca_cert, "Jane Wiśniewska", "Headteacher", "Oakfield Community School"
    )
