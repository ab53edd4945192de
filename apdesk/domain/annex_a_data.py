"""Annex A lines backed by data, information sharing and the registration threshold.

A tick is a claim that something is in the record; these rules say what the record must
hold before a line can be ticked, and the gate asks them again, so data cleared after the
tick are caught too. Decisions (docs/decisions, "the gate holds"):
- risk assessment: all four parts written (travel, site hazards, safeguarding, health);
- curriculum: the curriculum plan written; transport: the arrangements written;
- parental consent: who gave it and when (for an off-site direction, the date of the notice),
  and a parent or carer on the pupil's record with a phone number or email address;
- reviews: a planned end date (the schedule is worked out from it) and a named school lead,
  to whom the provider reports;
- information shared (§7, §11): the CP plan for a child on one, the EHCP summary for a
  child with one, with the date they were shared;
- registration: a setting that educates full time one looked-after child, one with an EHCP,
  or five or more pupils must register as an independent school (Education and Skills
  Act 2008, s.92, as amended), so an unregistered provider or tutor cannot take such a
  full-time placement.
"""

from __future__ import annotations

from collections.abc import Callable

from apdesk.domain.entities.people import Pupil
from apdesk.domain.entities.placements import Placement
from apdesk.domain.enums import PlacementReason, ProviderKind, SenStatus

UNREGISTERED_KINDS: frozenset[ProviderKind] = frozenset(
    {ProviderKind.UNREGISTERED, ProviderKind.TUTOR}
)
FULL_TIME_PUPILS_THRESHOLD = 5


def _blank(text: str) -> bool:
    return not text.strip()


def _risk(placement: Placement, pupil: Pupil | None) -> list[str]:
    parts = (
        ("travel", placement.risk_travel),
        ("site hazards", placement.risk_site_hazards),
        ("safeguarding", placement.risk_safeguarding),
        ("health needs", placement.risk_health_needs),
    )
    missing = [name for name, text in parts if _blank(text)]
    return [f"Write the risk assessment's {', '.join(missing)}."] if missing else []


def _curriculum(placement: Placement, pupil: Pupil | None) -> list[str]:
    if _blank(placement.curriculum_plan):
        return ["Write the curriculum plan and assessment arrangements."]
    return []


def _transport(placement: Placement, pupil: Pupil | None) -> list[str]:
    return ["Describe the transport arrangements."] if _blank(placement.transport) else []


def _consent(placement: Placement, pupil: Pupil | None) -> list[str]:
    problems = []
    if placement.reason is PlacementReason.OFFSITE_DIRECTION:
        if placement.direction_notice_on is None:
            problems.append(
                "Record the date written notice of the off-site direction went to parents."
            )
    elif _blank(placement.consent_given_by) or placement.consent_given_on is None:
        problems.append("Record parental consent: who gave it and when.")
    if pupil is not None and not any(c.phone.strip() or c.email.strip() for c in pupil.carers):
        problems.append(
            "Add a parent or carer with a phone number or email address to the pupil's record."
        )
    return problems


def _reviews(placement: Placement, pupil: Pupil | None) -> list[str]:
    problems = []
    if placement.planned_end_date is None:
        problems.append("Enter a planned end date: every placement is time-limited.")
    if _blank(placement.school_lead):
        problems.append("Name the school lead the provider reports to.")
    return problems


def _objectives(placement: Placement, pupil: Pupil | None) -> list[str]:
    return [] if placement.objectives else ["Add at least one measurable objective."]


BACKED: dict[str, Callable[[Placement, Pupil | None], list[str]]] = {
    "objectives": _objectives,
    "risk_assessment": _risk,
    "curriculum": _curriculum,
    "transport": _transport,
    "parental_consent": _consent,
    "reviews": _reviews,
}


def line_problems(key: str, placement: Placement, pupil: Pupil | None) -> list[str]:
    """What the record still lacks for the Annex A line `key` to be ticked honestly."""
    rule = BACKED.get(key)
    return rule(placement, pupil) if rule else []


def information_shared_problems(placement: Placement, pupil: Pupil) -> list[str]:
    """For a child on a CP plan or with an EHCP: what must have been shared, and when."""
    problems = []
    if pupil.cp_plan and not placement.shared_cp_plan:
        problems.append("Share the child-protection plan with the provider and record it.")
    if pupil.sen_status is SenStatus.EHCP and not placement.shared_ehcp_summary:
        problems.append("Share the EHCP summary with the provider and record it.")
    needed = pupil.cp_plan or pupil.sen_status is SenStatus.EHCP
    if needed and placement.info_shared_on is None:
        problems.append("Record the date the safeguarding information was shared.")
    return problems


def registration_problems(
    placement: Placement, pupil: Pupil, kind: ProviderKind, full_time_pupils: int
) -> list[str]:
    """Why an unregistered setting cannot take this full-time placement, if it cannot.

    `full_time_pupils` counts the pupils the setting would then educate full time, this one
    included."""
    if not placement.full_time or kind not in UNREGISTERED_KINDS:
        return []
    reasons = []
    if pupil.looked_after:
        reasons.append("a looked-after child")
    if pupil.sen_status is SenStatus.EHCP:
        reasons.append("a child with an EHCP")
    if full_time_pupils >= FULL_TIME_PUPILS_THRESHOLD:
        reasons.append(f"{full_time_pupils} pupils (five or more)")
    if not reasons:
        return []
    return [
        "The provider is not registered, and full time it would educate "
        f"{' and '.join(reasons)}: a setting doing so must register as an independent "
        "school. Make the placement part-time or choose a registered provider."
    ]
