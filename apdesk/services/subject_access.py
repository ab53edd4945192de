"""Subject access requests: record one, see when it is due (one calendar month), make the
pupil's data as a PDF and a JSON file (third parties redacted where the DSL chooses), and
mark it completed. Each step is audited."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row

from apdesk.domain import subject_access as rules
from apdesk.domain.entities import Pupil
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.subject_access import SubjectAccessRequest
from apdesk.domain.text import LINE_MAX, check_text
from apdesk.services import pupil_file
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch
from apdesk.services.school import find_school
from apdesk.storage import tables as t


@dataclass(frozen=True)
class RequestRow:
    request: SubjectAccessRequest
    pupil: str


@dataclass(frozen=True)
class Disclosure:
    """The bundle for the requester: the PDF and the same data as JSON."""

    pdf: bytes
    json: bytes


def _request(row: Row[tuple[object, ...]]) -> SubjectAccessRequest:
    m = row._mapping
    return SubjectAccessRequest(
        m["pupil_id"], m["requester"], m["relationship"], m["received_on"], m["scope"],
        m["completed_on"], m["id"],
    )  # fmt: skip


def record_request(
    svc: AppServices, actor: Actor, request: SubjectAccessRequest
) -> SubjectAccessRequest:
    """Keep the request; its due date follows from the day it was received."""
    check_text(request.requester, "Who asked", LINE_MAX)
    check_text(request.relationship, "Their relationship", LINE_MAX)
    check_text(request.scope, "What they asked for")
    with svc.work(actor, Permission.SUBJECT_ACCESS) as uow:
        fetch(uow.session, Pupil, request.pupil_id, "pupil")
        others = [
            _request(r)
            for r in uow.session.execute(
                select(t.subject_access_request).where(
                    t.subject_access_request.c.pupil_id == request.pupil_id
                )
            )
        ]
        rules.check_request(request, uow.now.date(), others)
        clean = replace(
            request,
            requester=request.requester.strip(),
            relationship=request.relationship.strip(),
            scope=request.scope.strip(),
        )
        new_id: int = uow.session.execute(
            insert(t.subject_access_request)
            .values(
                pupil_id=clean.pupil_id,
                requester=clean.requester,
                relationship=clean.relationship,
                received_on=clean.received_on,
                scope=clean.scope,
                recorded_by=actor.staff_id,
            )
            .returning(t.subject_access_request.c.id)
        ).scalar_one()
        uow.audit(
            "subject_access.recorded",
            RecordKind.PUPIL,
            clean.pupil_id,
            new={
                "request": new_id,
                "requester": clean.requester,
                "relationship": clean.relationship,
                "received_on": clean.received_on.isoformat(),
                "due_on": clean.due_on.isoformat(),
                "scope": clean.scope,
            },
        )
    return replace(clean, id=new_id)


def _get(session: object, request_id: int) -> SubjectAccessRequest:
    row = session.execute(  # type: ignore[attr-defined]
        select(t.subject_access_request).where(t.subject_access_request.c.id == request_id)
    ).first()
    if row is None:
        raise InvalidInput("That subject access request could not be found.")
    return _request(row)


def list_requests(svc: AppServices, actor: Actor, open_only: bool = False) -> list[RequestRow]:
    with svc.read(actor, Permission.SUBJECT_ACCESS) as session:
        query = select(t.subject_access_request).order_by(t.subject_access_request.c.received_on)
        if open_only:
            query = query.where(t.subject_access_request.c.completed_on.is_(None))
        return [
            RequestRow(
                request := _request(r),
                fetch(session, Pupil, request.pupil_id, "pupil").display_name,
            )
            for r in session.execute(query)
        ]


def disclose(
    svc: AppServices, actor: Actor, request_id: int, redact: bool, extra_names: tuple[str, ...] = ()
) -> Disclosure:
    """The pupil's data for this request as PDF and JSON. With `redact`, other pupils',
    staff's, provider contacts', reporters' and review attendees' names (and any extra names
    the DSL gives) read [redacted]. Audited: who made it, for which request, redacted or not."""
    with svc.read(actor, Permission.SUBJECT_ACCESS) as session:
        request = _get(session, request_id)
        file = pupil_file.gather(session, svc, request.pupil_id, everything=True)
        if redact or extra_names:
            names = (
                [*pupil_file.third_parties(session, file), *extra_names]
                if redact
                else list(extra_names)
            )
            file = pupil_file.redacted(file, names)
        school = find_school(session)
        if school is None:
            raise InvalidInput("Enter the school's details first: they head every document.")
        about = [
            ("Requested by", f"{request.requester} ({request.relationship})"),
            ("Received", format_date(request.received_on)),
            ("Due by", format_date(request.due_on)),
            ("Asked for", request.scope or "All the pupil's data"),
        ]
        from apdesk.documents.pupil_file import pupil_file_json, render_subject_access  # slow

        pdf = render_subject_access(
            file,
            school,
            svc.clock.today(),
            f"{actor.display_name}, {actor.role_names}",
            about,
            redacted=bool(redact or extra_names),
        )
        data = pupil_file_json(
            file,
            {
                "requester": request.requester,
                "relationship": request.relationship,
                "received_on": request.received_on.isoformat(),
                "due_on": request.due_on.isoformat(),
                "scope": request.scope,
                "redacted": bool(redact or extra_names),
                "prepared_on": svc.clock.today().isoformat(),
            },
        )
    svc.audit_look(
        actor,
        "subject_access.disclosed",
        RecordKind.PUPIL,
        request.pupil_id,
        {"request": request_id, "redacted": bool(redact), "extra_names": len(extra_names)},
    )
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return Disclosure(pdf, text.encode("utf-8"))


def complete(
    svc: AppServices, actor: Actor, request_id: int, completed_on: date
) -> SubjectAccessRequest:
    with svc.work(actor, Permission.SUBJECT_ACCESS) as uow:
        request = _get(uow.session, request_id)
        rules.check_completion(request, completed_on, uow.now.date())
        uow.session.execute(
            update(t.subject_access_request)
            .where(t.subject_access_request.c.id == request_id)
            .values(completed_on=completed_on, completed_by=actor.staff_id)
        )
        uow.audit(
            "subject_access.completed",
            RecordKind.PUPIL,
            request.pupil_id,
            new={"request": request_id, "completed_on": completed_on.isoformat()},
        )
    return replace(request, completed_on=completed_on)


def describe(row: RequestRow, today: date) -> str:
    r = row.request
    if r.completed_on:
        state = f"completed {format_date(r.completed_on)}"
    else:
        state = ("OVERDUE, was due " if r.overdue(today) else "due ") + format_date(r.due_on)
    return (
        f"#{r.id} {row.pupil}: {r.requester} ({r.relationship}), received "
        f"{format_date(r.received_on)}, {state}"
    )
