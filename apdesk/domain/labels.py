"""British English wording of every enum value, for screens and documents.

`label(SenStatus.EHCP)` gives "EHCP"; a value without an entry falls back to its
identifier with underscores turned into spaces and the first letter capitalised.
"""

from __future__ import annotations

from enum import StrEnum

from apdesk.domain import enums as e

_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (e.SchoolType.ACADEMY, "Academy"),
    (e.SchoolType.MAINTAINED, "Maintained school"),
    (e.SchoolType.FREE_SCHOOL, "Free school"),
    (e.SenStatus.NONE, "None"),
    (e.SenStatus.SEN_SUPPORT, "SEN support"),
    (e.SenStatus.EHCP, "EHCP"),
    (e.AttendeeParty.SENCO, "SENCo"),
    (e.ProviderKind.REGISTERED_INDEPENDENT_SCHOOL, "Registered independent school"),
    (e.ProviderKind.OFSTED_REGISTERED_AP, "Ofsted-registered alternative provider"),
    (e.ProviderKind.LA_PRU_OR_AP_ACADEMY, "LA pupil referral unit or AP academy"),
    (e.ProviderKind.FE_COLLEGE, "Further education college"),
    (e.ProviderKind.UNREGISTERED, "Unregistered provider"),
    (e.ProviderKind.TUTOR, "Tutor"),
    (e.SettingType.NFE, "NFE"),
    (e.SettingType.OOT, "OOT"),
    (e.SettingType.OTH, "OTH"),
    (e.SettingType.WBP, "WBP"),
    (e.SiteKind.MAIN, "Main site"),
    (e.SiteKind.SATELLITE, "Satellite site"),
    (e.SiteKind.SUBCONTRACTED, "Subcontracted provision"),
    (
        e.CheckKind.SAFER_RECRUITMENT,
        (
            "Safer recruitment written assurance (enhanced DBS with barred list, "
            "right to work, references, identity)"
        ),
    ),
    (e.CheckKind.SAFEGUARDING_POLICY, "Safeguarding policy and named DSL"),
    (e.CheckKind.PREMISES_FIRE, "Premises and fire risk assessment"),
    (e.CheckKind.STAFFING_CURRICULUM, "Staff ratios, curriculum offer and pastoral support"),
    (e.CheckKind.INSURANCE, "Insurance"),
    (e.CheckKind.FIRST_AID_HEALTH_SAFETY, "First aid and health & safety arrangements"),
    (e.CheckKind.SAFEGUARDING_TRAINING, "Staff safeguarding and PREVENT training"),
    (e.CheckKind.ANNUAL_ASSURANCE, "Annual written safeguarding assurance"),
    (e.ProviderState.APPROVED, "Approved"),
    (e.ProviderState.LAPSED, "Lapsed"),
    (e.ProviderState.NOT_VETTED, "Not vetted"),
    (e.PlacementReason.EXCLUSION, "Exclusion"),
    (e.PlacementReason.ILLNESS_LA, "Illness (arranged with the local authority)"),
    (e.PlacementReason.OFFSITE_DIRECTION, "Off-site direction to improve behaviour"),
    (e.PlacementReason.OTHER, "Other"),
    (e.PlacementOutcome.REINTEGRATED, "Reintegrated"),
    (e.PlacementOutcome.PERMANENT_ALTERNATIVE, "Permanent alternative"),
    (e.ParentContactKind.LETTER, "Placement letter"),
    (e.ParentContactKind.DIRECTION_NOTICE, "Off-site direction notice"),
    (e.ParentContactKind.PROGRESS_UPDATE, "Progress update"),
    (e.ParentContactKind.FEEDBACK_REQUEST, "Feedback form sent"),
    (e.ParentContactKind.CALL, "Phone call"),
    (e.ParentContactKind.MEETING, "Meeting"),
    (e.ParentContactKind.MESSAGE, "Message"),
    (e.SentBy.POST, "Post"),
    (e.SentBy.BY_HAND, "By hand"),
    (e.SentBy.EMAIL, "Email"),
    (e.FeedbackStage.DURING, "During the placement"),
    (e.FeedbackStage.AFTER, "After the placement ended"),
    (e.FeedbackAnswer.YES, "Yes"),
    (e.FeedbackAnswer.PARTLY, "Partly"),
    (e.FeedbackAnswer.NO, "No"),
    (e.FeedbackAnswer.NOT_SURE, "Not sure"),
    (e.ReviewKind.MONITORING_CONTACT, "Monitoring contact"),
    (e.ReviewKind.VISIT, "Visit"),
    (e.ReviewKind.REVIEW_MEETING, "Review meeting"),
    (e.ReviewKind.MID_POINT, "Mid-point review"),
    (e.ReviewKind.EXIT, "Exit review"),
    (e.IncidentCategory.SAFEGUARDING_CONCERN, "Safeguarding concern"),
    (e.IncidentCategory.CHILD_ON_CHILD_ABUSE, "Child-on-child abuse"),
    (e.IncidentCategory.SERIOUS_ACCIDENT, "Serious accident"),
    (e.IncidentCategory.UNEXPLAINED_ABSENCE, "Unexplained absence"),
    (e.IncidentCategory.MISSING_FROM_EDUCATION, "Missing from education"),
    (e.IncidentCategory.BEHAVIOUR, "Behaviour"),
    (e.IncidentCategory.COMPLAINT, "Complaint"),
    (e.Agency.LA_CHILDRENS_SERVICES, "LA children's services"),
    (e.Agency.POLICE, "Police"),
    (e.Agency.LADO, "LADO"),
    (e.Agency.OFSTED, "Ofsted"),
    (e.PupilRole.ALLEGED_PERPETRATOR, "Alleged perpetrator"),
    (e.Role.DSL, "Designated Safeguarding Lead"),
    (e.Role.DEPUTY_DSL, "Deputy DSL"),
    (e.ReportMethod.IN_PERSON, "In person"),
    (e.ActionSource.CHECK_LAPSING, "Provider check lapsing"),
    (e.ActionSource.GATE_CHANGED, "Changed after authorisation"),
    (e.ActionSource.PROVIDER_LAPSED, "Provider lapsed with a child placed"),
    (e.ActionSource.UNEXPLAINED_ABSENCE, "Unexplained absence"),
    (e.ActionSource.URGENT_ABSENCE, "Urgent: absence of a vulnerable child"),
    (e.APReferralDecision.PLACED, "Placed"),
    (e.APReferralDecision.DECLINED, "Declined"),
    (e.APReferralDecision.WITHDRAWN, "Withdrawn"),
    (e.APReferralDecision.REFERRED_TO_LA, "Referred to the local authority"),
    (e.ComplaintStage.HEADTEACHER, "Headteacher"),
    (e.ComplaintStage.PROVIDER, "Provider"),
    (e.ComplaintStage.LOCAL_AUTHORITY, "Local authority"),
    (e.ComplaintStage.OFSTED, "Ofsted"),
    (e.ComplaintOutcome.UPHELD, "Upheld"),
    (e.ComplaintOutcome.PARTLY_UPHELD, "Partly upheld"),
    (e.ComplaintOutcome.NOT_UPHELD, "Not upheld"),
    (e.ComplaintOutcome.WITHDRAWN, "Withdrawn"),
)

# StrEnum members equal their string values, so members of different enums that share
# a value ("other") would collide as plain keys: index by (enum class, value) instead.
_BY_TYPE: dict[tuple[type, str], str] = {(type(k), str(k.value)): v for k, v in _PAIRS}


def label(value: StrEnum) -> str:
    """The wording to show for an enum value."""
    known = _BY_TYPE.get((type(value), str(value.value)))
    if known is not None:
        return known
    text = str(value.value).replace("_", " ")
    return text[:1].upper() + text[1:]
