"""Communication with parents about a placement (§10, Annex B §5): letters and notices sent,
contacts, progress updates, feedback forms sent, and the parents' feedback.

The rules are `apdesk.domain.parents`. Reading needs VIEW_PARENT_CONTACTS (the Headteacher,
the DSLs, the inclusion and attendance leads); recording needs RECORD_PARENT_CONTACTS (the
same, less the Headteacher, who reads them to sign Annex B). Printing a letter or notice
(`services.documents.parent_letters`) keeps it as printed, not yet sent (`note_printed`),
until someone records how it went and to whom (`record_sent`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import parents as rules
from apdesk.domain.entities import ParentContact, ParentFeedback, Placement, Pupil
from apdesk.domain.enums import ParentContactKind, PlacementReason, SentBy
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text, check_text
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch, name_for, persisted_id, placement_pupils, pupil_names
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import UnitOfWork, snapshot
from apdesk.storage import tables as t

CONTACT_FIELDS = ("placement_id", "kind", "on", "sent_by", "with_whom", "summary", "printed_on")
FEEDBACK_FIELDS = (
    "placement_id",
    "received_on",
    "from_whom",
    "stage",
    *(name for name, _ in rules.QUESTIONS),
    "comments",
)


@dataclass(frozen=True)
class ParentRecords:
    """Everything kept about one placement's parents, newest first."""

    contacts: list[ParentContact]
    feedback: list[ParentFeedback]


@dataclass(frozen=True)
class UnsentLetter:
    """A letter or notice printed and not recorded as sent by the day it should have been."""

    contact: ParentContact
    pupil: str
    due: date


def contacts_in(session: DbSession, placement_ids: list[int] | None = None) -> list[ParentContact]:
    """Contacts, oldest first (all, or those of the placements named)."""
    query = select(ParentContact).order_by(t.parent_contact.c.id)
    if placement_ids is not None:
        query = query.where(t.parent_contact.c.placement_id.in_(placement_ids))
    return list(session.scalars(query))


def feedback_in(session: DbSession, placement_ids: list[int] | None = None) -> list[ParentFeedback]:
    """Feedback, oldest first (all, or that of the placements named)."""
    query = select(ParentFeedback).order_by(t.parent_feedback.c.received_on, t.parent_feedback.c.id)
    if placement_ids is not None:
        query = query.where(t.parent_feedback.c.placement_id.in_(placement_ids))
    return list(session.scalars(query))


def _newest_first(contact: ParentContact) -> tuple[date, int]:
    return (contact.on or contact.printed_on or date.min, contact.id or 0)


def records_for(svc: AppServices, actor: Actor, placement_id: int) -> ParentRecords:
    """The placement's contacts (unsent letters first, then newest first) and feedback."""
    with svc.read(actor, Permission.VIEW_PARENT_CONTACTS) as session:
        fetch(session, Placement, placement_id, "placement")
        contacts = sorted(contacts_in(session, [placement_id]), key=_newest_first, reverse=True)
        contacts.sort(key=lambda c: c.is_sent)
        feedback = list(reversed(feedback_in(session, [placement_id])))
        return ParentRecords(contacts, feedback)


def get_contact(svc: AppServices, actor: Actor, contact_id: int) -> ParentContact:
    with svc.read(actor, Permission.VIEW_PARENT_CONTACTS) as session:
        return fetch(session, ParentContact, contact_id, "contact with parents")


def _check_contact_text(contact: ParentContact) -> None:
    check_record_text(contact, "contact")
    check_text(contact.summary, "The contact's summary", rules.SUMMARY_MAX)


def save_contact(svc: AppServices, actor: Actor, contact: ParentContact) -> ParentContact:
    """Record a letter, notice, update or form sent, or a contact; or change one."""
    _check_contact_text(contact)
    with svc.work(actor, Permission.RECORD_PARENT_CONTACTS) as uow:
        session = uow.session
        fetch(session, Placement, contact.placement_id, "placement")
        stored = session.get(ParentContact, contact.id) if contact.id else None
        if contact.id and stored is None:
            raise InvalidInput("That contact could not be found. It may have been removed.")
        if stored is not None:  # the day APDesk printed it is APDesk's, not the form's
            contact = replace(contact, printed_on=stored.printed_on)
        problems = rules.contact_problems(contact, uow.now.date())
        if problems:
            raise InvalidInput(" ".join(problems))
        old = snapshot(stored, *CONTACT_FIELDS) if stored else None
        if stored is None:
            stored = ParentContact(contact.placement_id, contact.kind, recorded_by=actor.staff_id)
            session.add(stored)
        for name in CONTACT_FIELDS:
            setattr(stored, name, getattr(contact, name))
        stored.with_whom = stored.with_whom.strip()
        session.flush()
        action = "parent_contact.record" if old is None else "parent_contact.save"
        if old is not None and old["on"] is None and stored.on is not None:
            action = "parent_contact.sent"
        new = snapshot(stored, *CONTACT_FIELDS)
        uow.audit(action, RecordKind.PARENT_CONTACT, stored.id, old=old, new=new)
        return replace(stored)


