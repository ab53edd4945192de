"""Sub-commands for records (registered by apdesk.cli.build_parser): `demo`, `export`, `today`.

`apdesk demo` fills a new, empty store with a fictional school and prints the demo
accounts. `apdesk export KIND --format csv --user NAME` signs in as a member of staff and
writes a CSV export to standard output, or with `--out FILE` to a file written atomically
and readable by its owner only. `apdesk today --user NAME` prints that person's Today list
(for IT staff, scheduled reminders and tests).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from apdesk.cli import Context, UsageError
from apdesk.services.command_names import DEMO_MAX_SCALE, EXPORT_KINDS

# The services (and so the store) load when a command runs, not for `apdesk --help`.


def add_commands(sub: Any) -> None:
    """Add this module's sub-commands to the `apdesk` parser."""
    command = sub.add_parser(
        "demo", help="fill a new, empty store with a fictional school, to try the program"
    )
    command.add_argument(
        "--scale", type=int, default=1, metavar="N",
        help=f"years of records, 1 to {DEMO_MAX_SCALE} (default 1; 10 for benchmarks)",
    )  # fmt: skip
    command.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed on the same day gives the same data (default 1)",
    )
    command.set_defaults(handler=cmd_demo)
    kinds = ", ".join(EXPORT_KINDS)
    command = sub.add_parser("export", help=f"export records as CSV ({kinds})")
    command.add_argument("kind", metavar="KIND", help=kinds)
    command.add_argument("--format", default="csv", help="csv (the only format)")
    command.add_argument(
        "--out", type=Path, metavar="FILE", help="write here (owner-only) instead of the screen"
    )
    command.add_argument(
        "--user",
        metavar="NAME",
        help="your username (password from APDESK_PASSWORD, else asked for)",
    )
    command.set_defaults(handler=cmd_export)
    command = sub.add_parser(
        "today", help="print what needs doing today for one member of staff (as the Today tab)"
    )
    command.add_argument(
        "--user",
        metavar="NAME",
        help="whose list (password from APDESK_PASSWORD, else asked for)",
    )
    command.set_defaults(handler=cmd_today)
    from apdesk import cli_import

    cli_import.add_commands(sub)


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.demo import fill as demo

    if not 1 <= args.scale <= demo.MAX_SCALE:
        raise UsageError(f"--scale must be from 1 to {demo.MAX_SCALE} (years of records).")
    services = ctx.services()
    try:
        report = demo.fill_demo(services, args.seed, args.scale, _progress)
    finally:
        services.close()
    print(
        f"\n{report.school} (fictional) is ready: {report.pupils} pupils, "
        f"{report.providers} providers, {report.placements} placements, "
        f"{report.marks} attendance marks, {report.reviews} reviews, "
        f"{report.incidents} incidents and {report.open_actions} open actions."
    )
    print("This store is marked as demo data. Demo accounts (for trying it out only):\n")
    width = max(len(a.username) for a in report.accounts)
    for account in report.accounts:
        print(f"    {account.username:<{width}}  {account.password:<26}  {account.role}")
    print("\nTry: APDESK_PASSWORD=demo-password-dsl apdesk export register --user dsl")
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from apdesk.services import exports
    from apdesk.storage.files import check_output_path, open_output

    if args.format.strip().lower() != "csv":
        raise UsageError(f"--format {args.format} is not offered: the only format is csv.")
    if args.kind not in exports.KINDS:
        raise UsageError(
            f"There is no export called '{args.kind}'. "
            f"Choose from: {', '.join(exports.kind_names())}."
        )
    if args.out is not None:
        check_output_path(args.out)
    with ctx.signed_in(args.user) as (services, actor):
        if args.out is None:
            result = exports.write_csv(services, actor, args.kind, sys.stdout, line_end="\n")
        else:
            with open_output(args.out) as out:
                result = exports.write_csv(services, actor, args.kind, out)
            print(f"Wrote {result.rows} rows to {args.out}.", file=sys.stderr)
    for note in result.notes:
        print(f"Note: {note}", file=sys.stderr)
    return 0


def _actions(n: int) -> str:
    return "1 automatic action" if n == 1 else f"{n} automatic actions"


def cmd_today(args: argparse.Namespace, ctx: Context) -> int:
    """The same lines as the Today tab, one a line: date, what is needed, about what.

    First, as a step of its own, the automatic actions now due are opened (as the window does
    after sign-in), so the list holds them; listing itself writes nothing."""
    from apdesk.services import automatic_actions, today

    with ctx.signed_in(args.user) as (services, actor):
        opened = automatic_actions.open_due_actions(services, actor)
        items = today.today_summary(services, actor).items()
    if opened:
        print(f"Opened {_actions(opened)} now due.", file=sys.stderr)
    if not items:
        print(f"Nothing needs action today for {actor.display_name}.")
        return 0
    print(f"Today for {actor.display_name}: {len(items)} to see to.")
    width = max(len(item.kind) for item in items)
    for item in items:
        print(f"{item.when:%d/%m/%Y}  {item.kind:<{width}}  {item.text}")
    return 0
