"""Every fixed list of choices the domain uses, as `StrEnum`s.

Values are stable lower-case identifiers meant for storage; `label(member)` gives the
British English wording for screens and documents.
"""

from enum import StrEnum


class Role(StrEnum):
    """A staff role (ARCHITECTURE.md, Staff and permissions)."""

    HEADTEACHER = "headteacher"
    DSL = "dsl"
    DEPUTY_DSL = "deputy_dsl"
    INCLUSION_LEAD = "inclusion_lead"
    ATTENDANCE_LEAD = "attendance_lead"
    GOVERNOR = "governor"
    ADMINISTRATOR = "administrator"


class SchoolType(StrEnum):
    """What kind of school this is: it decides the legal basis an off-site direction cites."""

    ACADEMY = "academy"
    MAINTAINED = "maintained"
    FREE_SCHOOL = "free_school"


class SenStatus(StrEnum):
    NONE = "none"
    SEN_SUPPORT = "sen_support"
    EHCP = "ehcp"


class ProviderKind(StrEnum):
    """The kinds of provider named in DOMAIN.md."""

    REGISTERED_INDEPENDENT_SCHOOL = "registered_independent_school"
    OFSTED_REGISTERED_AP = "ofsted_registered_ap"
    LA_PRU_OR_AP_ACADEMY = "la_pru_or_ap_academy"
    FE_COLLEGE = "fe_college"
    UNREGISTERED = "unregistered"
    TUTOR = "tutor"


class SettingType(StrEnum):
    """School census AP setting type code, returned when a provider has neither URN nor UKPRN."""

    NFE = "NFE"
    OOT = "OOT"
    OTH = "OTH"
    WBP = "WBP"


class SiteKind(StrEnum):
    MAIN = "main"
    SATELLITE = "satellite"
    SUBCONTRACTED = "subcontracted"


class CheckKind(StrEnum):
    """Vetting evidence a provider must give (policy §5, §6, §12, §14)."""

    SAFER_RECRUITMENT = "safer_recruitment"
    SAFEGUARDING_POLICY = "safeguarding_policy"
    PREMISES_FIRE = "premises_fire"
    STAFFING_CURRICULUM = "staffing_curriculum"
    INSURANCE = "insurance"
    FIRST_AID_HEALTH_SAFETY = "first_aid_health_safety"
    SAFEGUARDING_TRAINING = "safeguarding_training"
    ANNUAL_ASSURANCE = "annual_assurance"


class ProviderState(StrEnum):
    APPROVED = "approved"
    LAPSED = "lapsed"
    NOT_VETTED = "not_vetted"


class PlacementReason(StrEnum):
    EXCLUSION = "exclusion"
    ILLNESS_LA = "illness_la"
    OFFSITE_DIRECTION = "offsite_direction"
    OTHER = "other"


class ObjectiveArea(StrEnum):
    ACADEMIC = "academic"
    PASTORAL = "pastoral"
    ATTENDANCE = "attendance"
    REINTEGRATION = "reintegration"
    WELLBEING = "wellbeing"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class PlacementStatus(StrEnum):
    PROPOSED = "proposed"
    AUTHORISED = "authorised"
    ACTIVE = "active"
    ENDED = "ended"
    TERMINATED = "terminated"

    @property
    def is_closed(self) -> bool:
        """Ended or terminated: the placement is over."""
        return self in (PlacementStatus.ENDED, PlacementStatus.TERMINATED)


class PlacementOutcome(StrEnum):
    REINTEGRATED = "reintegrated"
    PERMANENT_ALTERNATIVE = "permanent_alternative"
    OTHER = "other"


class ParentContactKind(StrEnum):
    """A communication with a pupil's parents or carers about a placement (§10)."""

    LETTER = "letter"  # the placement letter (§10: objectives, timescales, contacts)
    DIRECTION_NOTICE = "direction_notice"  # the off-site direction notice
    PROGRESS_UPDATE = "progress_update"  # an update on progress, attendance, welfare sent
    FEEDBACK_REQUEST = "feedback_request"  # the parent feedback form sent home
    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"


class SentBy(StrEnum):
    """How a letter, notice or update went to parents."""

    POST = "post"
    BY_HAND = "by_hand"
    EMAIL = "email"


class FeedbackStage(StrEnum):
    """When a parent's feedback was given (Annex B 5.2)."""

    DURING = "during"
    AFTER = "after"  # after the placement ended (reintegration, or another outcome)


class FeedbackAnswer(StrEnum):
    """A parent's answer to one statement on the feedback form."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_SURE = "not_sure"


class Session(StrEnum):
    AM = "AM"
    PM = "PM"


class ReportMethod(StrEnum):
    """How a provider told the school about a session."""

    PHONE = "phone"
    EMAIL = "email"
    PORTAL = "portal"
    IN_PERSON = "in_person"
    OTHER = "other"


class ReviewKind(StrEnum):
    MONITORING_CONTACT = "monitoring_contact"
    VISIT = "visit"
    REVIEW_MEETING = "review_meeting"
    MID_POINT = "mid_point"
    EXIT = "exit"


class AttendeeParty(StrEnum):
    PUPIL = "pupil"
    PARENT = "parent"
    PROVIDER = "provider"
    SCHOOL = "school"
    SOCIAL_WORKER = "social_worker"
    VIRTUAL_SCHOOL_HEAD = "virtual_school_head"
    SENCO = "senco"
    OTHER = "other"


class IncidentCategory(StrEnum):
    SAFEGUARDING_CONCERN = "safeguarding_concern"
    CHILD_ON_CHILD_ABUSE = "child_on_child_abuse"
    SERIOUS_ACCIDENT = "serious_accident"
    UNEXPLAINED_ABSENCE = "unexplained_absence"
    MISSING_FROM_EDUCATION = "missing_from_education"
    BEHAVIOUR = "behaviour"
    COMPLAINT = "complaint"


class Agency(StrEnum):
    LA_CHILDRENS_SERVICES = "la_childrens_services"
    POLICE = "police"
    LADO = "lado"
    OFSTED = "ofsted"


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PupilRole(StrEnum):
    """A pupil's part in an incident; each linked pupil has their own."""

    VICTIM = "victim"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    WITNESS = "witness"
    INVOLVED = "involved"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class ActionSource(StrEnum):
    MANUAL = "manual"
    UNEXPLAINED_ABSENCE = "unexplained_absence"
    URGENT_ABSENCE = "urgent_absence"
    REVIEW_OVERDUE = "review_overdue"
    CHECK_LAPSING = "check_lapsing"
    PLACEMENT_ENDING = "placement_ending"
    INCIDENT = "incident"
    REVIEW = "review"
    GATE_CHANGED = "gate_changed"
    PROVIDER_LAPSED = "provider_lapsed"


class APReferralDecision(StrEnum):
    """What became of a referral for alternative provision (Annex B 1.3: its outcome)."""

    PLACED = "placed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    REFERRED_TO_LA = "referred_to_la"


class ComplaintStage(StrEnum):
    """Where a complaint about a provider stands (§15), in the order it escalates."""

    HEADTEACHER = "headteacher"
    PROVIDER = "provider"
    LOCAL_AUTHORITY = "local_authority"
    OFSTED = "ofsted"


class ComplaintOutcome(StrEnum):
    """How a complaint was closed."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"
    WITHDRAWN = "withdrawn"
