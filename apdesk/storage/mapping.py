"""Imperative mapping: the domain's plain dataclasses onto the tables in `tables.py`.

Entities refer to each other by id; only owned child lists are relationships, and they
cascade, so saving a provider saves its sites, contacts and checks with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import RelationshipProperty, configure_mappers, registry, relationship

from apdesk.domain import entities as e
from apdesk.domain.training import StaffTraining
from apdesk.storage import tables as t

mapper_registry = registry(metadata=t.metadata)
_mapped = False


def _children(cls: type[Any], order_by: ColumnElement[Any]) -> RelationshipProperty[Any]:
    return relationship(cls, cascade="all, delete-orphan", order_by=order_by, lazy="selectin")


def map_domain() -> None:
    """Map every entity once per process (mapping twice is an error in SQLAlchemy)."""
    global _mapped
    if _mapped:
        return
    m = mapper_registry.map_imperatively
    m(e.Term, t.term)
    m(e.Closure, t.closure)
    m(
        e.School,
        t.school,
        properties={
            "terms": _children(e.Term, t.term.c.start),
            "closures": _children(e.Closure, t.closure.c.on),
        },
    )
    m(e.Staff, t.staff)
    m(e.Carer, t.carer)
    m(e.Pupil, t.pupil, properties={"carers": _children(e.Carer, t.carer.c.id)})
    _map_providers()
    _map_placements()
    _map_records()
    m(StaffTraining, t.staff_training)
    m(e.Complaint, t.complaint)
    m(e.SocialCare, t.pupil_social_care)
    m(e.EhcpDetails, t.pupil_ehcp)
    _mapped = True


def _map_providers() -> None:
    m = mapper_registry.map_imperatively
    m(e.Site, t.site)
    m(e.Contact, t.contact)
    m(e.VettingCheck, t.vetting_check)
    m(e.AnnexBItemState, t.annex_b_item)
    m(e.AnnexBSignOff, t.annex_b_signoff)
    m(
        e.Provider,
        t.provider,
        properties={
            "sites": _children(e.Site, t.site.c.id),
            "contacts": _children(e.Contact, t.contact.c.id),
            "checks": _children(e.VettingCheck, t.vetting_check.c.received_on),
            "annex_b": _children(e.AnnexBItemState, t.annex_b_item.c.id),
            "annex_b_signoffs": _children(e.AnnexBSignOff, t.annex_b_signoff.c.signed_on),
        },
    )


def _map_placements() -> None:
    m = mapper_registry.map_imperatively
    m(e.APReferral, t.ap_referral)
    m(e.Objective, t.objective)
    m(e.AnnexAItemState, t.annex_a_item)
    m(e.ParentContact, t.parent_contact)
    m(e.ParentFeedback, t.parent_feedback)
    m(
        e.Placement,
        t.placement,
        properties={
            "objectives": _children(e.Objective, t.objective.c.id),
            "annex_a": _children(e.AnnexAItemState, t.annex_a_item.c.id),
        },
    )


def _map_records() -> None:
    m = mapper_registry.map_imperatively
    m(e.AttendanceMark, t.attendance_mark)
    m(e.ReviewAttendee, t.review_attendee)
    m(e.ObjectiveProgress, t.objective_progress)
    m(
        e.Review,
        t.review,
        properties={
            "attendees": _children(e.ReviewAttendee, t.review_attendee.c.id),
            "progress": _children(e.ObjectiveProgress, t.objective_progress.c.id),
        },
    )
    m(e.Referral, t.referral)
    m(e.IncidentPupil, t.incident_pupil)
    m(
        e.Incident,
        t.incident,
        properties={
            "referrals": _children(e.Referral, t.referral.c.made_on),
            "pupil_links": _children(e.IncidentPupil, t.incident_pupil.c.id),
        },
    )
    m(e.Action, t.action)


def configure_now() -> None:
    """Let SQLAlchemy finish every mapper now (at the first query otherwise: tens of ms)."""
    configure_mappers()


map_domain()  # on import: see apdesk/storage/__init__.py for who imports this
