"""`RecordKind` names every kind of record an audit row, a change or a link is about.

Its values are the audit log's `entity` column, so they never change once written. A tab
lists the kinds whose changes reload it (`reload_on`) and the kinds it opens (`kinds`), so a
kind spelt wrongly is a type error, not a tab that silently never reloads. It sits in the
domain so that storage (the audit log) and the rules (a chronology's links) can name kinds
too.
"""

from __future__ import annotations

from enum import StrEnum


class RecordKind(StrEnum):
    """The kinds of record changes and audit rows are about (the audit log's `entity`)."""

    ACTION = "action"
    AP_REFERRAL = "ap_referral"
    ATTENDANCE = "attendance"
    CHECK = "check"  # a provider's vetting check, corrected or voided
    CHECK_PERIOD = "check_period"
    COMPLAINT = "complaint"
    EHCP = "pupil_ehcp"
    EVIDENCE_FILE = "evidence_file"
    EXPORT = "export"
    INCIDENT = "incident"
    OBJECTIVE = "objective"
    PARENT_CONTACT = "parent_contact"
    PARENT_FEEDBACK = "parent_feedback"
    PERMISSION = "permission"  # a refusal (audited, never broadcast)
    PLACEMENT = "placement"
    POLICY_WORDING = "policy_wording"
    PROVIDER = "provider"
    PUPIL = "pupil"
    REFERRAL = "referral"  # an incident's referral to an outside agency
    REVIEW = "review"
    SCHOOL = "school"  # the school's details, settings and calendar (terms, closures)
    SCHOOL_CA = "school_ca"
    SOCIAL_CARE = "pupil_social_care"
    STAFF = "staff"
    STAFF_TRAINING = "staff_training"
    STORE = "store"
    TERM = "term"
    VETTING_CHECK = "vetting_check"  # evidence added to a check (the provider's list is the same)
