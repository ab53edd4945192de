"""A pupil's multi-agency details (§7, §11, §16): who else works with the child, and when
their meetings fall.

Two records per pupil at most, kept apart because different people may see them:
`SocialCare` (social worker, virtual school head and PEP, child-protection conference,
child-in-need and looked-after review dates) is safeguarding detail for the DSL, deputy DSL
and Headteacher; `EhcpDetails` (the EHCP's local authority, caseworker and annual review)
is also the inclusion lead's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class SocialCare:
    """Children's social care around one pupil: the social worker, the virtual school head
    (for a looked-after child) and the last and next date of each statutory meeting."""

    pupil_id: int | None
    social_worker: str = ""
    social_worker_team: str = ""  # the team and local authority
    social_worker_contact: str = ""  # phone or email
    virtual_school_head: str = ""
    virtual_school_contact: str = ""
    last_pep_on: date | None = None
    next_pep_on: date | None = None
    last_cp_conference_on: date | None = None
    next_cp_conference_on: date | None = None
    last_cin_review_on: date | None = None
    next_cin_review_on: date | None = None
    last_cla_review_on: date | None = None
    next_cla_review_on: date | None = None
    id: int | None = None


@dataclass
class EhcpDetails:
    """An education, health and care plan's local authority, caseworker and annual review."""

    pupil_id: int | None
    local_authority: str = ""
    caseworker: str = ""
    caseworker_contact: str = ""
    last_annual_review_on: date | None = None
    next_annual_review_on: date | None = None
    id: int | None = None
