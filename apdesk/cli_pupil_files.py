"""`apdesk transfer …` and `apdesk access …`: a pupil's file leaving the school.

    apdesk transfer make --pupil UPN --school NAME --dsl NAME [--urn URN] --out FILE.pdf
    apdesk transfer receipt ID --from NAME [--on DATE]
    apdesk transfer list
    apdesk access record --pupil UPN --requester NAME --relationship TEXT --received DATE
    apdesk access list
    apdesk access export ID --pdf FILE --json FILE [--redact] [--redact-name NAME ...]
    apdesk access complete ID [--on DATE]

Each signs in (`--user`, password from APDESK_PASSWORD or asked) and goes through the same
services as the window. The transfer code is printed once and kept nowhere.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from apdesk.domain.formatting import format_date, parse_date

# The services (and so the store) load when a command runs, not for `apdesk --help`.
if TYPE_CHECKING:
    from apdesk.services.actor import Actor
    from apdesk.services.app_services import AppServices

Handler = Callable[[argparse.Namespace, "AppServices", "Actor"], int]


def _day(text: str | None, svc: AppServices, what: str) -> date:
    return parse_date(text, what) if text else svc.clock.today()


def _pupil_id(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import pupils

    pupil = pupils.find_by_upn(svc, actor, args.pupil)
    assert pupil.id is not None
    return pupil.id


def _transfer_make(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import cp_transfer
    from apdesk.storage.files import write_output

    pack = cp_transfer.make_pack(
        svc, actor, _pupil_id(args, svc, actor), args.school, args.dsl, args.urn or ""
    )
    write_output(args.out, pack.pdf)
    print(f"Wrote {args.out} ({len(pack.pdf) // 1024 + 1} KB), encrypted (AES-256).")
    print(f"Code to open it: {pack.code}")
    print(
        f"Read the code to {pack.transfer.receiving_dsl} by phone, never in the same email as "
        "the file. It is shown only now and APDesk does not keep it. Record the receipt with "
        f"'apdesk transfer receipt {pack.transfer.id} --from NAME' when they confirm."
    )
    return 0


def _transfer_receipt(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import cp_transfer

    on = _day(args.on, svc, "The receipt date")
    done = cp_transfer.record_receipt(svc, actor, args.id, on, args.received_from)
    print(f"Receipt recorded: {done.receiving_school} confirmed on {format_date(on)}.")
    return 0


def _transfer_list(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import cp_transfer

    rows = cp_transfer.list_transfers(svc, actor)
    for row in rows:
        print(cp_transfer.describe(row))
    if not rows:
        print("No child-protection file has been sent.")
    return 0


def _access_record(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.domain.subject_access import SubjectAccessRequest
    from apdesk.services import subject_access

    request = subject_access.record_request(
        svc,
        actor,
        SubjectAccessRequest(
            _pupil_id(args, svc, actor),
            args.requester,
            args.relationship,
            parse_date(args.received, "The date received"),
            args.what or "",
        ),
    )
    print(
        f"Request #{request.id} recorded: answer it by {format_date(request.due_on)} "
        "(one calendar month)."
    )
    return 0


def _access_list(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import subject_access

    rows = subject_access.list_requests(svc, actor)
    for row in rows:
        print(subject_access.describe(row, svc.clock.today()))
    if not rows:
        print("No subject access request has been recorded.")
    return 0


def _access_export(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import subject_access
    from apdesk.storage.files import check_output_path, write_output

    check_output_path(args.pdf)
    check_output_path(args.json)
    bundle = subject_access.disclose(
        svc, actor, args.id, args.redact, tuple(args.redact_name or ())
    )
    write_output(args.pdf, bundle.pdf)
    write_output(args.json, bundle.json)
    print(f"Wrote {args.pdf} and {args.json}.")
    return 0


def _access_complete(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import subject_access

    on = _day(args.on, svc, "The date completed")
    done = subject_access.complete(svc, actor, args.id, on)
    print(f"Request #{done.id} marked completed on {format_date(on)}.")
    return 0


def _run(handler: Handler) -> Callable[[argparse.Namespace, Any], int]:
    def run(args: argparse.Namespace, ctx: Any) -> int:
        with ctx.signed_in(args.user) as (svc, actor):
            return handler(args, svc, actor)

    return run


def _command(group: Any, name: str, text: str, handler: Handler) -> Any:
    command = group.add_parser(name, help=text)
    command.add_argument("--user", metavar="NAME", help="your username (password: APDESK_PASSWORD)")
    command.set_defaults(handler=_run(handler))
    return command


def add_commands(sub: Any) -> None:
    transfer = sub.add_parser(
        "transfer", help="send a pupil's child-protection file to their next school (DSL)"
    ).add_subparsers(dest="step", metavar="STEP", required=True)
    make = _command(transfer, "make", "make the encrypted pack and record it sent", _transfer_make)
    make.add_argument("--pupil", metavar="UPN", required=True)
    make.add_argument("--school", required=True, help="the receiving school")
    make.add_argument("--dsl", required=True, help="the receiving school's DSL")
    make.add_argument("--urn", help="the receiving school's URN")
    make.add_argument("--out", required=True, metavar="FILE.pdf")
    receipt = _command(
        transfer, "receipt", "record that the school confirmed it", _transfer_receipt
    )
    receipt.add_argument("id", type=int, metavar="ID")
    receipt.add_argument("--from", dest="received_from", required=True, metavar="NAME")
    receipt.add_argument("--on", metavar="DATE", help="the day they confirmed (default today)")
    _command(transfer, "list", "every pack sent and its receipt", _transfer_list)

    access = sub.add_parser(
        "access", help="subject access requests: record, list, export, complete"
    ).add_subparsers(dest="step", metavar="STEP", required=True)
    record = _command(access, "record", "record a request (due in one month)", _access_record)
    record.add_argument("--pupil", metavar="UPN", required=True)
    record.add_argument("--requester", required=True, help="who asked")
    record.add_argument("--relationship", required=True, help="to the pupil, e.g. Mother")
    record.add_argument("--received", required=True, metavar="DATE")
    record.add_argument("--what", help="what they asked for")
    _command(access, "list", "every request and when it is due", _access_list)
    export = _command(access, "export", "the pupil's data as PDF and JSON", _access_export)
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument("--pdf", required=True, metavar="FILE.pdf")
    export.add_argument("--json", required=True, metavar="FILE.json")
    export.add_argument(
        "--redact", action="store_true", help="replace other people's names by [redacted]"
    )
    export.add_argument("--redact-name", action="append", metavar="NAME", help="also redact NAME")
    complete = _command(access, "complete", "mark the request answered", _access_complete)
    complete.add_argument("id", type=int, metavar="ID")
    complete.add_argument("--on", metavar="DATE", help="the day answered (default today)")
