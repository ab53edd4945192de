"""`apdesk import pupils FILE.csv --user NAME`: pupils from a SIMS, Arbor or Bromcom export.

It prints the preview, one line per row (new, update, unchanged or problem, and why), then
asks before writing anything; `--yes` writes without asking (for scripts), and without a
terminal to ask at nothing is written unless `--yes` is given. Rows with a problem are never
imported; the rest go in one transaction (services.pupil_import).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apdesk.cli import Context, UsageError
from apdesk.domain.errors import InvalidInput

# The services (and so the store) load when a command runs, not for `apdesk --help`.
if TYPE_CHECKING:
    from apdesk.services import pupil_import


def add_commands(sub: Any) -> None:
    command = sub.add_parser(
        "import", help="import pupils from the MIS (a SIMS, Arbor or Bromcom CSV export)"
    )
    command.add_argument("what", metavar="WHAT", help="pupils (the only kind)")
    command.add_argument("file", type=Path, metavar="FILE.csv", help="the MIS export")
    command.add_argument(
        "--user", metavar="NAME", help="your username (password from APDESK_PASSWORD)"
    )
    command.add_argument(
        "--yes", action="store_true", help="import after the preview without asking"
    )
    command.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    if args.what != "pupils":
        raise UsageError(f"There is nothing called '{args.what}' to import: use 'pupils'.")
    if not args.file.is_file():
        raise InvalidInput(f"There is no file {args.file}: give the CSV exported from the MIS.")
    data = args.file.read_bytes()
    from apdesk.services import pupil_import
    from apdesk.services.pupil_import import RowStatus

    with ctx.signed_in(args.user) as (services, actor):
        preview = pupil_import.preview_import(services, actor, data)
        print_preview(preview)
        if not preview.count(RowStatus.NEW) and not preview.count(RowStatus.UPDATE):
            print("Nothing to import: every pupil is already up to date or has a problem.")
            return 0
        if not args.yes and not _confirmed():
            print("Nothing was written. Run again with --yes to import.")
            return 0
        result = pupil_import.apply_import(services, actor, data)
    print(result.summary)
    return 0


def print_preview(preview: pupil_import.ImportPreview) -> None:
    print(preview.summary)
    for row in preview.rows:
        detail = f"  {row.detail}" if row.detail else ""
        print(f"line {row.line:<4} {row.status.value:<9} {row.upn or '-':<13}  {row.name}{detail}")


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input("Import the new and updated pupils now? [y/N] ")
    return answer.strip().lower() in {"y", "yes"}
