"""Make the stored store for the schema the checked-out program writes (see README.md).

Run from a checkout of the commit whose newest migration is the one being kept, e.g.
    git worktree add /tmp/at-0005 <commit> && cd /tmp/at-0005
    PYTHONPATH=. python tests/stores/make_store.py /path/to/tests/stores/schema-0005
It writes everything through the services (tests/services/builders.py), filling in what each
schema added where this checkout has it, so an upgrade must carry those values across.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from importlib import import_module
from pathlib import Path
from types import ModuleType

from apdesk.domain.clock import FixedClock
from apdesk.domain.enums import CheckKind, Role
from apdesk.services import school as school_service
from apdesk.services import staff
from apdesk.services.app_services import AppServices
from apdesk.storage import migrate
from apdesk.storage.store import StorePaths, create_store
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider

NOW = datetime(2026, 9, 1, 8)


def _module(name: str) -> ModuleType | None:
    try:
        return import_module(name)
    except ImportError:
        return None


def main(folder: Path) -> None:
    revision = migrate.head_revision()
    assert folder.name == f"schema-{revision}", f"this checkout writes schema {revision}"
    store, _ = create_store(
        StorePaths(folder), NOW, keyring=None, passphrase=f"schema-{revision}-test-passphrase"
    )
    store.set_meta("school_name", "Fictional Test School")
    svc = AppServices(store, FixedClock(NOW))
    head = staff.create_first_headteacher(
        svc, "head", "Alex Morgan (Head)", f"schema-{revision}-head-password"
    )
    staff.create_staff(svc, head, "dsl", "Sam Patel", [Role.DSL], f"schema-{revision}-dsl-password")
    dsl = staff.sign_in(svc, "dsl", f"schema-{revision}-dsl-password")
    add_school(svc, head)
    details = school_service.get_school(svc, head)
    assert details is not None
    if hasattr(details, "review_weeks_low"):  # 0003
        details.review_weeks_high, details.review_weeks_low = 1, 6
    if hasattr(details, "am_register_closes"):  # 0004
        details.am_register_closes = time(9, 45)
    if hasattr(details, "complaint_days_headteacher"):  # 0015
        details.complaint_days_headteacher = 15
    if hasattr(details, "school_type"):  # 0009
        from apdesk.domain.enums import SchoolType

        details.school_type = SchoolType.MAINTAINED
    school_service.save_school(svc, head, details)
    if "review_weeks_low" not in school_service.FIELDS and hasattr(details, "review_weeks_low"):
        with store.engine.begin() as conn:  # the columns came before the dialog's fields
            conn.exec_driver_sql("UPDATE school SET review_weeks_high = 1, review_weeks_low = 6")
    if hasattr(details, "retention_attendance_years"):  # 0013
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE school SET retention_attendance_years = 7")
    governors = _module("apdesk.services.governors")
    if governors is not None:  # the plans table is 0003's, its service came later
        governors.save_plans(svc, head, "Autumn 2026", "Visit every provider before half-term.")
    if revision >= "0005":
        from apdesk.domain import providers as rules
        from apdesk.services import providers

        kind = next(k for k in CheckKind if k not in rules.MUST_HAVE_EXPIRY)
        providers.set_check_period(svc, head, kind, 24)
    if revision >= "0010":
        from apdesk.services import policy

        policy.save_details(
            svc, head, policy.PolicyDetails("1.0", date(2026, 3, 1), "SSC", date(2027, 2, 1))
        )
    if revision >= "0012":
        from apdesk.domain.training import StaffTraining
        from apdesk.services import training

        training.save_training(
            svc, head, StaffTraining("Pat Helper", safeguarding_on=date(2026, 1, 5),
                                     safeguarding_expires_on=date(2027, 1, 4))
        )  # fmt: skip
    provider = vetted_provider(svc, dsl, NOW.date())
    pupil = add_pupil(svc, dsl)
    placement = proposed_placement(svc, dsl, pupil, provider, date(2026, 9, 14))
    if hasattr(placement, "dual_registered"):  # 0004
        from apdesk.services import placements

        placement.dual_registered = True
        placements.save_placement(svc, dsl, placement)
    if revision >= "0008":
        from apdesk.domain.entities import APReferral
        from apdesk.services import ap_referrals

        ap_referrals.save_ap_referral(
            svc, dsl, APReferral(pupil.id, date(2026, 8, 28), "Exclusions", "Head of Year 9")
        )
    if revision >= "0011":
        from apdesk.domain.subject_access import SubjectAccessRequest
        from apdesk.services import cp_transfer, subject_access

        cp_transfer.make_pack(svc, dsl, pupil.id, "Moorside High School", "Jane Holt")
        subject_access.record_request(
            svc, dsl, SubjectAccessRequest(pupil.id, "Parent A", "Mother", NOW.date())
        )
    if revision >= "0015":
        from apdesk.domain.entities import Complaint
        from apdesk.services import complaints

        complaints.save_complaint(
            svc, dsl, Complaint("Parent A", NOW.date(), provider.id, placement.id,
                                "Mother", "No escort at the gate")
        )  # fmt: skip
    if revision >= "0016":
        from apdesk.domain.entities import EhcpDetails, SocialCare
        from apdesk.services import multi_agency

        multi_agency.save_social_care(
            svc, dsl, SocialCare(pupil.id, "Dana Reid", "Northshire CSC",
                                 last_cp_conference_on=date(2026, 8, 30),
                                 next_cp_conference_on=date(2026, 11, 30))
        )  # fmt: skip
        multi_agency.save_ehcp(
            svc, dsl, EhcpDetails(pupil.id, "Northshire", "Lee Grant",
                                  last_annual_review_on=date(2026, 3, 2))
        )  # fmt: skip
    if revision >= "0017":
        from apdesk.domain.entities import ParentContact
        from apdesk.domain.enums import ParentContactKind, SentBy
        from apdesk.services import parents

        parents.save_contact(
            svc, dsl, ParentContact(placement.id, ParentContactKind.LETTER, NOW.date(),
                                    SentBy.POST, "Parent A")
        )  # fmt: skip
    svc.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
