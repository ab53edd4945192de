"""The policy's documents, assembled from the store and rendered by `apdesk.documents`.

Each function is one user action: it checks permission, gathers the domain objects and
returns PDF bytes (nothing is written to disk here). Signing Annex B is one transaction:
the sign-off, its audit row, the rendered PDF carrying the chain head, the PAdES
signature and the stored signed copy all commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import annex_b_evidence as evidence_rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import (
    AnnexBSignOff,
    Placement,
    Provider,
    Pupil,
    School,
)
from apdesk.domain.enums import PlacementReason, PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.placements import NOTICE_SCHOOL_DAYS
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import governors, policy, pupils, signing_keys, training
from apdesk.services.actor import SYSTEM, Actor
from apdesk.services.annex_b_evidence import lines_in
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch
from apdesk.services.parents import note_printed
from apdesk.services.placements import record_notice_printed
from apdesk.services.providers import sign_refusal_text
from apdesk.services.review_plans import PlanMaker
from apdesk.services.school import find_school, school_calendar
from apdesk.storage import audit
from apdesk.storage import tables as t
from apdesk.storage.store import Store
from apdesk.storage.tables import signed_document

# The renderers (ReportLab), signing and verifying (pyHanko, aiohttp) are imported by the
# function that makes or checks a document: the window imports this module for its menus,
# and those libraries took most of a second of every start.
if TYPE_CHECKING:
    from cryptography import x509

    from apdesk.documents.verification import VerificationReport

Progress = Callable[[int, int], None]


def _school(session: DbSession) -> School:
    school = find_school(session)
    if school is None:
        raise InvalidInput("Enter the school's details first: they head every document.")
    return school


def parent_letters(
    svc: AppServices,
    actor: Actor,
    placement_ids: Sequence[int],
    on_progress: Progress | None = None,
) -> bytes:
    """Letters (or off-site direction notices) for the chosen placements, in one PDF.

    A notice printed for the first time records today as the day notice was given (one
    audit row each); every later copy carries that recorded date. Each letter or notice is
    kept as printed and not yet sent until someone records how it went (`services.parents`)."""
    from apdesk.documents.letter_parts import PlacementLetter
    from apdesk.documents.parent_letter import render_letters

    if not placement_ids:
        raise InvalidInput("Choose at least one placement to write to parents about.")
    with svc.work(actor, Permission.PRINT_LETTERS) as uow:
        batch, maker = [], PlanMaker(uow.session, placement_ids)
        for placement_id in placement_ids:
            placement = fetch(uow.session, Placement, placement_id, "placement")
            record_notice_printed(uow, placement)
            note_printed(uow, placement)
            batch.append(
                PlacementLetter(
                    placement,
                    fetch(uow.session, Pupil, placement.pupil_id, "pupil"),
                    fetch(uow.session, Provider, placement.provider_id, "provider"),
                    review_slots=maker.plan(placement),
                )
            )
        pdf = render_letters(batch, _school(uow.session), svc.clock.today(), on_progress)
    svc.audit_look(
        actor, "document.letter", RecordKind.PLACEMENT, None, {"placements": list(placement_ids)}
    )
    return pdf


def notice_warnings(svc: AppServices, actor: Actor, placement_ids: Sequence[int]) -> list[str]:
    """What to say before printing off-site direction notices: a notice that would reach
    parents too late for a placement not begun yet (rule 11), and a school type not recorded
    (the notice's legal basis depends on it). A copy for a placement already begun, or
    closed, warns of nothing: its start cannot move."""
    from apdesk.documents.letter_wording import basis_for

    today, warnings, notices = svc.clock.today(), [], 0
    with svc.read(actor, Permission.PRINT_LETTERS) as session:
        calendar, school = school_calendar(session), _school(session)
        rule = basis_for(school.school_type).rule
        for placement_id in placement_ids:
            placement = fetch(session, Placement, placement_id, "placement")
            if placement.reason is not PlacementReason.OFFSITE_DIRECTION:
                continue
            notices += 1
            late = _late_notice(calendar, placement, today, rule)
            if late:
                pupil = fetch(session, Pupil, placement.pupil_id, "pupil")
                warnings.append(late.format(pupil=pupil.display_name))
    if notices and school.school_type is None:
        warnings.append(_NO_SCHOOL_TYPE)
    return warnings


_NO_SCHOOL_TYPE = (
    "The school's type (academy, maintained school or free school) is not recorded, so the "
    "notice names no legal power. Choose it in the school's details (File menu, School and "
    "terms) so the notice gives the right one."
)


def _late_notice(
    calendar: SchoolCalendar, placement: Placement, today: date, rule: str
) -> str | None:
    """The warning (with {pupil} to fill in) when this notice reaches parents too late."""
    start = placement.start_date
    if placement.is_closed or placement.status is PlacementStatus.ACTIVE or start <= today:
        return None
    given = placement.direction_notice_on
    if calendar.notice_in_time(given or today, start, NOTICE_SCHOOL_DAYS):
        return None
    earliest = calendar.add_school_days(
        calendar.next_school_day(given or today), NOTICE_SCHOOL_DAYS
    )
    when_given = f"was given on {format_date(given)}" if given else f"is dated {format_date(today)}"
    return (
        f"The off-site direction notice for {{pupil}} {when_given}, less than two school days "
        f"before the start on {format_date(start)}. {rule} the first day: move the start "
        f"date to {format_date(earliest)} or later."
    )


def annex_a(svc: AppServices, actor: Actor, placement_id: int) -> bytes:
    from apdesk.documents.annex_a import render_annex_a

    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        placement = fetch(session, Placement, placement_id, "placement")
        pdf = render_annex_a(
            placement,
            fetch(session, Pupil, placement.pupil_id, "pupil"),
            fetch(session, Provider, placement.provider_id, "provider"),
            _school(session),
            svc.clock.today(),
            policy.wording_in_force(session),
        )
    svc.audit_look(actor, "document.annex_a", RecordKind.PLACEMENT, placement_id)
    return pdf


def annex_b(svc: AppServices, actor: Actor, provider_id: int) -> bytes:
    """The checklist as it stands, unsigned (for reading or for completing on paper)."""
    from apdesk.documents.annex_b import render_annex_b

    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        provider = fetch(session, Provider, provider_id, "provider")
        return render_annex_b(
            provider,
            _school(session),
            svc.clock.today(),
            evidence=lines_in(session, svc, actor, provider),
            wording=policy.wording_in_force(session),
        )


def sign_annex_b(
    svc: AppServices,
    actor: Actor,
    provider_id: int,
    password: str,
    reasons: Mapping[str, str] | None = None,
) -> bytes:
    """The Headteacher's signed Annex B: visible sign-off and a PAdES signature.

    Every ticked line that APDesk's own records contradict needs a written reason in
    `reasons` (by line key, such as "2.3"); the reasons are printed on the signed copy."""
    from apdesk.documents.annex_b import ANNEX_B_SIGNING_REASON, render_annex_b
    from apdesk.documents.signing import sign_pdf

    with svc.work(actor, Permission.SIGN_ANNEX_B) as uow:
        key, cert, chain = signing_keys.signing_identity(uow, actor.staff_id, password)
        provider = fetch(uow.session, Provider, provider_id, "provider")
        refusal = sign_refusal_text(uow.session, provider, uow.now.date())
        if refusal:
            raise InvalidInput(refusal)
        lines = lines_in(uow.session, svc, actor, provider)
        against = evidence_rules.contradicted_ticks(
            lines, [i.key for i in provider.annex_b if i.done]
        )
        given = {k.strip(): v.strip() for k, v in (reasons or {}).items()}
        missing = evidence_rules.reason_problems(against, given)
        if missing:
            raise InvalidInput(
                f"Annex B for {provider.name} cannot be signed yet:\n" + "\n".join(missing)
            )
        kept = {line.key: given[line.key] for line in against}
        wording = policy.wording_in_force(uow.session)
        sign_off = AnnexBSignOff(
            actor.display_name,
            signing_keys.POSITION,
            uow.now.date(),
            staff_id=actor.staff_id,
            policy_version=wording.version,
        )
        provider.annex_b_signoffs.append(sign_off)
        uow.audit(
            "annex_b.sign",
            RecordKind.PROVIDER,
            provider_id,
            new={
                "name": sign_off.name,
                "signed_on": sign_off.signed_on.isoformat(),
                "policy_version": wording.version,
                "reasons": {
                    line.key: {"contradicts": list(line.contradictions), "reason": kept[line.key]}
                    for line in against
                },
            },
        )
        head = audit.head(uow.session.connection())
        unsigned = render_annex_b(
            provider,
            _school(uow.session),
            uow.now.date(),
            sign_off=sign_off,
            audit_chain_head=str(head),
            evidence=lines,
            reasons=kept,
            wording=wording,
        )
        signed = sign_pdf(
            unsigned,
            key,
            cert,
            chain,
            reason=ANNEX_B_SIGNING_REASON,
            location=_school(uow.session).name,
            signer_name=actor.display_name,
            audit_chain_head=str(head),
        )
        uow.session.execute(
            insert(signed_document).values(
                kind="annex_b",
                provider_id=provider_id,
                signed_by=actor.staff_id,
                signed_at=uow.now,
                audit_head=str(head),
                pdf=signed,
            )
        )
        return signed


def chronology(svc: AppServices, actor: Actor, pupil_id: int) -> bytes:
    """The pupil's chronology to print or save: incidents carry their narrative only for
    those who may read incidents. Audited: who printed whose chronology, with how many lines."""
    from apdesk.documents.chronology import render_chronology

    narratives = actor.may(Permission.VIEW_INCIDENTS)
    with svc.read(actor, Permission.VIEW_CHRONOLOGY) as session:
        entries = pupils.chronology_in(session, svc, pupil_id, narratives)
        pupil = fetch(session, Pupil, pupil_id, "pupil")
        pdf = render_chronology(
            pupil,
            entries,
            _school(session),
            svc.clock.today(),
            prepared_by=f"{actor.display_name}, {actor.role_names}",
            flags=pupils.cp_flags(pupil) if actor.may(Permission.VIEW_CP_FLAGS) else (),
            narratives=narratives,
        )
    svc.audit_look(
        actor,
        "document.chronology_printed",
        RecordKind.PUPIL,
        pupil_id,
        {"entries": len(entries), "narratives": narratives},
    )
    return pdf


def staff_training(svc: AppServices, actor: Actor) -> bytes:
    """The staff training list (§14): policy read, AP-procedures and safeguarding training."""
    from apdesk.documents.staff_training import render_staff_training

    rows = training.training_list(svc, actor)
    with svc.read(actor, Permission.MANAGE_TRAINING) as session:
        school, version = _school(session), training.current_version(session)
    return render_staff_training(
        [(row.record, row.states) for row in rows], school, svc.clock.today(), version
    )


def feedback_form(svc: AppServices, actor: Actor, placement_id: int) -> bytes:
    """The blank parent feedback form for one placement (§10, Annex B 5.2), to send home."""
    from apdesk.documents.feedback_form import FeedbackFormFacts, render_feedback_form

    with svc.read(actor, Permission.VIEW_PARENT_CONTACTS) as session:
        placement = fetch(session, Placement, placement_id, "placement")
        pupil = fetch(session, Pupil, placement.pupil_id, "pupil")
        provider = fetch(session, Provider, placement.provider_id, "provider")
        facts = FeedbackFormFacts(
            pupil.display_name,
            pupil.preferred_name or pupil.legal_first_name,
            provider.name,
            placement.start_date,
            placement.ended_on if placement.is_closed else None,
            placement.school_lead,
        )
        school = _school(session)
    pdf = render_feedback_form(facts, school, svc.clock.today())
    svc.audit_look(actor, "document.feedback_form", RecordKind.PLACEMENT, placement_id)
    return pdf


def register(svc: AppServices, actor: Actor) -> bytes:
    """The register of pupils in AP (§17): every placement, current and ended."""
    from apdesk.documents.register import render_register
    from apdesk.services.register import referral_entries, register_entries

    with svc.read(actor, Permission.VIEW_REGISTER) as session:
        counts, entries = register_entries(session)
        referrals = referral_entries(session)
        pdf = render_register(entries, counts, _school(session), svc.clock.today(), referrals)
    svc.audit_look(
        actor, "document.register", RecordKind.PLACEMENT, None, {"entries": counts.placements}
    )
    return pdf


def governors_report(svc: AppServices, actor: Actor, term_name: str, plans: str = "") -> bytes:
    """The termly QA report (§12): counts and anonymous lines only, never names or narratives.

    Plans given here are the Headteacher's for the term and are kept (anyone else is refused);
    without them the report carries what was kept, or says none were written. A report for a
    past term is dated its last day."""
    from apdesk.documents.governors_report import render_governors_report

    if plans.strip():
        governors.save_plans(svc, actor, term_name, plans)
    data = governors.report_data(svc, actor, term_name)
    with svc.read(actor, Permission.VIEW_GOVERNORS_REPORT) as session:
        school = _school(session)
    return render_governors_report(
        data,
        school,
        data.as_of or svc.clock.today(),
        prepared_by=f"{actor.display_name}, {actor.role_names}",
    )


def certificates_pem(svc: AppServices, actor: Actor) -> bytes:
    """The school's signing certificates, for the Trust or LA to verify signed documents."""
    from apdesk.documents.certificates import certificate_to_pem

    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        found = signing_keys.school_certificates(session)
    if not found:
        raise InvalidInput("No signing certificate has been made yet.")
    return b"".join(certificate_to_pem(cert) for cert in found)


def trusted_roots(svc: AppServices) -> list[x509.Certificate]:
    """The school's root certificate(s): what a signed document must chain to."""
    with svc.read(SYSTEM) as session:
        return signing_keys.school_roots(session)


def signed_chain_head(svc: AppServices, pdf: bytes) -> tuple[str | None, str]:
    """The audit chain head a signed Annex B carries, if its signature is valid and the
    school's; else None and what `verify` said."""
    from apdesk.documents.verification import signed_audit_head, verify_pdf

    report = verify_pdf(pdf, trusted_roots(svc))
    return (signed_audit_head(pdf) if report.valid else None), report.summary


def verify(pdf: bytes, roots: Sequence[x509.Certificate]) -> VerificationReport:
    """Who signed, when, and whether the document is intact or was altered afterwards."""
    from apdesk.documents.verification import verify_pdf

    return verify_pdf(pdf, list(roots))


def recovery_sheet(store: Store, recovery_code: str, made_on: date) -> bytes:
    """The sheet for the school safe. Only at the moment the code is made: it is never kept."""
    from apdesk.documents.recovery_sheet import render_recovery_sheet

    with store.engine.connect() as conn:
        name = conn.execute(select(t.school.c.name)).scalar()
    return render_recovery_sheet(name or "APDesk", store.store_id, recovery_code, made_on)
