"""Every file APDesk writes goes through here: checked first, then written atomically, owner-only.

`check_output_path` refuses a path that is a file of any APDesk store (this one or another
folder's: a store folder is recognised by its own files), a folder, a device or other
special file, or a place whose folder does not exist, each with one plain sentence.
`write_output` checks, then writes through a temp file beside the target, fsync and rename,
so a crash leaves the old file or the new one, never half; the new file is 0600 on POSIX
(on Windows it inherits the per-user folder's ACL). `open_output` does the same for a file
written as it is made (an export, a row at a time).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from apdesk.domain.errors import ApdeskError

DB_NAME = "apdesk.db"
KEYSLOTS_NAME = "keyslots.json"
# Every file a store folder holds for itself, in this version or a half-finished step of it.
STORE_FILE_NAMES = frozenset(
    {
        DB_NAME,
        f"{DB_NAME}-wal",
        f"{DB_NAME}-shm",
        f"{DB_NAME}-journal",
        f"{DB_NAME}.new",
        f"{DB_NAME}.restoring",
        KEYSLOTS_NAME,
        f"{KEYSLOTS_NAME}.new",
        "keyslots.json.old",
        "rekey.json",
        "backups.json",
        "apdesk.lock",
        "apdesk.lock.json",
        "apdesk.log",
    }
)
# Any one of these in a folder makes it a store folder (a live store, one set aside, a
# half-made one in a set-up scratch folder, or one whose database went missing).
STORE_MARKERS = (DB_NAME, KEYSLOTS_NAME, f"{KEYSLOTS_NAME}.new", "rekey.json")
STORE_SUBFOLDERS = ("work",)
DISK_FULL = "The disk is full: free some space and try again; nothing was lost."
PRIVATE_FILE = 0o600


class OutputRefused(ApdeskError):
    """APDesk will not write to that path; the message says why and that nothing was written."""


def is_store_folder(folder: Path) -> bool:
    """True when `folder` holds an APDesk store's own files."""
    try:
        return any((folder / name).exists() for name in STORE_MARKERS)
    except OSError:
        return False


def _is_store_file(path: Path) -> bool:
    """A store's own file by name, or any file APDesk keeps beside or inside a store folder."""
    name = path.name.lower()
    if name in STORE_FILE_NAMES:
        return True
    parent = path.parent
    if parent.name.lower() in STORE_SUBFOLDERS and is_store_folder(parent.parent):
        return True
    stem = name.lstrip(".")
    own = stem == "complete" or any(stem.startswith(n) for n in STORE_FILE_NAMES)
    return own and is_store_folder(parent)


def check_output_path(path: Path | str) -> Path:
    """The path to write, or OutputRefused with a plain message if it must not be written."""
    text = str(path)
    target = Path(text)
    if not text.strip() or text.endswith(("/", os.sep)):
        raise OutputRefused(f"'{text}' is not a file name. Nothing was written.")
    real = Path(os.path.realpath(target))
    for candidate in {target.absolute(), real}:
        if _is_store_file(candidate):
            raise OutputRefused(
                f"{target} is a file of an APDesk store; writing there would destroy it. "
                "Choose another name or folder. Nothing was written."
            )
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise output_error(target, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputRefused(
            f"{target} is a folder. Give a file name inside it. Nothing was written."
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputRefused(
            f"{target} is a device or other special file, not an ordinary file. "
            "Nothing was written."
        )
    if not real.parent.is_dir():
        raise OutputRefused(
            f"The folder {target.parent} does not exist. Create it first or choose another. "
            "Nothing was written."
        )
    return target


def is_disk_full(exc: BaseException | None) -> bool:
    """True when `exc`, or anything that caused it, is a full disk (or quota): an OSError
    ENOSPC/EDQUOT, or SQLite's 'database or disk is full' however it was wrapped."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return True
        text = str(exc).lower()
        if "database or disk is full" in text or "sqlite_full" in text:
            return True
        exc = exc.__cause__ or exc.__context__ or getattr(exc, "orig", None)
        seen += 1
    return False


def output_error(path: Path, exc: OSError) -> ApdeskError:
    """One plain sentence for an OSError while writing `path`."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return ApdeskError(DISK_FULL)
    if exc.errno in (errno.EACCES, errno.EPERM):
        reason = "APDesk is not allowed to write there"
    elif exc.errno == errno.EROFS:
        reason = "that disk is read-only"
    else:
        reason = (exc.strerror or "the file could not be written").rstrip(".").lower()
    return ApdeskError(f"{path} could not be written: {reason}. Nothing was written.")


def write_output(path: Path | str, data: bytes) -> Path:
    """Check `path`, then write `data` to it atomically and owner-only; returns the path."""
    target = check_output_path(path)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise output_error(target, exc) from None
    return target


@contextlib.contextmanager
def open_output(path: Path | str) -> Iterator[IO[str]]:
    """Check `path`, then give a text file (UTF-8, line ends as written) that writes it
    atomically and owner-only as it is made: it appears whole when the block ends, and not
    at all if the block fails."""
    target = check_output_path(path)
    try:
        with atomic_file(target, binary=False) as handle:
            yield handle
    except OSError as exc:
        raise output_error(target, exc) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a crash leaves either the old or the new file, never half."""
    with atomic_file(path, binary=True) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """Replace `path` with what the block writes, so a crash leaves either the old or the new
    file, never half."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        make_private_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def make_private_file(path: Path) -> None:
    """Owner read and write only (POSIX); a no-op where the OS has no such modes."""
    if os.name == "posix":
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if stat.S_IMODE(os.stat(path).st_mode) != PRIVATE_FILE:
                os.chmod(path, PRIVATE_FILE)


def open_private(path: Path) -> int:
    """A new (or emptied) file, created 0600, for writing; returns the descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_FILE)
    return fd


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
