"""`apdesk policy-wording FILE.json --user NAME`: put a newer Annex A and B wording in force.

The same service as File > Load policy wording… checks the file strictly; a wrong file is
refused with its reason (exit 1) and nothing changes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from apdesk.cli import Context
from apdesk.domain.errors import InvalidInput


def add_commands(sub: Any) -> None:
    command = sub.add_parser(
        "policy-wording", help="load a newer version of the Annex A and Annex B wording"
    )
    command.add_argument("file", type=Path, metavar="FILE.json", help="the wording file")
    command.add_argument(
        "--user", metavar="NAME", help="the Headteacher's username (password from APDESK_PASSWORD)"
    )
    command.set_defaults(handler=cmd_policy_wording)


def cmd_policy_wording(args: argparse.Namespace, ctx: Context) -> int:
    if not args.file.is_file():
        raise InvalidInput(f"There is no file {args.file}: give the policy wording file.")
    data = args.file.read_bytes()
    from apdesk.services import policy  # here, not for `apdesk --help`

    with ctx.signed_in(args.user) as (services, actor):
        wording = policy.load_wording(services, actor, data)
    print(f"{wording.label} is now in force.")
    return 0
