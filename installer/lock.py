"""Re-resolve installer/requirements-windows.txt: APDesk's dependencies as Windows installs them.

    python installer/lock.py        (make installer-lock)

`pip download --platform win_amd64` resolves with this Linux machine's markers (it drops
pywin32-ctypes and tzdata, adds jeepney), so uv resolves for the real target instead:
64-bit Windows, CPython 3.11, every file pinned by hash. The first line records a hash of
pyproject.toml's dependency list; tests/test_installer.py fails when the two disagree.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "installer" / "requirements-windows.txt"
MARK = "# pyproject dependencies sha256: "


def dependencies_digest() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        dependencies = tomllib.load(file)["project"]["dependencies"]
    return hashlib.sha256(json.dumps(sorted(dependencies)).encode()).hexdigest()


def main() -> int:
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    done = subprocess.run(
        [uv, "pip", "compile", str(ROOT / "pyproject.toml"), "--no-header",
         "--python-platform", "x86_64-pc-windows-msvc", "--python-version", "3.11",
         "--generate-hashes", "--no-annotate"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    header = (
        f"{MARK}{dependencies_digest()}\n"
        "# Made by `make installer-lock` (installer/lock.py): APDesk's dependencies resolved\n"
        "# for 64-bit Windows, CPython 3.11, with hashes. Edit pyproject.toml, not this file.\n"
    )
    LOCK.write_text(header + done.stdout, encoding="utf-8")
    print(f"installer: wrote {LOCK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
