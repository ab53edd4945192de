"""The admin command line: a contract for IT staff and scripts.

Exit codes: 0 done; 1 a check failed or the store could not be unlocked (the message says
which); 2 a usage error. No traceback reaches the user: unexpected errors are summarised and
the details go to the log file in the data folder.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apdesk import __version__
from apdesk.domain.errors import ApdeskError
from apdesk.domain.record_kinds import RecordKind

# `apdesk --help` and a usage error load only these: the store, services, PDFs and signing
# are imported inside the commands that use them (SQLAlchemy, ReportLab, pyHanko and Alembic
# cost most of a second; tests/test_cli_help_imports.py keeps them out of --help).
if TYPE_CHECKING:
    from apdesk.services.actor import Actor
    from apdesk.services.app_services import AppServices
    from apdesk.services.unlocking import Unlocker
    from apdesk.storage import audit
    from apdesk.storage.store import Store, StorePaths

COMMAND_LINE = "admin (command line)"


class UsageError(ApdeskError):
    """The command was given wrongly (exit code 2)."""


Handler = Callable[[argparse.Namespace, "Context"], int]


class Context:
    """What every command needs: the data folder, keyring, clock and a way to ask questions."""

    def __init__(self, data_dir: Path) -> None:
        from apdesk.domain.clock import SystemClock
        from apdesk.storage.keyring_store import SystemKeyring
        from apdesk.storage.store import StorePaths

        self.paths: StorePaths = StorePaths(data_dir)
        self.keyring = SystemKeyring()
        self.clock = SystemClock()
        self.last_password = ""

    def unlocker(self) -> Unlocker:
        from apdesk.services.unlocking import Unlocker

        return Unlocker(
            self.paths,
            self.keyring,
            os.environ.get("APDESK_PASSPHRASE") or None,
            os.environ.get("APDESK_RECOVERY_CODE") or None,
            _terminal_prompt(),
        )

    def services(self) -> AppServices:
        """The unlocked store's services; close them with `.close()` when done."""
        from apdesk.services.app_services import AppServices

        return AppServices(self.open(), self.clock)

    @contextlib.contextmanager
    def signed_in(self, username: str | None) -> Iterator[tuple[AppServices, Actor]]:
        """The store's services and the member of staff signed in (`--user`, the password from
        APDESK_PASSWORD or a prompt), for one command; closed after. Without `--user` it stops
        before anything unlocks."""
        if not username:
            raise UsageError("Say who you are with --user USERNAME.")
        password = os.environ.get("APDESK_PASSWORD")
        if not password:
            prompt = _terminal_prompt()
            if prompt is None:
                raise ApdeskError("Set APDESK_PASSWORD or run this at a terminal to sign in.")
            password = prompt(f"Password for {username}: ")
        self.last_password = password  # a Headteacher's signing key opens with it
        from apdesk.services import staff

        services = self.services()
        try:
            yield services, staff.sign_in(services, username, password)
        finally:
            services.close()

    def open(self) -> Store:
        from apdesk.storage.location import location_warning
        from apdesk.storage.store import open_store

        warning = location_warning(self.paths.folder)
        if warning:
            print(f"Warning: {warning}", file=sys.stderr)
        return open_store(self.paths, self.unlocker().key(), self.clock.now())


def _terminal_prompt() -> Callable[[str], str] | None:
    if not sys.stdin.isatty():
        return None
    return lambda question: getpass.getpass(question)


