"""People and the school: School (with its terms and closures), Staff, Pupil and Carer.

Plain dataclasses, mapped to tables by `apdesk.storage`; password hashes are not
domain data and live only in storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from apdesk.domain.enums import Role, SchoolType, SenStatus


@dataclass(frozen=True)
class PolicySeed:
    """The policy's front page as the school's AP policy v1.0 gives it (months as their 1st)."""

    version: str = "1.0"
    approved_on: date = date(2026, 3, 1)
    approving_body: str = "School Standards Committee (SSC)"
    review_on: date = date(2027, 3, 1)


POLICY_SEED = PolicySeed()


@dataclass
class Term:
    """One term (or half term) as the school sets it: first and last school day, inclusive."""

    name: str
    start: date
    end: date
    school_id: int | None = None
    id: int | None = None


@dataclass
class Closure:
    """A day the school has closed (INSET day, snow day): not a school day."""

    on: date
    reason: str = ""
    school_id: int | None = None
    id: int | None = None


@dataclass
class School:
    """The one school using the program; its details appear on every letter."""

    name: str
    address: str = ""
    urn: str = ""
    local_authority: str = ""
    #: None until someone says; letters then cite no statute they may not fall under.
    school_type: SchoolType | None = None
    phone: str = ""
    email: str = ""
    headteacher: str = ""
    dsl: str = ""
    dsl_phone: str = ""
    dsl_email: str = ""
    deputy_dsl: str = ""
    complaint_route: str = ""
    # School weeks between reviews after the first month, by risk level (None: the policy's).
    review_weeks_high: int | None = None
    review_weeks_medium: int | None = None
    review_weeks_low: int | None = None
    # School days each complaint stage has to be answered in (None: domain/complaints.py's).
    complaint_days_headteacher: int | None = None
    complaint_days_provider: int | None = None
    complaint_days_local_authority: int | None = None
    complaint_days_ofsted: int | None = None
    # Years each class of record is kept (None: domain/retention.py's); the Headteacher's.
    retention_attendance_years: int | None = None
    retention_ap_cp_years: int | None = None
    retention_sen_years: int | None = None
    # When each session's register closes: an expected session unmarked after it is absent.
    am_register_closes: time = time(10, 0)
    pm_register_closes: time = time(14, 30)
    # The AP policy's own front page (§19): seeded from v1.0, kept up to date by the Headteacher.
    policy_version: str = POLICY_SEED.version
    policy_approved_on: date | None = POLICY_SEED.approved_on
    policy_approving_body: str = POLICY_SEED.approving_body
    policy_review_on: date | None = POLICY_SEED.review_on
    terms: list[Term] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    id: int | None = None


@dataclass
class Staff:
    """A member of staff who signs in; what they may do follows from `roles`."""

    username: str
    display_name: str
    roles: list[Role] = field(default_factory=list)
    email: str = ""
    active: bool = True
    id: int | None = None


@dataclass
class Carer:
    """A parent or carer of a pupil, with contact details."""

    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    parental_responsibility: bool = True
    pupil_id: int | None = None
    id: int | None = None


def display_name(preferred_name: str, legal_first_name: str, legal_last_name: str) -> str:
    """How a pupil is named on screen: preferred first name (or legal first name) and legal
    surname. Lists that read only the names call this on plain rows."""
    return f"{preferred_name or legal_first_name} {legal_last_name}"


def legal_name(legal_first_name: str, legal_last_name: str) -> str:
    """How documents and exports for the Trust, the LA and the MIS name a pupil; plain rows
    call this too."""
    return f"{legal_first_name} {legal_last_name}"


@dataclass
class Pupil:
    """A pupil on the school's roll (they stay on roll while in AP)."""

    legal_first_name: str
    legal_last_name: str
    date_of_birth: date
    upn: str = ""
    preferred_name: str = ""
    year_group: int | None = None
    sen_status: SenStatus = SenStatus.NONE
    cp_plan: bool = False
    child_in_need: bool = False
    looked_after: bool = False
    carers: list[Carer] = field(default_factory=list)
    id: int | None = None

    @property
    def display_name(self) -> str:
        """Preferred first name (or legal first name) and legal surname."""
        return display_name(self.preferred_name, self.legal_first_name, self.legal_last_name)

    @property
    def legal_name(self) -> str:
        return legal_name(self.legal_first_name, self.legal_last_name)