def record_sent(
    svc: AppServices,
    actor: Actor,
    contact_id: int,
    on: date,
    sent_by: SentBy | None,
    with_whom: str,
) -> ParentContact:
    """A printed letter or notice recorded as sent: the day, how and to whom."""
    contact = get_contact(svc, actor, contact_id)
    return save_contact(
        svc, actor, replace(contact, on=on, sent_by=sent_by, with_whom=with_whom.strip())
    )


@dataclass(frozen=True)
class PrintedLetter:
    """A letter or notice printed and not yet recorded as sent, with whom it might go to."""

    contact: ParentContact
    pupil: str
    carers: tuple[str, ...]  # the pupil's parents and carers, those with responsibility first

    @property
    def id(self) -> int:
        return persisted_id(self.contact)


def unsent_for(svc: AppServices, actor: Actor, placement_ids: list[int]) -> list[PrintedLetter]:
    """The printed letters and notices of these placements not yet recorded as sent."""
    with svc.read(actor, Permission.VIEW_PARENT_CONTACTS) as session:
        found = []
        for contact in contacts_in(session, placement_ids):
            if contact.is_sent:
                continue
            placement = fetch(session, Placement, contact.placement_id, "placement")
            pupil = fetch(session, Pupil, placement.pupil_id, "pupil")
            carers = sorted(pupil.carers, key=lambda c: not c.parental_responsibility)
            found.append(PrintedLetter(contact, pupil.display_name, tuple(c.name for c in carers)))
        return found


def note_printed(uow: UnitOfWork, placement: Placement) -> ParentContact:
    """The letter (or off-site direction notice) just printed for this placement, kept as
    printed and not yet sent; a second copy printed before the first is recorded as sent
    is the same letter, not another one."""
    kind = (
        ParentContactKind.DIRECTION_NOTICE
        if placement.reason is PlacementReason.OFFSITE_DIRECTION
        else ParentContactKind.LETTER
    )
    pid = persisted_id(placement)
    waiting = [c for c in contacts_in(uow.session, [pid]) if c.kind is kind and not c.is_sent]
    if waiting:
        return waiting[0]
    contact = ParentContact(
        pid, kind, printed_on=uow.now.date(), recorded_by=uow.actor.staff_id or None
    )
    uow.session.add(contact)
    uow.session.flush()
    uow.audit(
        "parent_contact.printed",
        RecordKind.PARENT_CONTACT,
        contact.id,
        new=snapshot(contact, *CONTACT_FIELDS),
    )
    return contact


def unsent_letters(svc: AppServices, actor: Actor) -> list[UnsentLetter]:
    """Letters and notices printed and still not recorded as sent a few school days later."""
    today = svc.clock.today()
    with svc.read(actor, Permission.RECORD_PARENT_CONTACTS) as session:
        calendar = school_calendar(session)
        pupils = pupil_names(session)
        placement_pupil = placement_pupils(session)
        found = []
        for contact in contacts_in(session):
            due = rules.unsent_since(contact, today, calendar)
            if due is not None:
                pupil = name_for(pupils, placement_pupil.get(contact.placement_id or -1), "?")
                found.append(UnsentLetter(contact, pupil, due))
        return found


def save_feedback(svc: AppServices, actor: Actor, feedback: ParentFeedback) -> ParentFeedback:
    """Record a parent's feedback, or correct it."""
    check_record_text(feedback, "feedback")
    check_text(feedback.comments, "The feedback's comments", rules.COMMENTS_MAX)
    with svc.work(actor, Permission.RECORD_PARENT_CONTACTS) as uow:
        session = uow.session
        placement = fetch(session, Placement, feedback.placement_id, "placement")
        stored = session.get(ParentFeedback, feedback.id) if feedback.id else None
        if feedback.id and stored is None:
            raise InvalidInput("That feedback could not be found. It may have been removed.")
        problems = rules.feedback_problems(feedback, uow.now.date(), placement)
        if problems:
            raise InvalidInput(" ".join(problems))
        old = snapshot(stored, *FEEDBACK_FIELDS) if stored else None
        if stored is None:
            stored = ParentFeedback(
                feedback.placement_id,
                feedback.received_on,
                feedback.from_whom,
                recorded_by=actor.staff_id,
            )
            session.add(stored)
        for name in FEEDBACK_FIELDS:
            setattr(stored, name, getattr(feedback, name))
        stored.from_whom = stored.from_whom.strip()
        session.flush()
        action = "parent_feedback.record" if old is None else "parent_feedback.save"
        new = snapshot(stored, *FEEDBACK_FIELDS)
        uow.audit(action, RecordKind.PARENT_FEEDBACK, stored.id, old=old, new=new)
        return replace(stored)
