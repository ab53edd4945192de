"""`apdesk document …` and `apdesk verify` as IT staff would run them."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from apdesk.domain import checklists
from apdesk.domain.entities import School, Term
from apdesk.domain.enums import Role
from apdesk.services import providers, staff
from apdesk.services.setup import create_school_store
from apdesk.storage.keyring_store import SystemKeyring
from tests.services.builders import add_pupil, proposed_placement, trained_staff, vetted_provider
from tests.storage.helpers import run_cli

HEAD_PASSWORD = "head-teacher-password"
DSL_PASSWORD = "safeguarding-lead-password"


@pytest.fixture
def store_folder(tmp_path, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)
    school = School(
        "Oakfield Fictional Academy",
        address="1 Example Road, Testtown",
        terms=[Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18))],
    )
    run = create_school_store(
        tmp_path / "data",
        school,
        "head",
        "Alex Morgan",
        HEAD_PASSWORD,
        clock,
        keyring=SystemKeyring(),
    )
    svc, head = run.services, run.headteacher
    staff.create_staff(svc, head, "dsl", "Sam Patel", [Role.DSL], DSL_PASSWORD)
    dsl = staff.sign_in(svc, "dsl", DSL_PASSWORD)
    provider = vetted_provider(svc, dsl, clock.today())
    pupil = add_pupil(svc, dsl)
    proposed_placement(svc, dsl, pupil, provider, date(2026, 11, 9))
    for item in checklists.ANNEX_B_ITEMS:
        providers.set_annex_b_item(svc, dsl, provider.id, item.key, True)
    trained_staff(svc, head)  # 6.1 to 6.3: staff in date with their training
    svc.close()
    return tmp_path / "data", pupil.upn


def test_headteacher_signs_annex_b_and_verify_accepts_it(
    store_folder, capsys, monkeypatch, tmp_path
):
    folder, _ = store_folder
    monkeypatch.setenv("APDESK_PASSWORD", HEAD_PASSWORD)
    out = tmp_path / "annex-b.pdf"
    status, text = run_cli(
        capsys,
        folder,
        "document",
        "annex-b",
        "--provider",
        "bridgeway",
        "--user",
        "head",
        "--out",
        str(out),
    )
    assert status == 0, text
    status, text = run_cli(capsys, folder, "verify", str(out))
    assert status == 0 and text.startswith("VALID")
    pem = tmp_path / "school.pem"
    assert (
        run_cli(capsys, folder, "document", "certificate", "--user", "head", "--out", str(pem))[0]
        == 0
    )
    from cryptography import x509

    subjects = [
        c.subject.rfc4514_string() for c in x509.load_pem_x509_certificates(pem.read_bytes())
    ]
    assert all("O=Oakfield Fictional Academy" in subject for subject in subjects), subjects
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x20
    out.write_bytes(bytes(data))
    status, text = run_cli(capsys, folder, "verify", str(out), "--certificate", str(pem))
    assert status == 1 and not text.startswith("VALID")


def test_dsl_cannot_sign_annex_b(store_folder, capsys, monkeypatch, tmp_path):
    folder, _ = store_folder
    monkeypatch.setenv("APDESK_PASSWORD", DSL_PASSWORD)
    status, text = run_cli(
        capsys,
        folder,
        "document",
        "annex-b",
        "--provider",
        "Bridgeway",
        "--user",
        "dsl",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert status == 1 and "cannot sign off the Annex B" in text
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "kind,extra",
    [
        ("letter", ["--pupil", "UPN"]),
        ("annex-a", ["--pupil", "UPN"]),
        ("register", []),
        ("governors-report", ["--term", "Autumn 2026"]),
    ],
)
def test_each_document_is_written(store_folder, capsys, monkeypatch, tmp_path, kind, extra):
    folder, upn = store_folder
    monkeypatch.setenv("APDESK_PASSWORD", DSL_PASSWORD)
    out = tmp_path / f"{kind}.pdf"
    args = [upn if a == "UPN" else a for a in extra]
    status, text = run_cli(
        capsys, folder, "document", kind, *args, "--user", "dsl", "--out", str(out)
    )
    assert status == 0, text
    assert out.read_bytes().startswith(b"%PDF")


def test_missing_option_is_a_usage_error(store_folder, capsys, tmp_path):
    folder, _ = store_folder
    status, text = run_cli(
        capsys, folder, "document", "letter", "--user", "dsl", "--out", str(tmp_path / "x.pdf")
    )
    assert status == 2 and "needs --pupil" in text


def test_init_writes_the_recovery_sheet_with_the_code(tmp_path, capsys):
    from pypdf import PdfReader

    sheet = tmp_path / "recovery.pdf"
    status, text = run_cli(capsys, tmp_path / "new", "init", "--recovery-sheet", str(sheet))
    assert status == 0
    code = next(line.strip() for line in text.splitlines() if line.startswith("    "))
    printed = "".join(page.extract_text() for page in PdfReader(str(sheet)).pages)
    assert code.replace("-", "") in "".join(printed.split()).replace("-", "")


def test_the_governors_report_names_who_prepared_it_in_its_sign_off(
    store_folder, capsys, monkeypatch, tmp_path
):
    from pypdf import PdfReader

    from apdesk.domain.permissions import ROLE_NAMES

    folder, _ = store_folder
    monkeypatch.setenv("APDESK_PASSWORD", DSL_PASSWORD)
    out = tmp_path / "governors.pdf"
    status, text = run_cli(
        capsys, folder, "document", "governors-report", "--term", "Autumn 2026",
        "--user", "dsl", "--out", str(out),
    )  # fmt: skip
    assert status == 0, text
    printed = " ".join("".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert f"Prepared by Sam Patel, {ROLE_NAMES[Role.DSL]}" in printed
    generated = re.search(r"Generated (\d+ \w+ \d{4})", printed)
    assert generated and f"Signed off as at {generated[1]} Headteacher" in printed


def test_a_signed_annex_b_vouches_for_the_audit_log(store_folder, capsys, monkeypatch, tmp_path):
    from apdesk.storage import audit
    from apdesk.storage.keyring_store import SystemKeyring
    from apdesk.storage.store import StorePaths, open_store
    from apdesk.storage.unlock import key_from_keyring

    folder, _ = store_folder
    monkeypatch.setenv("APDESK_BACKUPS_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("APDESK_PASSWORD", HEAD_PASSWORD)
    out = tmp_path / "annex-b.pdf"
    args = ["document", "annex-b", "--provider", "bridgeway", "--user", "head", "--out", str(out)]
    assert run_cli(capsys, folder, *args)[0] == 0
    status, text = run_cli(capsys, folder, "check", "--against", str(out))
    assert status == 0, text
    assert "Compared with the chain head signed into annex-b.pdf." in text
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(out.read_bytes() + b"\n% appended\n")
    status, text = run_cli(capsys, folder, "check", "--against", str(appended))
    assert status == 1 and "appended.pdf cannot vouch for the audit log: ALTERED" in text
    paths = StorePaths(folder)
    store = open_store(paths, key_from_keyring(paths, SystemKeyring()), datetime(2026, 11, 3))
    with store.engine.begin() as conn:  # a consistent rewrite from row 2 on
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id >= 2")
        conn.exec_driver_sql("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_log'")
        for _ in range(80):
            audit.append(conn, audit.AuditEntry("forger", "x", "y"), datetime(2026, 11, 3))
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    store.close()
    (folder / "backups.json").unlink(missing_ok=True)
    status, text = run_cli(capsys, folder, "check")
    assert status == 0, text  # nothing outside the store to compare with: it looks whole
    status, text = run_cli(capsys, folder, "check", "--against", str(out))
    assert status == 1 and "recorded earlier" in text
