"""`apdesk document …` and `apdesk verify`: the policy's PDFs from the command line.

Every document is made through the same services as the window, signed in as a member of
staff (`--user`, password from APDESK_PASSWORD or a prompt), and written atomically.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apdesk.domain.errors import ApdeskError, InvalidInput

# The services, PDFs and signing load when a command runs, not for `apdesk --help`.
if TYPE_CHECKING:
    from apdesk.domain.enums import SentBy
    from apdesk.services.actor import Actor
    from apdesk.services.app_services import AppServices

Maker = Callable[[argparse.Namespace, "AppServices", "Actor"], bytes]


def _placement_of(args: argparse.Namespace, svc: AppServices, actor: Actor) -> int:
    from apdesk.services import pupils

    pupil = pupils.find_by_upn(svc, actor, args.pupil)
    assert pupil.id is not None
    return pupils.current_placement_id(svc, actor, pupil.id)


def _letter(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.domain.parents import contact_text
    from apdesk.services import documents, parents

    placement_id = _placement_of(args, svc, actor)
    sent = _sent(args, svc)  # a mistake in the options is found before anything is printed
    for warning in documents.notice_warnings(svc, actor, [placement_id]):
        print(f"Warning: {warning}", file=sys.stderr)
    data = documents.parent_letters(svc, actor, [placement_id])
    for printed in parents.unsent_for(svc, actor, [placement_id]):
        if sent is None:
            print(
                "Not yet recorded as sent: run it again with --sent-by and --sent-to once it "
                "has gone, or record it on the placement's Parents page.",
                file=sys.stderr,
            )
            continue
        recorded = parents.record_sent(svc, actor, printed.id, *sent)
        print(f"Recorded: {contact_text(recorded)}.")
    return data


def _sent(args: argparse.Namespace, svc: AppServices) -> tuple[date, SentBy, str] | None:
    """--sent-by, --sent-to and --sent-on as the day, how and to whom; None when not given."""
    from apdesk.domain.enums import SentBy
    from apdesk.domain.formatting import parse_date

    if args.sent_by is None:
        if args.sent_to or args.sent_on:
            raise InvalidInput("Say how it was sent too: --sent-by post, by-hand or email.")
        return None
    if not (args.sent_to or "").strip():
        raise InvalidInput('Say who it was sent to: --sent-to "Ms Jones".')
    on = parse_date(args.sent_on, "The date sent") if args.sent_on else svc.clock.today()
    return on, SentBy(args.sent_by.replace("-", "_")), args.sent_to


def _feedback_form(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents

    if args.placement is None:
        return documents.feedback_form(svc, actor, _placement_of(args, svc, actor))
    return documents.feedback_form(svc, actor, args.placement)


def _annex_a(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents

    return documents.annex_a(svc, actor, _placement_of(args, svc, actor))


def _annex_b(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents, providers

    provider = providers.find_provider(svc, actor, args.provider)
    assert provider.id is not None
    if args.unsigned:
        return documents.annex_b(svc, actor, provider.id)
    return documents.sign_annex_b(svc, actor, provider.id, args.password, _reasons(args.reason))


def _reasons(given: list[str] | None) -> dict[str, str]:
    """--reason 2.3="Held on 1 May; notes being typed up." as {"2.3": "..."}."""
    reasons = {}
    for text in given or []:
        key, sep, reason = text.partition("=")
        if not sep:
            raise InvalidInput(
                f'Write each reason as LINE=REASON, for example --reason 2.3="..."; '
                f"'{text}' has no '='."
            )
        reasons[key.strip()] = reason.strip()
    return reasons


def _chronology(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents, pupils

    pupil = pupils.find_by_upn(svc, actor, args.pupil)
    assert pupil.id is not None
    return documents.chronology(svc, actor, pupil.id)


def _register(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents

    return documents.register(svc, actor)


def _governors(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents

    return documents.governors_report(svc, actor, args.term, args.plans or "")


def _staff_training(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents

    return documents.staff_training(svc, actor)


def _certificate(args: argparse.Namespace, svc: AppServices, actor: Actor) -> bytes:
    from apdesk.services import documents

    return documents.certificates_pem(svc, actor)


KINDS: dict[str, tuple[Maker, str]] = {
    "letter": (_letter, "parent information letter (or off-site direction notice) for a pupil"),
    "feedback-form": (_feedback_form, "a blank parent feedback form for a placement, to send home"),
    "annex-a": (_annex_a, "Annex A checklist for a pupil's placement"),
    "chronology": (_chronology, "a pupil's chronology, every event by its date (DSL, Head)"),
    "annex-b": (_annex_b, "Annex B compliance checklist for a provider, signed by the Headteacher"),
    "register": (_register, "register of pupils in AP"),
    "staff-training": (_staff_training, "staff training list (policy read, AP, safeguarding)"),
    "governors-report": (_governors, "termly quality-assurance report for governors"),
    "certificate": (_certificate, "the school's signing certificates (PEM), for others to verify"),
}


def cmd_document(args: argparse.Namespace, ctx: Any) -> int:
    from apdesk.storage.files import check_output_path, write_output

    check_output_path(args.out)  # before signing in: a refused path costs nothing
    with ctx.signed_in(args.user) as (svc, actor):
        args.password = ctx.last_password
        data = KINDS[args.kind][0](args, svc, actor)
    write_output(args.out, data)
    print(f"Wrote {args.out} ({len(data) // 1024 + 1} KB).")
    return 0


def cmd_verify(args: argparse.Namespace, ctx: Any) -> int:
    from apdesk.documents.certificates import certificate_from_pem
    from apdesk.services import documents

    pdf = _read(Path(args.file))
    if args.certificate:
        roots = [certificate_from_pem(_read(Path(args.certificate)))]
    else:
        svc = ctx.services()
        try:
            roots = documents.trusted_roots(svc)
        finally:
            svc.close()
    report = documents.verify(pdf, roots)
    print(report.summary)
    return 0 if report.valid else 1


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ApdeskError(f"Cannot read {path}: {exc.strerror}.") from None


def add_commands(sub: Any) -> None:
    """Add `document` and `verify` to the `apdesk` parser."""
    doc = sub.add_parser("document", help="write one of the policy's documents as a PDF")
    doc.add_argument("kind", choices=sorted(KINDS), help="which document")
    doc.add_argument("--out", required=True, metavar="FILE", help="where to write it")
    doc.add_argument("--user", help="your APDesk username (password: APDESK_PASSWORD or asked)")
    doc.add_argument("--pupil", metavar="UPN", help="the pupil (letter, annex-a, chronology)")
    doc.add_argument(
        "--placement", type=int, metavar="ID", help="the placement (feedback-form; or --pupil)"
    )
    doc.add_argument("--provider", metavar="NAME-OR-ID", help="the provider (annex-b)")
    doc.add_argument("--term", help='the term, e.g. "Autumn 2026" (governors-report)')
    doc.add_argument("--plans", help="the plans paragraph (governors-report)")
    doc.add_argument(
        "--sent-by",
        choices=("post", "by-hand", "email"),
        help="letter: record it as sent to parents, and how",
    )
    doc.add_argument("--sent-to", metavar="NAME", help="letter: the parent or carer it went to")
    doc.add_argument("--sent-on", metavar="DATE", help="letter: the day it went (default today)")
    doc.add_argument("--unsigned", action="store_true", help="annex-b without signing it")
    doc.add_argument(
        "--reason",
        action="append",
        metavar="LINE=TEXT",
        help="annex-b: why a line APDesk's records contradict is ticked (once per line)",
    )
    doc.set_defaults(handler=_checked(cmd_document))
    verify = sub.add_parser("verify", help="check a signed PDF: who signed, when, intact or not")
    verify.add_argument("file", metavar="FILE.pdf")
    verify.add_argument(
        "--certificate",
        metavar="FILE.pem",
        help="the school's root certificate (default: from this store)",
    )
    verify.set_defaults(handler=cmd_verify)


NEEDS = {
    "letter": "pupil",
    "annex-a": "pupil",
    "chronology": "pupil",
    "annex-b": "provider",
    "governors-report": "term",
}


def _checked(
    handler: Callable[[argparse.Namespace, Any], int],
) -> Callable[[argparse.Namespace, Any], int]:
    def run(args: argparse.Namespace, ctx: Any) -> int:
        needed = NEEDS.get(args.kind)
        if args.kind == "feedback-form" and args.placement is None and not args.pupil:
            from apdesk.cli import UsageError

            raise UsageError("'document feedback-form' needs --placement (or --pupil).")
        if needed and not getattr(args, needed):
            from apdesk.cli import UsageError

            raise UsageError(f"'document {args.kind}' needs --{needed}.")
        given = (args.provider or "").strip()
        if given.isdigit() and len(given) > 18:  # beyond any id SQLite can hold
            raise ApdeskError(
                f"There is no provider with the id {given[:12]}…. Nothing was written."
            )
        return handler(args, ctx)

    return run
