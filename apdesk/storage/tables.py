"""Table definitions (SQLAlchemy Core). Domain classes are mapped onto them in `mapping.py`.

Changing a table here needs a new Alembic migration in `migrations/versions/`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    text,
)

from apdesk.domain.enums import (
    ActionSource,
    ActionStatus,
    Agency,
    APReferralDecision,
    AttendeeParty,
    CheckKind,
    ComplaintOutcome,
    ComplaintStage,
    FeedbackAnswer,
    FeedbackStage,
    IncidentCategory,
    IncidentStatus,
    ObjectiveArea,
    ParentContactKind,
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    ProviderKind,
    PupilRole,
    ReportMethod,
    ReviewKind,
    RiskLevel,
    SchoolType,
    SenStatus,
    SentBy,
    Session,
    SettingType,
    SiteKind,
)
from apdesk.storage.types import RoleList, enum_column_type

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(64)),
    Column("old", Text),
    Column("new", Text),
    Column("reason", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # a placement's risk-level changes are its placement.save rows (services/review_plans.py)
    Index("ix_audit_log_entity_action", "entity", "action"),
    sqlite_autoincrement=True,
)

# Each row's hash before a re-chaining (migration 0013 digested free text): storage/audit.py.
audit_rechain = Table(
    "audit_rechain",
    metadata,
    Column("step", Integer, primary_key=True),
    Column("row_id", Integer, primary_key=True),
    Column("old_hash", String(64), nullable=False),
    Column("digested", Boolean, nullable=False),
)

# Each pupil's own key for what its audit rows say about who the pupil is (decision 0015,
# storage/pupil_keys.py). Deleting it, when the pupil's file is disposed of, leaves those
# values unreadable in the append-only log. No foreign key: a removed pupil's key, or a
# merged duplicate's (`merged_into` the record kept), stays until that file is disposed of.
pupil_audit_key = Table(
    "pupil_audit_key",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pupil_id", Integer, nullable=False, index=True),
    Column("key", LargeBinary, nullable=False),
    Column("merged_into", Integer, index=True),
)


# --- The domain (mapped onto the dataclasses in apdesk.domain.entities by mapping.py) ---
def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _fk(name: str, target: str, *, nullable: bool = True, cascade: bool = False) -> Column[int]:
    ondelete = "CASCADE" if cascade else None
    return Column(
        name, Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
    )


def _text(name: str) -> Column[str]:
    return Column(name, Text, nullable=False, server_default="")


def _flag(name: str) -> Column[bool]:
    return Column(name, Boolean, nullable=False, server_default="0")


school = Table(
    "school",
    metadata,
    _id(),
    Column("name", String(200), nullable=False),
    *(
        _text(n)
        for n in (
            "address",
            "urn",
            "local_authority",
            "phone",
            "email",
            "headteacher",
            "dsl",
            "dsl_phone",
            "dsl_email",
            "deputy_dsl",
            "complaint_route",
        )
    ),
    *(Column(f"review_weeks_{risk}", Integer) for risk in ("high", "medium", "low")),
    # Years records are kept (None: domain/retention.py's), set by the Headteacher.
    *(Column(f"retention_{kind}_years", Integer) for kind in ("attendance", "ap_cp", "sen")),
    # School days each complaint stage has (None: domain/complaints.py's defaults).
    *(
        Column(f"complaint_days_{stage}", Integer)
        for stage in ("headteacher", "provider", "local_authority", "ofsted")
    ),
    Column("am_register_closes", Time, nullable=False, server_default="10:00:00"),
    Column("pm_register_closes", Time, nullable=False, server_default="14:30:00"),
    Column("school_type", enum_column_type(SchoolType)),
    # The AP policy itself (§19), seeded from its front page: v1.0, March 2026, March 2027.
    Column("policy_version", String(20), nullable=False, server_default="1.0"),
    Column("policy_approved_on", Date),
    Column("policy_approving_body", String(200), nullable=False, server_default=""),
    Column("policy_review_on", Date),
)
# Each version of the Annex A and Annex B wording loaded (policy_wording.parse_wording); the
# newest loaded is in force, else the shipped one.
policy_wording = Table(
    "policy_wording",
    metadata,
    _id(),
    Column("version", String(20), nullable=False, unique=True),
    Column("document", Text, nullable=False),
    Column("loaded_at", DateTime, nullable=False),
    _fk("loaded_by", "staff.id"),
)
term = Table(
    "term",
    metadata,
    _id(),
    _fk("school_id", "school.id", cascade=True),
    Column("name", String(100), nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
)
# What the Headteacher wrote as plans for a term's report to governors (§12), by term name.
governors_plans = Table(
    "governors_plans",
    metadata,
    _id(),
    Column("term_name", String(100), nullable=False, unique=True),
    _text("text"),
    _fk("written_by", "staff.id"),
    Column("written_at", DateTime),
)
closure = Table(
    "closure",
    metadata,
    _id(),
    _fk("school_id", "school.id", cascade=True),
    Column("on", Date, nullable=False),
    _text("reason"),
)
staff = Table(
    "staff",
    metadata,
    _id(),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("roles", RoleList, nullable=False),
    _text("email"),
    Column("active", Boolean, nullable=False, server_default="1"),
)
staff_credential = Table(
    "staff_credential",
    metadata,
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("signing_key_pem", LargeBinary),  # encrypted under the person's password
    Column("signing_cert_pem", LargeBinary),
)
sign_in_failure = Table(
    "sign_in_failure",
    metadata,
    _id(),
    _fk("staff_id", "staff.id", cascade=True),
    Column("at", DateTime, nullable=False),
)
pupil = Table(
    "pupil",
    metadata,
    _id(),
    Column("legal_first_name", String(100), nullable=False),
    Column("legal_last_name", String(100), nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("upn", String(13), nullable=False, server_default="", index=True),
    _text("preferred_name"),
    Column("year_group", Integer),
    Column("sen_status", enum_column_type(SenStatus), nullable=False),
    _flag("cp_plan"),
    _flag("child_in_need"),
    _flag("looked_after"),
    # A UPN belongs to one pupil; blank ones (not yet known) may repeat (migration 0007).
    Index("uq_pupil_upn", "upn", unique=True, sqlite_where=text("upn != ''")),
)
carer = Table(
    "carer",
    metadata,
    _id(),
    _fk("pupil_id", "pupil.id", cascade=True),
    Column("name", String(200), nullable=False),
    *(_text(n) for n in ("relationship", "phone", "email", "address")),
    Column("parental_responsibility", Boolean, nullable=False, server_default="1"),
)
provider = Table(
    "provider",
    metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("kind", enum_column_type(ProviderKind), nullable=False),
    *(_text(n) for n in ("ofsted_urn", "ukprn", "phone", "email", "notes", "annex_b_responsible")),
    Column("setting_type", enum_column_type(SettingType)),
)
site = Table(
    "site",
    metadata,
    _id(),
    _fk("provider_id", "provider.id", cascade=True),
    Column("name", String(200), nullable=False),
    _text("address"),
    Column("kind", enum_column_type(SiteKind), nullable=False),
)
contact = Table(
    "contact",
    metadata,
    _id(),
    _fk("provider_id", "provider.id", cascade=True),
    Column("name", String(200), nullable=False),
    *(_text(n) for n in ("role", "phone", "email")),
    _flag("is_dsl"),
)
vetting_check = Table(
    "vetting_check",
    metadata,
    _id(),
    _fk("provider_id", "provider.id", cascade=True),
    Column("kind", enum_column_type(CheckKind), nullable=False),
    Column("received_on", Date, nullable=False),
    _text("checked_by"),
    Column("expires_on", Date),
    _text("evidence_note"),
    _fk("site_id", "site.id", cascade=True),  # None: the provider's own; else that site's
)
check_period = Table(
    "check_period",
    metadata,
    Column("kind", enum_column_type(CheckKind), primary_key=True),
    Column("months", Integer, nullable=False),
)
annex_b_item = Table(
    "annex_b_item",
    metadata,
    _id(),
    _fk("provider_id", "provider.id", cascade=True),
    Column("key", String(64), nullable=False),
    _flag("done"),
    Column("done_on", Date),
    _text("note"),
)
annex_b_signoff = Table(
    "annex_b_signoff",
    metadata,
    _id(),
    _fk("provider_id", "provider.id", cascade=True),
    _fk("staff_id", "staff.id"),
    Column("name", String(200), nullable=False),
    Column("position", String(200), nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("policy_version", String(20), nullable=False, server_default=""),
)
# A referral for alternative provision (Annex B 1.3), not a safeguarding `referral`.
ap_referral = Table(
    "ap_referral",
    metadata,
    _id(),
    _fk("pupil_id", "pupil.id", nullable=False),
    Column("referred_on", Date, nullable=False),
    _text("reason"),
    _text("referred_by"),
    Column("reason_kind", enum_column_type(PlacementReason), nullable=False),
    _fk("provider_id", "provider.id"),
    Column("decision", enum_column_type(APReferralDecision)),
    Column("decided_on", Date),
    _text("decision_reason"),
    _fk("recorded_by", "staff.id"),
)
placement = Table(
    "placement",
    metadata,
    _id(),
    _fk("pupil_id", "pupil.id", nullable=False),
    _fk("provider_id", "provider.id", nullable=False),
    _fk("site_id", "site.id"),
    Column("start_date", Date, nullable=False),
    Column("planned_end_date", Date),
    Column("reason", enum_column_type(PlacementReason), nullable=False),
    _text("reason_note"),
    _flag("full_time"),
    *(
        _text(n)
        for n in (
            "weekly_pattern",
            "session_times",
            "report_to",
            "curriculum_plan",
            "qualification_route",
            "school_lead",
            "risk_travel",
            "risk_site_hazards",
            "risk_safeguarding",
            "risk_health_needs",
        )
    ),
    Column("risk_level", enum_column_type(RiskLevel), nullable=False),
    _flag("shared_chronology"),
    _flag("shared_cp_plan"),
    _flag("shared_ehcp_summary"),
    Column("info_shared_on", Date),
    _text("consent_given_by"),
    Column("consent_given_on", Date),
    Column("direction_notice_on", Date),
    Column("la_notified_on", Date),
    _flag("dual_registered"),
    _text("transport"),
    _text("exit_plan"),
    Column("status", enum_column_type(PlacementStatus), nullable=False, index=True),
    _fk("authorised_by", "staff.id"),
    Column("authorised_on", Date),
    Column("annex_a_version", String(20), nullable=False, server_default=""),
    Column("activated_on", Date),
    Column("ended_on", Date),
    Column("outcome", enum_column_type(PlacementOutcome)),
    _text("termination_reason"),
    _fk("ap_referral_id", "ap_referral.id"),
)
objective = Table(
    "objective",
    metadata,
    _id(),
    _fk("placement_id", "placement.id", cascade=True),
    Column("area", enum_column_type(ObjectiveArea), nullable=False),
    Column("target", Text, nullable=False),
    *(_text(n) for n in ("timescale", "lead", "progress")),
)
annex_a_item = Table(
    "annex_a_item",
    metadata,
    _id(),
    _fk("placement_id", "placement.id", cascade=True),
    Column("key", String(64), nullable=False),
    _flag("done"),
    Column("done_on", Date),
    _text("note"),
)
attendance_mark = Table(
    "attendance_mark",
    metadata,
    _id(),
    _fk("pupil_id", "pupil.id", nullable=False),
    _fk("placement_id", "placement.id"),
    Column("date", Date, nullable=False),
    Column("session", enum_column_type(Session), nullable=False),
    Column("provider_reported_code", String(4)),
    _text("reported_by"),
    Column("reported_at", DateTime),
    Column("reported_how", enum_column_type(ReportMethod)),
    Column("code", String(4)),
    _fk("recorded_by", "staff.id"),
    Column("recorded_at", DateTime),
    _text("note"),
    UniqueConstraint("pupil_id", "date", "session", name="uq_attendance_mark_session"),
    # Covering: the risk register counts marks by placement, week and code from the index alone.
    Index(
        "ix_attendance_mark_placement_day_codes",
        "placement_id",
        "date",
        "session",
        "code",
        "provider_reported_code",
    ),
)
review = Table(
    "review",
    metadata,
    _id(),
    _fk("placement_id", "placement.id", nullable=False),
    Column("kind", enum_column_type(ReviewKind), nullable=False),
    Column("held_on", Date, nullable=False),
    _text("attendance_note"),
    _text("concerns"),
    Column("next_review_on", Date),
    _fk("recorded_by", "staff.id"),
)
review_attendee = Table(
    "review_attendee",
    metadata,
    _id(),
    _fk("review_id", "review.id", cascade=True),
    Column("party", enum_column_type(AttendeeParty), nullable=False),
    _text("name"),
)
objective_progress = Table(
    "objective_progress",
    metadata,
    _id(),
    _fk("review_id", "review.id", cascade=True),
    _fk("objective_id", "objective.id"),
    _text("note"),
    _text("rating"),
)
incident = Table(
    "incident",
    metadata,
    _id(),
    Column("category", enum_column_type(IncidentCategory), nullable=False),
    Column("occurred_at", DateTime, nullable=False),
    Column("notified_at", DateTime),
    _fk("provider_id", "provider.id"),
    _fk("placement_id", "placement.id"),
    *(_text(n) for n in ("reported_by", "narrative", "actions_taken", "decision", "rationale")),
    Column("status", enum_column_type(IncidentStatus), nullable=False),
    Column("closed_on", Date),
    _fk("recorded_by", "staff.id"),
    Column("recorded_at", DateTime),
)
referral = Table(
    "referral",
    metadata,
    _id(),
    _fk("incident_id", "incident.id", cascade=True),
    Column("agency", enum_column_type(Agency), nullable=False),
    Column("made_on", Date, nullable=False),
    _text("reference"),
    _text("outcome"),
)
incident_pupil = Table(
    "incident_pupil",
    metadata,
    _id(),
    _fk("incident_id", "incident.id", cascade=True),
    _fk("pupil_id", "pupil.id", nullable=False),
    Column("role", enum_column_type(PupilRole), nullable=False),
    UniqueConstraint("incident_id", "pupil_id", name="uq_incident_pupil_once"),
)
action = Table(
    "action",
    metadata,
    _id(),
    Column("title", Text, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("created_on", Date, nullable=False),
    _fk("owner_id", "staff.id"),
    Column("status", enum_column_type(ActionStatus), nullable=False, index=True),
    Column("source", enum_column_type(ActionSource), nullable=False),
    Column("subject_key", String(200), nullable=False, server_default="", index=True),
    _fk("pupil_id", "pupil.id"),
    _fk("placement_id", "placement.id"),
    _fk("provider_id", "provider.id"),
    _fk("incident_id", "incident.id"),
    _fk("review_id", "review.id"),
    Column("done_on", Date),
    _text("note"),
)
evidence_file = Table(
    "evidence_file",
    metadata,
    _id(),
    _fk("vetting_check_id", "vetting_check.id", cascade=True),
    _fk("incident_id", "incident.id", cascade=True),
    Column("filename", String(255), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("added_at", DateTime, nullable=False),
    _fk("added_by", "staff.id"),
)
signed_document = Table(
    "signed_document",
    metadata,
    _id(),
    Column("kind", String(40), nullable=False),
    _fk("provider_id", "provider.id"),
    _fk("signed_by", "staff.id"),
    Column("signed_at", DateTime, nullable=False),
    Column("audit_head", String(80), nullable=False),
    Column("pdf", LargeBinary, nullable=False),
)
# Staff awareness and training (§14, Annex B §6), for staff with or without an account.
staff_training = Table(
    "staff_training",
    metadata,
    _id(),
    Column("staff_id", Integer, ForeignKey("staff.id"), unique=True),
    Column("name", String(200), nullable=False),
    _text("job_title"),
    Column("policy_read_on", Date),
    Column("policy_read_version", String(20), nullable=False, server_default=""),
    Column("ap_trained_on", Date),
    Column("ap_expires_on", Date),
    Column("safeguarding_on", Date),
    Column("safeguarding_expires_on", Date),
    Column("active", Boolean, nullable=False, server_default="1"),
)
# Letters, notices, updates and forms sent to parents, and contacts with them (§10).
parent_contact = Table(
    "parent_contact",
    metadata,
    _id(),
    _fk("placement_id", "placement.id", nullable=False, cascade=True),
    Column("kind", enum_column_type(ParentContactKind), nullable=False),
    Column("on", Date),  # None: printed, not yet recorded as sent
    Column("sent_by", enum_column_type(SentBy)),
    _text("with_whom"),
    _text("summary"),
    Column("printed_on", Date),
    _fk("recorded_by", "staff.id"),
)
# A parent's answers to the feedback form (Annex B 5.2).
parent_feedback = Table(
    "parent_feedback",
    metadata,
    _id(),
    _fk("placement_id", "placement.id", nullable=False, cascade=True),
    Column("received_on", Date, nullable=False),
    _text("from_whom"),
    Column("stage", enum_column_type(FeedbackStage), nullable=False),
    *(
        Column(name, enum_column_type(FeedbackAnswer))
        for name in ("safe_and_happy", "kept_informed", "helping", "know_who_to_contact")
    ),
    _text("comments"),
    _fk("recorded_by", "staff.id"),
)
# A complaint about a provider (§15) and where it stands: Headteacher, provider, LA, Ofsted.
complaint = Table(
    "complaint",
    metadata,
    _id(),
    Column("complainant", String(200), nullable=False),
    _text("relationship"),
    Column("received_on", Date, nullable=False),
    _fk("provider_id", "provider.id", nullable=False),
    _fk("placement_id", "placement.id"),
    _text("summary"),
    Column("stage", enum_column_type(ComplaintStage), nullable=False),
    Column("stage_since", Date),
    Column("outcome", enum_column_type(ComplaintOutcome)),
    _text("outcome_note"),
    Column("closed_on", Date),
    _fk("recorded_by", "staff.id"),
)
school_ca = Table(
    "school_ca",
    metadata,
    _id(),
    Column("cert_pem", LargeBinary, nullable=False),
    Column("key_pem", LargeBinary, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
# A pupil's child-protection file sent to their next school (KCSIE): where, when, the receipt.
# The code that opens the pack is never stored; the pack's SHA-256 says which file went.
cp_transfer = Table(
    "cp_transfer",
    metadata,
    _id(),
    _fk("pupil_id", "pupil.id", nullable=False),
    Column("receiving_school", Text, nullable=False),
    _text("receiving_urn"),
    Column("receiving_dsl", Text, nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("made_at", DateTime, nullable=False),
    _fk("made_by", "staff.id"),
    Column("pack_sha256", String(64), nullable=False),
    Column("receipt_on", Date),
    _text("receipt_from"),
    _fk("receipt_recorded_by", "staff.id"),
)
# A subject access request about a pupil (UK GDPR art. 15): answered within a calendar month.
subject_access_request = Table(
    "subject_access_request",
    metadata,
    _id(),
    _fk("pupil_id", "pupil.id", nullable=False),
    Column("requester", Text, nullable=False),
    Column("relationship", Text, nullable=False),
    Column("received_on", Date, nullable=False),
    _text("scope"),
    _fk("recorded_by", "staff.id"),
    Column("completed_on", Date),
    _fk("completed_by", "staff.id"),
)
# A pupil's children's social care (safeguarding detail, DSL only) and EHCP details: one each.
pupil_social_care = Table(
    "pupil_social_care",
    metadata,
    _id(),
    Column(
        "pupil_id",
        Integer,
        ForeignKey("pupil.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    *(
        _text(n)
        for n in (
            "social_worker",
            "social_worker_team",
            "social_worker_contact",
            "virtual_school_head",
            "virtual_school_contact",
        )
    ),
    *(
        Column(f"{when}_{what}_on", Date)
        for what in ("pep", "cp_conference", "cin_review", "cla_review")
        for when in ("last", "next")
    ),
)
pupil_ehcp = Table(
    "pupil_ehcp",
    metadata,
    _id(),
    Column(
        "pupil_id",
        Integer,
        ForeignKey("pupil.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    *(_text(n) for n in ("local_authority", "caseworker", "caseworker_contact")),
    Column("last_annual_review_on", Date),
    Column("next_annual_review_on", Date),
)
