"""Who may do what: the permission matrix as data, and the password and lockout rules.

Services call `require(actor.roles, Permission.X)`; the UI may hide what `allowed`
forbids, but the service is what refuses. Safeguarding detail (incidents, CP flags,
chronologies) is for the Headteacher, DSL and deputy DSL only (policy §13).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied


class Permission(StrEnum):
    VIEW_PUPILS = "view_pupils"
    EDIT_PUPILS = "edit_pupils"
    VIEW_PROVIDERS = "view_providers"
    EDIT_PROVIDERS = "edit_providers"
    VET_PROVIDERS = "vet_providers"
    VIEW_PLACEMENTS = "view_placements"
    EDIT_PLACEMENTS = "edit_placements"
    AUTHORISE_PLACEMENT = "authorise_placement"
    RECORD_ATTENDANCE = "record_attendance"
    VIEW_ATTENDANCE = "view_attendance"
    RECORD_REVIEWS = "record_reviews"
    VIEW_REVIEWS = "view_reviews"
    VIEW_INCIDENTS = "view_incidents"
    EDIT_INCIDENTS = "edit_incidents"
    RAISE_CONCERN = "raise_concern"
    VIEW_CP_FLAGS = "view_cp_flags"
    VIEW_CHRONOLOGY = "view_chronology"
    VIEW_ACTIONS = "view_actions"
    EDIT_ACTIONS = "edit_actions"
    PRINT_LETTERS = "print_letters"
    VIEW_REGISTER = "view_register"
    VIEW_GOVERNORS_REPORT = "view_governors_report"
    SIGN_ANNEX_B = "sign_annex_b"
    EDIT_SCHOOL = "edit_school"
    MANAGE_STAFF = "manage_staff"
    MANAGE_BACKUPS = "manage_backups"
    EXPORT_DATA = "export_data"
    VIEW_AUDIT = "view_audit"
    MERGE_PUPILS = "merge_pupils"
    REOPEN_INCIDENTS = "reopen_incidents"
    MANAGE_POLICY = "manage_policy"
    MANAGE_TRAINING = "manage_training"
    MANAGE_COMPLAINTS = "manage_complaints"
    VIEW_PARENT_CONTACTS = "view_parent_contacts"
    RECORD_PARENT_CONTACTS = "record_parent_contacts"
    TRANSFER_CP_FILE = "transfer_cp_file"
    SUBJECT_ACCESS = "subject_access"
    DISPOSE_RECORDS = "dispose_records"
    SET_RETENTION = "set_retention"
    MANAGE_SOCIAL_CARE = "manage_social_care"
    MANAGE_EHCP = "manage_ehcp"


#: What each permission lets someone do, worded to follow "cannot ...".
PERMISSION_PHRASES: dict[Permission, str] = {
    Permission.VIEW_PUPILS: "view pupil records",
    Permission.EDIT_PUPILS: "change pupil records",
    Permission.VIEW_PROVIDERS: "view provider records",
    Permission.EDIT_PROVIDERS: "change provider records",
    Permission.VET_PROVIDERS: "record provider vetting checks",
    Permission.VIEW_PLACEMENTS: "view placements",
    Permission.EDIT_PLACEMENTS: "change placements",
    Permission.AUTHORISE_PLACEMENT: "authorise placements",
    Permission.RECORD_ATTENDANCE: "record attendance",
    Permission.VIEW_ATTENDANCE: "view attendance",
    Permission.RECORD_REVIEWS: "record reviews",
    Permission.VIEW_REVIEWS: "view reviews",
    Permission.VIEW_INCIDENTS: "view incident records",
    Permission.EDIT_INCIDENTS: "record or change incidents",
    Permission.RAISE_CONCERN: "raise a safeguarding concern",
    Permission.VIEW_CP_FLAGS: "view child-protection status",
    Permission.VIEW_CHRONOLOGY: "view a pupil's chronology",
    Permission.VIEW_ACTIONS: "view actions",
    Permission.EDIT_ACTIONS: "change actions",
    Permission.PRINT_LETTERS: "print letters to parents",
    Permission.VIEW_REGISTER: "view the register of pupils in AP",
    Permission.VIEW_GOVERNORS_REPORT: "view the governors' report",
    Permission.SIGN_ANNEX_B: "sign off the Annex B compliance checklist",
    Permission.EDIT_SCHOOL: "change the school's details or calendar",
    Permission.MANAGE_STAFF: "manage staff accounts",
    Permission.MANAGE_BACKUPS: "manage backups",
    Permission.EXPORT_DATA: "export data",
    Permission.VIEW_AUDIT: "view the audit log",
    Permission.MERGE_PUPILS: "merge or remove a pupil entered twice",
    Permission.REOPEN_INCIDENTS: "reopen a closed incident",
    Permission.MANAGE_POLICY: "change the AP policy's details or its checklist wording",
    Permission.MANAGE_TRAINING: "view or record staff training",
    Permission.MANAGE_COMPLAINTS: "view or record complaints",
    Permission.VIEW_PARENT_CONTACTS: "view contacts with parents and their feedback",
    Permission.RECORD_PARENT_CONTACTS: "record contacts with parents, letters sent or feedback",
    Permission.TRANSFER_CP_FILE: "send a child-protection file to another school (the DSL does)",
    Permission.SUBJECT_ACCESS: "handle subject access requests",
    Permission.DISPOSE_RECORDS: "review or dispose of records past their retention period",
    Permission.SET_RETENTION: "change how long records are kept (the Headteacher does)",
    Permission.MANAGE_SOCIAL_CARE: (
        "view or record a pupil's social worker, virtual school head and social care meetings"
    ),
    Permission.MANAGE_EHCP: "view or record a pupil's EHCP details",
}

ROLE_NAMES: dict[Role, str] = {
    Role.HEADTEACHER: "Headteacher",
    Role.DSL: "Designated Safeguarding Lead",
    Role.DEPUTY_DSL: "Deputy DSL",
    Role.INCLUSION_LEAD: "Inclusion lead",
    Role.ATTENDANCE_LEAD: "Attendance lead",
    Role.GOVERNOR: "Governor",
    Role.ADMINISTRATOR: "Administrator",
}

P = Permission
# fmt: off
_CHILD_WORK = frozenset({
    P.VIEW_PUPILS, P.VIEW_PROVIDERS, P.VIEW_PLACEMENTS, P.RECORD_ATTENDANCE,
    P.VIEW_ATTENDANCE, P.RECORD_REVIEWS, P.VIEW_REVIEWS, P.VIEW_ACTIONS, P.EDIT_ACTIONS,
    P.PRINT_LETTERS, P.VIEW_REGISTER, P.VIEW_GOVERNORS_REPORT, P.RAISE_CONCERN,
})
_SAFEGUARDING = frozenset({
    P.VIEW_INCIDENTS, P.EDIT_INCIDENTS, P.VIEW_CP_FLAGS, P.VIEW_CHRONOLOGY,
    P.MANAGE_SOCIAL_CARE, P.MANAGE_EHCP,
})
_DSL = _CHILD_WORK | _SAFEGUARDING | {
    P.EDIT_PUPILS, P.EDIT_PROVIDERS, P.VET_PROVIDERS, P.EDIT_PLACEMENTS,
}
# Contact with parents (§10): kept by those who work with the family; the Headteacher reads
# it (and signs Annex B §5 on it); governors and the Administrator see none of it.
_PARENTS = frozenset({P.VIEW_PARENT_CONTACTS, P.RECORD_PARENT_CONTACTS})

#: The permission matrix. Change it here, and in the table the tests check it against.
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.HEADTEACHER: _DSL | {
        P.AUTHORISE_PLACEMENT, P.SIGN_ANNEX_B, P.EDIT_SCHOOL, P.MANAGE_STAFF,
        P.MANAGE_BACKUPS, P.EXPORT_DATA, P.VIEW_AUDIT, P.MERGE_PUPILS, P.REOPEN_INCIDENTS,
        P.MANAGE_POLICY, P.MANAGE_TRAINING, P.MANAGE_COMPLAINTS, P.SUBJECT_ACCESS,
        P.DISPOSE_RECORDS, P.SET_RETENTION, P.VIEW_PARENT_CONTACTS,
    },
    Role.DSL: _DSL | _PARENTS | {
        P.EXPORT_DATA, P.VIEW_AUDIT, P.MERGE_PUPILS, P.REOPEN_INCIDENTS, P.MANAGE_TRAINING,
        P.MANAGE_COMPLAINTS, P.TRANSFER_CP_FILE, P.SUBJECT_ACCESS, P.DISPOSE_RECORDS,
    },
    Role.DEPUTY_DSL: _DSL | _PARENTS | {P.MANAGE_COMPLAINTS},
    Role.INCLUSION_LEAD: _CHILD_WORK | _PARENTS | {P.EDIT_PUPILS, P.EDIT_PLACEMENTS, P.MANAGE_EHCP},
    Role.ATTENDANCE_LEAD: _CHILD_WORK | _PARENTS,
    Role.GOVERNOR: frozenset({P.VIEW_REGISTER, P.VIEW_GOVERNORS_REPORT}),
    Role.ADMINISTRATOR: frozenset(
        {P.MANAGE_STAFF, P.MANAGE_BACKUPS, P.EDIT_SCHOOL, P.MANAGE_TRAINING}
    ),
}
# fmt: on


def permissions_for(roles: Iterable[Role]) -> frozenset[Permission]:
    """Everything any of the roles allows."""
    granted: frozenset[Permission] = frozenset()
    for role in roles:
        granted |= MATRIX[Role(role)]
    return granted


def allowed(roles: Iterable[Role], permission: Permission) -> bool:
    return permission in permissions_for(roles)


def require(roles: Iterable[Role], permission: Permission) -> None:
    """Raise PermissionDenied, naming the roles and the action, unless a role allows it."""
    held = list(roles)
    if allowed(held, permission):
        return
    names = ", ".join(ROLE_NAMES[Role(r)] for r in held) or "no role"
    noun = "roles" if len(held) > 1 else "role"
    raise PermissionDenied(f"Your {noun} ({names}) cannot {PERMISSION_PHRASES[permission]}.")


MIN_PASSWORD_LENGTH = 12
LOCKOUT_FAILURES = 10
LOCKOUT_WINDOW = timedelta(minutes=5)


def check_password_strength(password: str) -> None:
    """Raise InvalidInput unless the password has at least 12 characters (no other rule)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long; "
            f"this one has {len(password)}. A few unrelated words make a good one."
        )


def is_locked_out(failures: Iterable[datetime], now: datetime) -> bool:
    """True when 10 or more sign-ins failed in the 5 minutes up to `now`."""
    recent = [f for f in failures if now - LOCKOUT_WINDOW <= f <= now]
    return len(recent) >= LOCKOUT_FAILURES


def may_manage_account(actor_roles: Iterable[Role], account_roles: Iterable[Role]) -> bool:
    """Whether someone may create, reset, close or change an account with these roles.

    The Headteacher may manage any account. Anyone else who manages staff (the
    Administrator) may manage only accounts that can do nothing they cannot do themselves:
    otherwise an administrator could make, or take over, an account that sees children.
    """
    held = list(actor_roles)
    if Role.HEADTEACHER in held:
        return True
    return allowed(held, Permission.MANAGE_STAFF) and permissions_for(account_roles) <= (
        permissions_for(held)
    )
