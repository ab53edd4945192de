"""Install, use, upgrade and remove the built setup.exe under Wine, in a fresh prefix.

    python installer/test/wine_test.py [--signed-by CA.pem] APDesk-<version>[-allusers]-setup.exe
        [APDesk-<version>[-allusers].msi]
    (make installer-test [MSI=1] [ALLUSERS=1])

Each step is what a school's PC would see: a silent per-user install (or, for the
-allusers build, into Program Files with an HKLM entry), the installed
`apdesk --version`, `init` (the key goes into Wine's Credential Manager), `demo`, `check`,
a signed Annex B that verifies, the window shown on a virtual screen (saved as
build/installer-test/window.png to look at), a reinstall refused while it runs, refusals
of the data folder and of a foreign folder, then an upgrade and an uninstall that leave
the data folder byte for byte as it was. With --signed-by, the signatures of setup.exe,
the installed launchers and uninstaller (and the .msi) must verify against that CA.

Wine 8 lacks two DLLs that Windows 10 1703 and later have: test-only stand-ins
(installer/test/*.c) are built with mingw-w64 into the prefix's system32, never into the
installer. Program output is read through pipes: Wine's console writes nothing to a file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
from build import authenticode  # noqa: E402

WORK = ROOT / "build" / "installer-test"
PASSWORD = {"head": "demo-password-head"}


class Failed(Exception):
    pass


PASSED = [0]


def step(text: str) -> None:
    print(f"installer-test: {text}", flush=True)


def check(condition: bool, text: str) -> None:
    if not condition:
        raise Failed(text)
    PASSED[0] += 1
    step(f"ok: {text}")


class Wine:
    def __init__(self, prefix: Path, display: str) -> None:
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("APDESK_", "WINE"))},
            "WINEPREFIX": str(prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono or Gecko prompts
            "DISPLAY": display,
        }
        self.prefix = prefix

    def run(self, *argv: str | Path, timeout: float = 600, **env: str) -> tuple[int, str]:
        done = subprocess.run(
            ["wine", *(str(a) for a in argv)],
            env={**self.env, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,  # a pipe: Wine's console writes nothing to a file
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
        return done.returncode, done.stdout

    def popen(self, *argv: str | Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            ["wine", *(str(a) for a in argv)],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait_idle(self, timeout: float = 300) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=timeout, check=False)

    def host(self, windows_path: str) -> Path:
        drive, rest = windows_path.split(":", 1)
        assert drive.upper() == "C"
        return self.prefix / "drive_c" / rest.strip("\\").replace("\\", "/")

    def reg_query(self, key: str) -> str:
        return self.run("reg", "query", key)[1]


def tree_digest(folder: Path) -> str:
    return tree_digest_of(folder.rglob("*"), folder)


def tree_digest_of(paths: Iterable[Path], folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_stand_ins(folder: Path, system32: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, libraries in (("bcryptprimitives", ["-ladvapi32"]), ("icuuc", [])):
        target = folder / f"{name}.dll"
        subprocess.run(
            ["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-s", "-Wall", "-Werror",
             str(ROOT / "installer" / "test" / f"{name}.c"), "-o", str(target), *libraries],
            check=True,
        )  # fmt: skip
        shutil.copy(target, system32 / target.name)


def start_screen(display: str) -> subprocess.Popen[bytes]:
    screen = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2)
    return screen


def screenshot(display: str, target: Path) -> int:
    """Save the screen; return how many colours it has (1: nothing is shown)."""
    env = {**os.environ, "DISPLAY": display}
    subprocess.run(["import", "-window", "root", str(target)], env=env, check=True, timeout=60)
    done = subprocess.run(
        ["identify", "-format", "%k", str(target)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip() or 0)


class Layout:
    """Where the per-user or the all-users build puts the program, its shortcut and entry."""

    def __init__(self, wine: Wine, all_users: bool) -> None:
        users = wine.prefix / "drive_c" / "users"
        self.profile = next(p for p in sorted(users.iterdir()) if p.name not in {"Public"})
        self.local = self.profile / "AppData" / "Local"
        self.data = self.local / "APDesk"
        menu = "Microsoft/Windows/Start Menu/Programs/APDesk.lnk"
        root = "HKLM" if all_users else "HKCU"
        self.key = f"{root}\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\APDesk"
        if all_users:
            self.program = wine.prefix / "drive_c" / "Program Files" / "APDesk"
            self.shortcut = wine.prefix / "drive_c" / "ProgramData" / menu
        else:
            self.program = self.local / "Programs" / "APDesk"
            self.shortcut = self.profile / "AppData" / "Roaming" / menu


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("setup", type=Path)
    parser.add_argument("msi", type=Path, nargs="?")
    parser.add_argument("--signed-by", type=Path, metavar="CA.pem")
    args = parser.parse_args(argv)
    setup = args.setup.resolve()
    msi = args.msi.resolve() if args.msi else None
    version = setup.name.split("-")[1]
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    display = f":{90 + os.getpid() % 100}"
    screen = start_screen(display)
    # The prefix lives outside the checkout: its dosdevices\z: links to /, which a build tool
    # walking the checkout (setuptools, for `pip install -e .`) would follow.
    prefix = Path(tempfile.gettempdir()) / f"apdesk-installer-test-{os.getuid()}"
    shutil.rmtree(prefix, ignore_errors=True)
    wine = Wine(prefix, display)
    failed = 1
    try:
        failed = scenario(wine, setup, version, display, msi, args.signed_by)
    except Failed as failure:
        print(f"installer-test: FAILED: {failure}", flush=True)
    finally:
        subprocess.run(["wineserver", "-k"], env=wine.env, check=False)
        screen.terminate()
        shutil.rmtree(prefix, ignore_errors=True)
    print(f"installer-test: {PASSED[0]} passed, {failed} failed")  # the closing line CI reads
    return 1 if failed else 0


def scenario(
    wine: Wine, setup: Path, version: str, display: str, msi: Path | None, ca: Path | None
) -> int:
    started = time.monotonic()
    all_users = "-allusers" in setup.name
    step("a fresh Wine prefix (wineboot)")
    wine.run("wineboot", "-i")
    wine.wait_idle()
    build_stand_ins(WORK / "stand-ins", wine.prefix / "drive_c" / "windows" / "system32")
    where = Layout(wine, all_users)
    profile, local, program, data = where.profile, where.local, where.program, where.data
    key, shortcut = where.key, where.shortcut
    if ca is not None:
        check_signed(ca, setup, "setup.exe")

    code, out = wine.run(setup, "/S")
    kind = "all-users" if all_users else "per-user"
    check(code == 0, f"silent {kind} install exits 0 (got {code}) {out[-500:]}")
    folder = "C:\\Program Files\\APDesk" if all_users else "%LOCALAPPDATA%\\Programs\\APDesk"
    check((program / "APDesk.exe").is_file(), f"installed into {folder}")
    check((program / "bin" / "apdesk.exe").is_file(), "bin\\apdesk.exe is installed")
    check(not (program / "python.exe").exists(), "no bare python.exe is shipped")
    check(not list(program.rglob("bcryptprimitives.dll")), "the test stand-ins are not shipped")
    if ca is not None:
        for name in ("APDesk.exe", "bin/apdesk.exe", "uninstall.exe"):
            check_signed(ca, program / name, f"the installed {name}")
    entry = wine.reg_query(key)
    check(
        f"DisplayVersion    REG_SZ    {version}" in entry,
        f"{key[:4]} uninstall entry has DisplayVersion",
    )
    check("QuietUninstallString" in entry and "/S" in entry, "and a QuietUninstallString")
    if all_users:
        per_user_key = where.key.replace("HKLM", "HKCU", 1)
        check("DisplayVersion" not in wine.reg_query(per_user_key), "and nothing under HKCU")
    check(shortcut.is_file(), f"a Start-menu shortcut ({'all users' if all_users else 'the user'})")

    site = program / "Lib" / "site-packages"
    shipped = tree_digest_of(site.rglob("*.pyc"), site)
    check(list(site.glob("apdesk/__pycache__/cli.cpython-311.pyc")), "APDesk's bytecode is shipped")
    apdesk = program / "bin" / "apdesk.exe"
    code, out = wine.run(apdesk, "--version")
    check(code == 0 and out.strip().endswith(f"APDesk {version}"), f"apdesk --version: {out!r}")
    code, out = wine.run(apdesk, "init")
    check(code == 0, f"init with the key in Credential Manager: {out[-800:]}")
    check((data / "apdesk.db").is_file(), "the store is in %LOCALAPPDATA%\\APDesk")
    code, out = wine.run(apdesk, "demo", timeout=900)
    check(code == 0 and "head" in out, f"demo fills the store: {out[-800:]}")
    code, out = wine.run(apdesk, "check")
    check(code == 0, f"check passes: {out[-800:]}")
    code, out = wine.run(apdesk, "self-check")
    check(code == 0 and "WinVaultKeyring (trusted)" in out,
          f"self-check names the Windows Credential Manager keyring: {out[-800:]}")  # fmt: skip
    pdf = "C:\\users\\" + profile.name + "\\annex-b.pdf"
    # Provider 2: the demo keeps provider 1 (Kestrel) lapsed, and a lapsed one cannot be signed.
    code, out = wine.run(apdesk, "document", "annex-b", "--provider", "2", "--user", "head",
                         "--out", pdf, APDESK_PASSWORD=PASSWORD["head"])  # fmt: skip
    check(code == 0 and wine.host(pdf).is_file(), f"a signed Annex B: {out[-800:]}")
    code, out = wine.run(apdesk, "verify", pdf)
    check(code == 0, f"the Annex B's signature verifies: {out[-800:]}")

    step("the window, on a virtual screen")
    window = wine.popen(program / "APDesk.exe")
    shot, colours = WORK / "window.png", 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and window.poll() is None:
        time.sleep(10)
        colours = screenshot(display, shot)
        if colours > 50:
            time.sleep(10)  # let it finish drawing
            colours = screenshot(display, shot)
            break
    check(window.poll() is None and colours > 50, f"the window shows ({colours} colours): {shot}")
    code, out = wine.run(setup, "/S")
    check(code == 2, f"reinstalling while APDesk runs is refused (exit {code})")
    check(tree_digest_of(site.rglob("*.pyc"), site) == shipped,
          "nothing was compiled at run time: the shipped bytecode was used as it is")  # fmt: skip
    wine.run("taskkill", "/F", "/IM", "APDesk.exe")
    window.wait(timeout=120)
    wine.wait_idle()

    before = tree_digest(data)
    code, _ = wine.run(setup, "/S", f"/D={windows_path(profile, data)}")
    check(code == 2, f"installing into the data folder is refused (exit {code})")
    foreign = local / "Programs" / "Other"
    foreign.mkdir(parents=True)
    (foreign / "notes.txt").write_text("someone else's")
    code, _ = wine.run(setup, "/S", f"/D={windows_path(profile, foreign)}")
    check(code == 2 and (foreign / "notes.txt").read_text() == "someone else's",
          f"installing into a foreign non-empty folder is refused (exit {code})")  # fmt: skip

    code, out = wine.run(setup, "/S")
    wine.wait_idle()
    check(code == 0, f"the upgrade exits 0 (got {code}) {out[-300:]}")
    check(tree_digest(data) == before, "the upgrade left the data folder byte-identical")
    code, out = wine.run(apdesk, "--version")
    check(code == 0 and f"APDesk {version}" in out, "the upgraded apdesk runs")
    before = tree_digest(data)

    code, _ = wine.run(program / "uninstall.exe", "/S")
    wine.wait_idle()  # the uninstaller re-runs itself from %TEMP%
    check(code == 0 and not program.exists(), "uninstall.exe /S removes the program folder")
    check("DisplayVersion" not in wine.reg_query(key), "and its uninstall entry")
    check(not shortcut.exists(), "and its shortcut")
    check(tree_digest(data) == before, "the uninstall left the data folder byte-identical")
    if msi is not None:
        if ca is not None:
            check_signed(ca, msi, "the .msi")
        msi_scenario(wine, msi, setup, version, program, data)
    step(f"all passed in {time.monotonic() - started:.0f} s")
    return 0


def msi_scenario(
    wine: Wine, msi: Path, setup: Path, version: str, program: Path, data: Path
) -> None:
    """The .msi: silent install with msiexec, the program runs, silent removal; then
    setup.exe installs into what the removal left, and removes all of it."""
    before = tree_digest(data)
    code, out = wine.run("msiexec", "/i", msi, "/qn")
    wine.wait_idle()
    check(code == 0 and (program / "APDesk.exe").is_file(), f"msiexec /i /qn installs: {out}")
    code, out = wine.run(program / "bin" / "apdesk.exe", "--version")
    check(code == 0 and f"APDesk {version}" in out, "the MSI-installed apdesk runs")
    code, out = wine.run("msiexec", "/x", msi, "/qn")
    wine.wait_idle()
    check(code == 0 and not (program / "APDesk.exe").exists(), f"msiexec /x /qn removes it {out}")
    check(tree_digest(data) == before, "the MSI left the data folder byte-identical")
    # Windows Installer removes only the files it installed: the folders (under Wine) and
    # the __pycache__ Python wrote stay. setup.exe must take them for APDesk's, not foreign.
    code, out = wine.run(setup, "/S")
    wine.wait_idle()
    check(code == 0, f"setup.exe installs where the .msi was removed (got {code}) {out[-300:]}")
    code, _ = wine.run(program / "uninstall.exe", "/S")
    wine.wait_idle()
    check(code == 0 and not program.exists(), "and its uninstaller leaves no folder behind")
    check(tree_digest(data) == before, "the data folder is still byte-identical")


def check_signed(ca: Path, path: Path, name: str) -> None:
    valid, report = authenticode(path, ca)
    failure = "" if valid else f":\n{report[-800:]}"
    check(valid, f"{name}'s Authenticode signature verifies against {ca.name}{failure}")


def windows_path(profile: Path, path: Path) -> str:
    relative = path.relative_to(profile.parents[1])  # below drive_c
    return "C:\\" + str(relative).replace("/", "\\")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
