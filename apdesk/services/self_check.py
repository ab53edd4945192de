"""`apdesk self-check` and Help > About: what IT staff need to know about this installation.

Nothing is unlocked or changed: the keyring backend is named (and whether APDesk trusts
it), SQLCipher and OpenSSL report their versions and the cipher settings, and the data
folder's files are listed with their modes.
"""

from __future__ import annotations

import os
import ssl
import stat
import sys
from pathlib import Path

from cryptography.hazmat.backends.openssl.backend import backend as openssl_backend

from apdesk import __version__
from apdesk.storage.engine import cipher_facts
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.location import location_warning
from apdesk.storage.store import StorePaths

Fact = tuple[str, str]


def self_check(data_dir: Path, keyring: SystemKeyring | None = None) -> list[Fact]:
    """(label, value) pairs in reading order, for the command line and the About box."""
    ring = keyring if keyring is not None else SystemKeyring()
    trusted = "trusted" if ring.is_secure() else "NOT trusted: use a passphrase store"
    facts: list[Fact] = [
        ("APDesk", __version__),
        ("Python", sys.version.split()[0]),
        ("Keyring backend", f"{ring.name} ({trusted})"),
        *cipher_facts(),
        ("OpenSSL (Python)", ssl.OPENSSL_VERSION),
        ("OpenSSL (cryptography)", openssl_backend.openssl_version_text()),
        ("Key slots", "AES-256-GCM; Argon2id for the recovery code and any passphrase"),
        ("Data folder", str(data_dir)),
    ]
    warning = location_warning(data_dir)
    if warning:
        facts.append(("Location", warning))
    facts += _files(StorePaths(data_dir))
    return facts


def _files(paths: StorePaths) -> list[Fact]:
    if not paths.folder.is_dir():
        return [("Store", "none yet (the folder does not exist)")]
    facts = [("Folder mode", _mode(paths.folder))]
    if not paths.exists():
        facts.append(("Store", "none yet"))
    for path in (
        paths.db,
        paths.keyslots,
        paths.folder / "backups.json",
        paths.folder / "apdesk.log",
    ):
        if path.exists():
            facts.append((path.name, f"{_mode(path)}, {path.stat().st_size:,} bytes"))
    return facts


def _mode(path: Path) -> str:
    if os.name != "posix":
        return "per-user folder permissions (Windows)"
    mode = stat.S_IMODE(path.stat().st_mode)
    private = mode & 0o077 == 0
    return f"{mode:04o}" + ("" if private else " (readable by others: should be owner-only)")
