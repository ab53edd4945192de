"""`apdesk demo` and `apdesk export` as IT staff and scripts would run them: output and exit codes.

One store is made and filled for the module (it is the slow part); the tests only read it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from apdesk import cli
from tests.conftest import MemoryKeyring
from tests.services.test_exports import CONTRACT
from tests.storage.helpers import run_cli

PASSPHRASE = "a passphrase for the command line"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """`apdesk init --passphrase` then `apdesk demo`, and what `demo` printed.

    Made once, before the per-test in-memory keyring exists, so it brings its own; later
    tests find no keyring entry and unlock with APDESK_PASSPHRASE, as a script would."""
    folder = tmp_path_factory.mktemp("cli") / "data"
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    output = io.StringIO()
    try:
        with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(output):
            patch.setenv("APDESK_PASSPHRASE", PASSPHRASE)
            assert cli.main(["--data-dir", str(folder), "init", "--passphrase"]) == 0
            assert cli.main(["--data-dir", str(folder), "demo"]) == 0
    finally:
        keyring.set_keyring(previous)
    yield folder, output.getvalue()


@pytest.fixture
def demo_folder(made: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("APDESK_PASSPHRASE", PASSPHRASE)
    return made[0]


def test_demo_prints_every_account_with_its_password(made):
    printed = made[1]
    assert "Oakfield Fictional Academy (fictional) is ready: 13 pupils" in printed
    for name in ("head", "dsl", "deputy", "inclusion", "attendance", "governor", "admin"):
        assert f"demo-password-{name}" in printed


def test_demo_refuses_a_store_that_has_records(demo_folder, capsys):
    status, text = run_cli(capsys, demo_folder, "demo")
    assert status == 1 and "already holds demo data" in text
    status, text = run_cli(capsys, demo_folder, "demo", "--scale", "0")
    assert status == 2 and "--scale must be from 1" in text


def test_export_register_prints_plausible_csv(demo_folder, capsys, monkeypatch):
    monkeypatch.setenv("APDESK_PASSWORD", "demo-password-dsl")
    status, text = run_cli(
        capsys, demo_folder, "export", "register", "--format", "csv", "--user", "dsl"
    )
    assert status == 0, text
    lines = text.splitlines()
    assert lines[0] == CONTRACT["register"]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert len(rows) == 14
    assert {"Riverside Skills Centre", "Kestrel Outdoor Learning"} <= {r["provider"] for r in rows}
    assert all(len(r["upn"]) == 13 for r in rows)


def test_export_to_a_file_is_owner_only(demo_folder, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("APDESK_PASSWORD", "demo-password-head")
    out = tmp_path / "risk.csv"
    status, text = run_cli(
        capsys, demo_folder, "export", "risk-register", "--user", "head", "--out", str(out)
    )
    assert status == 0 and f"rows to {out}" in text
    assert out.read_bytes().startswith(CONTRACT["risk-register"].encode() + b"\r\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("register", "--format", "xlsx", "--user", "dsl"), "the only format is csv"),
        (("chronology", "--user", "dsl"), "Choose from: register, ap-referrals, attendance"),
        (("register",), "--user USERNAME"),
    ],
)
def test_export_usage_errors_exit_2(demo_folder, capsys, monkeypatch, args, message):
    monkeypatch.setenv("APDESK_PASSWORD", "demo-password-dsl")
    status, text = run_cli(capsys, demo_folder, "export", *args)
    assert status == 2 and message in text


def test_export_refused_to_a_governor_and_a_wrong_password_exit_1(demo_folder, capsys, monkeypatch):
    monkeypatch.setenv("APDESK_PASSWORD", "demo-password-governor")
    status, text = run_cli(capsys, demo_folder, "export", "register", "--user", "governor")
    assert status == 1 and "Your role (Governor) cannot export data." in text
    status, text = run_cli(capsys, demo_folder, "export", "register", "--user", "dsl")
    assert status == 1 and "do not match" in text
