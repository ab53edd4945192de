"""Domain entities: plain dataclasses with `id` fields, mapped to tables by storage.

Entities refer to each other by id (`Placement.pupil_id`), never by object, and own
their child records as lists (`Provider.sites`, `Incident.pupil_links`).
"""

from apdesk.domain.entities.actions import Action
from apdesk.domain.entities.ap_referrals import APReferral
from apdesk.domain.entities.attendance import AttendanceMark
from apdesk.domain.entities.checklist_state import (
    AnnexAItemState,
    AnnexBItemState,
    AnnexBSignOff,
    ChecklistItemState,
)
from apdesk.domain.entities.complaints import Complaint
from apdesk.domain.entities.incidents import Incident, IncidentPupil, Referral
from apdesk.domain.entities.multi_agency import EhcpDetails, SocialCare
from apdesk.domain.entities.parents import ParentContact, ParentFeedback
from apdesk.domain.entities.people import Carer, Closure, Pupil, School, Staff, Term
from apdesk.domain.entities.placements import Objective, Placement
from apdesk.domain.entities.providers import Contact, Provider, Site, VettingCheck
from apdesk.domain.entities.reviews import ObjectiveProgress, Review, ReviewAttendee

__all__ = [
    "APReferral",
    "Action",
    "AnnexAItemState",
    "AnnexBItemState",
    "AnnexBSignOff",
    "AttendanceMark",
    "Carer",
    "ChecklistItemState",
    "Closure",
    "Complaint",
    "Contact",
    "EhcpDetails",
    "Incident",
    "IncidentPupil",
    "Objective",
    "ObjectiveProgress",
    "ParentContact",
    "ParentFeedback",
    "Placement",
    "Provider",
    "Pupil",
    "Referral",
    "Review",
    "ReviewAttendee",
    "School",
    "Site",
    "SocialCare",
    "Staff",
    "Term",
    "VettingCheck",
]
