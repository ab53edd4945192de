"""`apdesk retention list|dispose`: the retention review, and disposal with a reason.

`list` prints, pupil by pupil, what is past its period under the school's settings.
`dispose --pupil ID --records file|attendance --reason TEXT` shows what would be deleted and
deletes it only with `--yes`; one audit row keeps what kind, how many, whose and why.
`apdesk audit --pupil ID` prints the audit rows about one pupil: who the pupil was reads as
recorded while the file is kept, and "(disposed)" once it has been disposed of.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from apdesk.cli import Context, UsageError

# The rules and services (the store, the bank holidays) load when a command runs, not for
# `apdesk --help`.
if TYPE_CHECKING:
    from apdesk.domain.retention import RecordClass
    from apdesk.services import retention

#: --records: the AP and CP file, or attendance marks.
RECORDS = ("attendance", "file")


def _record_class(name: str) -> RecordClass:
    from apdesk.domain.retention import RecordClass

    return RecordClass.ATTENDANCE if name == "attendance" else RecordClass.ALTERNATIVE_PROVISION


def add_commands(sub: Any) -> None:
    command = sub.add_parser(
        "retention", help="list records past their retention period, or dispose of them"
    )
    actions = command.add_subparsers(dest="retention_action", metavar="ACTION")
    listing = actions.add_parser("list", help="what is past its retention period today")
    dispose = actions.add_parser("dispose", help="delete one pupil's records past their period")
    dispose.add_argument("--pupil", type=int, metavar="ID", help="the pupil id from the list")
    dispose.add_argument(
        "--records", choices=sorted(RECORDS), help="the AP and CP file, or attendance marks"
    )
    dispose.add_argument("--reason", metavar="TEXT", help="why (kept in the audit log)")
    dispose.add_argument("--yes", action="store_true", help="delete (without it: show only)")
    for parser in (listing, dispose):
        parser.add_argument(
            "--user",
            metavar="NAME",
            help="the Headteacher's or DSL's username (password from APDESK_PASSWORD)",
        )
    command.set_defaults(handler=cmd_retention)
    trail = sub.add_parser("audit", help="print the audit rows about one pupil")
    trail.add_argument("--pupil", type=int, metavar="ID", help="the pupil id")
    trail.add_argument(
        "--user",
        metavar="NAME",
        help="the Headteacher's or DSL's username (password from APDESK_PASSWORD)",
    )
    trail.set_defaults(handler=cmd_audit)


def cmd_retention(args: argparse.Namespace, ctx: Context) -> int:
    if args.retention_action not in ("list", "dispose"):
        raise UsageError("Say what to do: apdesk retention list, or apdesk retention dispose.")
    needs = (args.pupil, args.records, args.reason) if args.retention_action == "dispose" else ()
    if any(not given and given != 0 for given in needs):
        raise UsageError("apdesk retention dispose needs --pupil ID, --records and --reason.")
    from apdesk.domain.retention import RecordClass
    from apdesk.services import retention

    with ctx.signed_in(args.user) as (services, actor):
        lines = retention.review(services, actor)
        if args.retention_action == "list":
            return _print_list(lines)
        record = _record_class(args.records)
        due = [
            line
            for line in lines
            if line.pupil_id == args.pupil
            and (line.record is RecordClass.ATTENDANCE) == (record is RecordClass.ATTENDANCE)
        ]
        if not args.yes:
            if not due:
                print(f"Nothing of pupil {args.pupil}'s {args.records} is past its period.")
                return 1
            print(f"Would delete: {retention.describe(due[0])}.")
            print("Nothing was deleted. Run again with --yes to dispose of these records.")
            return 0
        counts = retention.dispose(services, actor, args.pupil, record, args.reason)
    done = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"Disposed of pupil {args.pupil}'s records: {done}. The audit log records that.")
    return 0


def _print_list(lines: list[retention.DueLine]) -> int:
    from apdesk.domain.retention import RecordClass
    from apdesk.services import retention

    if not lines:
        print("Nothing is past its retention period today.")
        return 0
    print(f"{len(lines)} past their retention period:")
    for line in lines:
        kind = "attendance" if line.record is RecordClass.ATTENDANCE else "file"
        print(f"  pupil {line.pupil_id:<5} {kind:<10}  {retention.describe(line)}")
    return 0


def cmd_audit(args: argparse.Namespace, ctx: Context) -> int:
    if args.pupil is None:
        raise UsageError("apdesk audit needs --pupil ID.")
    from apdesk.services import audit_trail

    with ctx.signed_in(args.user) as (services, actor):
        records = audit_trail.pupil_trail(services, actor, args.pupil)
    if not records:
        print(f"The audit log has no rows about pupil {args.pupil}.")
        return 0
    print(f"{len(records)} audit rows about pupil {args.pupil}:")
    for record in records:
        print(f"  {audit_trail.describe(record)}")
    return 0
