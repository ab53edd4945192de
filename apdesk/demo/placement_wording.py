"""The written parts of a demo placement: objectives, risk assessment, curriculum, exit plan.

Plain, plausible wording an inclusion lead might type, chosen by the provider's kind and
the placement's reason, so the register and letters read like a real school's.
"""

from __future__ import annotations

from apdesk.demo.stories import FULL_WEEK, PUPILS
from apdesk.demo.world import PlacementPlan, World
from apdesk.domain.entities import Objective, Placement
from apdesk.domain.enums import ObjectiveArea, PlacementReason, ProviderKind, SenStatus

SCHOOL_LEAD = "Chris Okoro (Inclusion lead)"

REASON_NOTES = {
    PlacementReason.EXCLUSION: "Suspended twice this term; a fresh start with a smaller group.",
    PlacementReason.ILLNESS_LA: "Anxiety-related absence; arranged with the local authority's "
    "medical needs team.",
    PlacementReason.OFFSITE_DIRECTION: "Off-site direction to improve behaviour after "
    "repeated disruption in lessons.",
    PlacementReason.OTHER: "Vocational course to re-engage with learning.",
}

CURRICULUM = {
    ProviderKind.FE_COLLEGE: (
        "Level 1 motor vehicle studies three days a week; English and maths with the college.",
        "Level 1 Certificate in Vehicle Maintenance; Functional Skills English and maths",
    ),
    ProviderKind.LA_PRU_OR_AP_ACADEMY: (
        "Full PRU timetable: English, maths, science, PSHE and a vocational option.",
        "GCSE English and maths; Functional Skills Level 1 as a fallback",
    ),
    ProviderKind.REGISTERED_INDEPENDENT_SCHOOL: (
        "Small-group teaching in core subjects with a therapeutic curriculum.",
        "GCSE English, maths and combined science",
    ),
}
OUTDOOR = (
    "Outdoor learning, bushcraft and team projects; English and maths two mornings a week.",
    "AQA Unit Award Scheme; Functional Skills English and maths Entry 3 to Level 1",
)

THIRD_OBJECTIVE = {
    PlacementReason.EXCLUSION: (
        ObjectiveArea.REINTEGRATION,
        "Return to Oakfield lessons two mornings a week by the final fortnight",
    ),
    PlacementReason.OFFSITE_DIRECTION: (
        ObjectiveArea.REINTEGRATION,
        "No more than one behaviour incident a fortnight; phased return planned",
    ),
    PlacementReason.ILLNESS_LA: (
        ObjectiveArea.WELLBEING,
        "Attend the weekly wellbeing check-in and follow the health care plan",
    ),
    PlacementReason.OTHER: (
        ObjectiveArea.PASTORAL,
        "Meet the key worker weekly and keep a record of personal targets",
    ),
}


def objectives(plan: PlacementPlan) -> list[Objective]:
    area, target = THIRD_OBJECTIVE[plan.spec.reason]
    return [
        Objective(
            ObjectiveArea.ATTENDANCE,
            "Attend at least 95% of sessions; any absence explained on the first day",
            "Reviewed fortnightly",
            "Leah Barnes (Attendance lead)",
        ),
        Objective(
            ObjectiveArea.ACADEMIC,
            "Complete the English and maths units planned for this placement",
            "By the planned end date",
            SCHOOL_LEAD,
        ),
        Objective(area, target, "By the planned end date", SCHOOL_LEAD),
    ]


def placement_record(world: World, plan: PlacementPlan, pupil_id: int) -> Placement:
    """A proposed placement, complete except consent (recorded later in the story)."""
    spec = plan.spec
    provider = world.providers[spec.provider]
    contact = provider.contacts[0]
    record = Placement(
        pupil_id,
        provider.id,
        plan.start,
        plan.planned_end,
        site_id=provider.sites[spec.site].id,
        reason=spec.reason,
        reason_note=REASON_NOTES[spec.reason],
        full_time=spec.weekly == FULL_WEEK,
        weekly_pattern=spec.weekly,
        session_times="09:15 to 14:45; arrive by 09:05 and report to reception",
        report_to=f"{contact.name}, {contact.role}",
        objectives=objectives(plan),
        school_lead=SCHOOL_LEAD,
        risk_level=spec.risk,
        exit_plan="Exit review in the final week; phased return to Oakfield over two weeks, "
        "with the key worker visiting school for the first lessons.",
    )
    record.curriculum_plan, record.qualification_route = CURRICULUM.get(provider.kind, OUTDOOR)
    _assess(record, plan)
    return record


def _assess(record: Placement, plan: PlacementPlan) -> None:
    """The written risk assessment and what safeguarding information goes to the provider."""
    pupil, number = PUPILS[plan.spec.pupil], plan.spec.pupil
    record.risk_travel = "Bus pass issued; route walked with the pupil before the start."
    record.risk_site_hazards = "Workshop and outdoor areas supervised; PPE provided."
    record.risk_safeguarding = (
        "Key worker named; the provider phones the school by 09:30 if the pupil has not arrived."
    )
    record.risk_health_needs = "Asthma: inhaler carried." if number % 4 == 1 else "None known."
    record.shared_chronology = pupil.cp_plan or pupil.child_in_need
    record.shared_cp_plan = pupil.cp_plan
    record.shared_ehcp_summary = pupil.sen is SenStatus.EHCP
    record.transport = "Own travel by bus (school bus pass)" if number % 3 else "School taxi"