def default_data_dir() -> Path:
    env = os.environ.get("APDESK_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("APDesk", appauthor=False))


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.storage.store import create_store

    passphrase = _new_passphrase() if args.passphrase else None
    keyring = ctx.keyring if ctx.keyring.is_secure() else None
    if keyring is None and passphrase is None:
        ctx.keyring.require_secure()  # raises with the message that offers --passphrase
    store, code = create_store(ctx.paths, ctx.clock.now(), keyring=keyring, passphrase=passphrase)
    try:
        print(f"Created a new APDesk store in {ctx.paths.folder}.")
        _show_code("RECOVERY CODE (shown once; print it and keep it in the school safe):", code)
        print("Without it, a lost keyring entry or passphrase means the data cannot be opened.")
        _write_sheet(args, store, code, ctx)
    finally:
        store.close()
    return 0


def _show_code(title: str, code: str) -> None:
    """The code on screen before anything else can fail (flushed: a crash cannot swallow it)."""
    print(f"\n{title}\n\n    {code}\n", flush=True)


def _write_sheet(args: argparse.Namespace, store: Store, code: str, ctx: Context) -> None:
    """The printable sheet, after the code is on screen: a failure here is only a warning."""
    if not args.recovery_sheet:
        return
    from apdesk.services.documents import recovery_sheet
    from apdesk.storage.files import write_output

    try:
        write_output(args.recovery_sheet, recovery_sheet(store, code, ctx.clock.today()))
    except ApdeskError as exc:
        print(
            f"Warning: the recovery sheet was not written ({exc}) Write down the code "
            "above instead, or run `apdesk rekey --recovery-sheet FILE` later for a new one.",
            file=sys.stderr,
        )
        return
    print(f"Recovery sheet written to {args.recovery_sheet}: print it, then delete the file.")


def _new_passphrase() -> str:
    from apdesk.storage.store import check_passphrase

    passphrase = os.environ.get("APDESK_PASSPHRASE")
    if not passphrase:
        prompt = _terminal_prompt()
        if prompt is None:
            raise ApdeskError("Set APDESK_PASSPHRASE or run this at a terminal to choose one.")
        passphrase = prompt("New passphrase (at least 12 characters): ")
        if prompt("Type it again: ") != passphrase:
            raise ApdeskError("The two passphrases differ. Nothing was created.")
    check_passphrase(passphrase)
    return passphrase


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.storage import backup as backups
    from apdesk.storage.check import check_store, check_unopenable
    from apdesk.storage.errors import StoreDamaged
    from apdesk.storage.store import open_store

    key = ctx.unlocker().key()
    try:
        store = open_store(ctx.paths, key, ctx.clock.now())
    except StoreDamaged as exc:
        report = check_unopenable(ctx.paths.db, key)
        print(exc, file=sys.stderr)
    else:
        try:
            files = [Path(f) for f in args.against or []]
            pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
            zips = [f for f in files if f not in pdfs]
            signed = [_signed_head(store, ctx, f) for f in pdfs]
            report = check_store(store, zips, backups.default_backups_folder(), signed)
        finally:
            store.close()
    print("\n".join(report.lines()))
    print("All checks passed." if report.ok else "Problems found: restore from a backup.")
    return 0 if report.ok else 1


def _signed_head(store: Store, ctx: Context, pdf: Path) -> tuple[str, audit.ChainHead | None, str]:
    """A signed Annex B's chain head, once its signature checks out as the school's."""
    from apdesk.services import documents
    from apdesk.services.app_services import AppServices
    from apdesk.storage import audit

    try:
        data = pdf.read_bytes()
    except OSError as exc:
        return pdf.name, None, f"it cannot be read ({exc.strerror})"
    head, summary = documents.signed_chain_head(AppServices(store, ctx.clock), data)
    if head is None:
        return pdf.name, None, summary if not summary.startswith("VALID") else "it carries none"
    row_id, _, digest = head.partition(":")
    if not row_id.isdigit() or len(digest) != 64:
        return pdf.name, None, "its chain head is unreadable"
    return pdf.name, audit.ChainHead(int(row_id), digest), summary


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.storage import backup as backups
    from apdesk.storage.files import check_output_path

    check_output_path(args.file)  # before the audit row: a refused path changes nothing
    store = ctx.open()
    try:
        _audit(store, ctx, "store.backup", {"file": Path(args.file).name})
        manifest = backups.create_backup(store, Path(args.file), ctx.clock.now())
    finally:
        store.close()
    print(f"Backup written and verified: {args.file}")
    print(f"Audit chain head at backup: {manifest.audit_head}")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.storage import backup as backups
    from apdesk.storage.files import make_private_dir
    from apdesk.storage.lock import StoreLock
    from apdesk.storage.store import open_store

    source = Path(args.file)
    _, slots = backups.read_backup(source)
    unlocker = ctx.unlocker()
    key = unlocker.key_for_backup(slots)
    replacing = _store_id_of(ctx.paths)
    make_private_dir(ctx.paths.folder)
    lock = StoreLock(ctx.paths.folder)
    lock.acquire(ctx.clock.now())
    try:
        aside = backups.restore_backup(ctx.paths, source, key, ctx.clock.now())
    finally:
        lock.release()
    if slots.has("keyring") and ctx.keyring.is_secure():
        unlocker.restore_keyring(key)
    restored = open_store(ctx.paths, key, ctx.clock.now())
    try:
        _audit(restored, ctx, "store.restore", {"file": source.name})
    finally:
        restored.close()
    print(f"Restored {source.name} into {ctx.paths.folder}.")
    if replacing and replacing != slots.store_id:
        print(
            "Warning: that backup is of a different store (another school's, or one made "
            "before a fresh set-up) from the one it replaced.",
            file=sys.stderr,
        )
    if aside:
        print(f"The store it replaced was kept in {aside}.")
    return 0


def _store_id_of(paths: StorePaths) -> str | None:
    from apdesk.storage.store import load_slots

    with contextlib.suppress(ApdeskError, OSError):
        return load_slots(paths).store_id if paths.keyslots.exists() else None
    return None


def _audit(store: Store, ctx: Context, action: str, new: dict[str, str]) -> None:
    """An audit row for a store command (no one is signed in: the actor is the command line)."""
    from apdesk.storage import audit

    with store.engine.begin() as conn:
        entry = audit.AuditEntry(COMMAND_LINE, action, RecordKind.STORE, store.store_id, new=new)
        audit.append(conn, entry, ctx.clock.now())


def cmd_rekey(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.storage.rekey import rekey

    store = ctx.open()
    passphrase = os.environ.get("APDESK_PASSPHRASE") or None
    keyring = ctx.keyring if ctx.keyring.is_secure() else None

    def show(code: str) -> None:
        _show_code(
            "NEW RECOVERY CODE (print it, put it in the school safe, destroy the old sheet; it "
            "takes effect when this change finishes):",
            code,
        )

    store, code = rekey(
        store,
        ctx.clock.now(),
        actor=COMMAND_LINE,
        keyring=keyring,
        passphrase=passphrase,
        show_code=show,
    )
    try:
        print(
            "The store now has a new key. The old key and the old recovery code no longer open it."
        )
        _write_sheet(args, store, code, ctx)
    finally:
        store.close()
    return 0


def cmd_recover(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.storage.store import open_store

    unlocker = ctx.unlocker()
    key = unlocker.key_by_recovery_code()
    store = open_store(ctx.paths, key, ctx.clock.now())
    try:
        _audit(store, ctx, "store.recover", {})
    finally:
        store.close()
    if unlocker.restore_keyring(key):
        print("Access restored: the key is back in this computer's keyring. Nothing was lost.")
        return 0
    print("The recovery code is right, but this computer has no secure keyring to keep the key.")
    return 0


def cmd_self_check(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.services.self_check import self_check

    facts = self_check(ctx.paths.folder, ctx.keyring)
    width = max(len(label) for label, _ in facts)
    for label, value in facts:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="apdesk", description="APDesk: alternative provision, safely."
    )
    parser.add_argument("--version", action="version", version=f"APDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the store's folder (default: APDESK_DATA_DIR, else your user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    init = sub.add_parser("init", help="create a store and print its recovery code once")
    init.add_argument(
        "--passphrase",
        action="store_true",
        help="also (or, with no secure keyring, only) unlock with a passphrase",
    )
    init.add_argument(
        "--recovery-sheet",
        type=Path,
        metavar="FILE.pdf",
        help="also write the recovery sheet to print for the school safe",
    )
    init.set_defaults(handler=cmd_init)
    check = sub.add_parser("check", help="check encryption, structure, links and the audit chain")
    check.add_argument(
        "--against",
        action="append",
        metavar="BACKUP",
        help="an earlier backup, or a signed Annex B, whose audit chain head the log must "
        "still extend (may be given more than once)",
    )
    check.set_defaults(handler=cmd_check)
    for name, handler, text in (
        ("backup", cmd_backup, "write a verified, encrypted backup"),
        ("restore", cmd_restore, "verify a backup, then restore it"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("file", metavar="FILE")
        command.set_defaults(handler=handler)
    rekey_cmd = sub.add_parser(
        "rekey", help="replace the database key and issue a new recovery code"
    )
    rekey_cmd.add_argument(
        "--recovery-sheet",
        type=Path,
        metavar="FILE.pdf",
        help="also write the new recovery sheet to print",
    )
    rekey_cmd.set_defaults(handler=cmd_rekey)
    sub.add_parser(
        "recover", help="unlock with the recovery code and restore the keyring entry"
    ).set_defaults(handler=cmd_recover)
    sub.add_parser(
        "self-check",
        help="for IT staff: keyring backend, SQLCipher and OpenSSL versions, cipher settings, "
        "data folder",
    ).set_defaults(handler=cmd_self_check)
    for module in _command_modules():
        module.add_commands(sub)
    return parser


def _command_modules() -> list[Any]:
    """Sub-commands kept in their own modules (records, documents), each with add_commands."""
    from apdesk import cli_documents, cli_policy, cli_pupil_files, cli_records, cli_retention

    return [cli_records, cli_documents, cli_pupil_files, cli_policy, cli_retention]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    try:
        return _run(args, data_dir)
    except UsageError as exc:
        print(f"apdesk: {exc}", file=sys.stderr)
        return 2
    except ApdeskError as exc:
        print(f"apdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("apdesk: stopped. Nothing was changed by the unfinished step.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `apdesk check | head`: the reader stopped; say so once, and not again at exit
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("apdesk: the program reading the output stopped before the end.", file=sys.stderr)
        return 1
    except Exception as exc:
        import logging

        from apdesk.storage.files import DISK_FULL, is_disk_full

        log = logging.getLogger("apdesk")
        if is_disk_full(exc):
            print(f"apdesk: {DISK_FULL}", file=sys.stderr)
            return 1
        if isinstance(exc, OSError) and exc.strerror:
            where = exc.filename or data_dir
            log.warning("%s: %s", where, exc.strerror)
            print(f"apdesk: {where} could not be used: {exc.strerror.lower()}.", file=sys.stderr)
            return 1
        log.exception("unexpected error in %s", args.command)
        print(
            f"apdesk: something unexpected went wrong. Details are in {data_dir / 'apdesk.log'}.",
            file=sys.stderr,
        )
        return 1


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    if data_dir.exists() and not data_dir.is_dir():
        raise ApdeskError(f"--data-dir {data_dir} is a file, not a folder. Nothing was changed.")
    from apdesk.domain.clock import SystemClock
    from apdesk.logs import log_to
    from apdesk.services.startup import finish_interrupted_work
    from apdesk.storage.keyring_store import SystemKeyring

    log_to(data_dir)
    for finished in finish_interrupted_work(data_dir, SystemKeyring(), SystemClock()):
        print(f"apdesk: {finished}", file=sys.stderr)
    if args.command is None:
        from apdesk.ui.app import run_window

        return run_window(data_dir)
    return int(args.handler(args, Context(data_dir)))
