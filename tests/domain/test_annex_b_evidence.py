"""Annex B lines read against APDesk's own records: both sides of each contradiction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from apdesk.domain import annex_b_evidence as ev
from apdesk.domain.attendance import AttendanceSummary
from apdesk.domain.checklists import ANNEX_B_ITEMS
from apdesk.domain.entities import (
    Incident,
    Objective,
    ObjectiveProgress,
    ParentContact,
    ParentFeedback,
    Review,
    ReviewAttendee,
    Site,
    Staff,
    VettingCheck,
)
from apdesk.domain.enums import (
    AttendeeParty,
    CheckKind,
    IncidentCategory,
    IncidentStatus,
    ObjectiveArea,
    ParentContactKind,
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    ReviewKind,
    Role,
    SentBy,
    SiteKind,
)
from apdesk.domain.reviews import ReviewSlot
from apdesk.domain.training import StaffTraining
from tests.domain.factories import ready_placement, vetted_provider

TODAY = date(2026, 5, 4)


def _facts(**changes: object) -> ev.AnnexBFacts:
    placement = replace(
        ready_placement(), status=PlacementStatus.ACTIVE, info_shared_on=date(2026, 2, 23)
    )
    facts = ev.PlacementFacts(
        placement,
        "Robin Testcase",
        slots=(ReviewSlot(date(2026, 4, 20), ReviewKind.MID_POINT, met_on=date(2026, 4, 20)),),
        reviews=(
            Review(
                7,
                ReviewKind.MID_POINT,
                date(2026, 4, 20),
                attendees=[ReviewAttendee(AttendeeParty.PARENT, "Alex Carer")],
            ),
        ),
        attendance=AttendanceSummary(possible=20, present=20),
    )
    base = ev.AnnexBFacts(
        vetted_provider(received=date(2026, 1, 5), insurance_until=date(2026, 12, 31)),
        TODAY,
        placements=(facts,),
        staff=(Staff("head", "Alex Morgan", [Role.HEADTEACHER]),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _with_placement(**changes: object) -> ev.AnnexBFacts:
    facts = _facts()
    return replace(facts, placements=(replace(facts.placements[0], **changes),))  # type: ignore[arg-type]


def test_every_line_has_something_to_show_and_a_clean_record_contradicts_none():
    lines = ev.assess(_facts())
    assert list(lines) == [i.key for i in ANNEX_B_ITEMS]
    assert all(line.held for line in lines.values())
    assert [k for k, line in lines.items() if line.contradicted] == []
    assert "Ofsted URN 123456" in lines["2.1"].held[0]
    assert "held on 20 Apr 2026" in lines["2.3"].held[0]
    assert lines["6.2"].held[0] == "No staff on the training list (Staff training)."


def test_section_6_reads_the_training_list_and_a_lapse_contradicts_it():
    from apdesk.domain.training import StaffTraining

    done = StaffTraining(
        "Alex Morgan", policy_read_on=date(2026, 3, 2), policy_read_version="1.0",
        ap_trained_on=date(2026, 1, 5), ap_expires_on=date(2027, 1, 4),
    )  # fmt: skip
    old = StaffTraining("Sam Late", policy_read_on=date(2025, 3, 2), policy_read_version="0.9")
    lines = ev.assess(replace(_facts(), training=(done, old), policy_version="1.0"))
    assert lines["6.1"].contradictions == (
        "Read the policy in force lapsed: Sam Late (read v0.9 on 2 Mar 2025; v1.0 is in force).",
    )
    assert lines["6.2"].held == (
        "AP-procedures training: 1 in date (Alex Morgan).",
        "1 member of staff with nothing recorded.",
    )
    assert not lines["6.2"].contradicted  # one in date; the other has nothing recorded
    assert lines["6.3"].contradictions == (  # no one at all: the list contradicts a tick
        "Safeguarding training: no member of staff on the training list is in date.",
    )


def test_section_6_with_no_one_in_date_on_the_training_list_contradicts_the_tick():
    from apdesk.domain.training import StaffTraining

    blank = StaffTraining("Alex Morgan")
    lines = ev.assess(replace(_facts(), training=(blank,), policy_version="1.0"))
    assert lines["6.2"].held == (
        "AP-procedures training: 0 in date.",
        "1 member of staff with nothing recorded.",
    )
    assert lines["6.2"].contradictions == (
        "AP-procedures training: no member of staff on the training list is in date.",
    )
    assert lines["6.1"].contradicted and lines["6.3"].contradicted
    trained = replace(blank, ap_trained_on=date(2026, 1, 5), ap_expires_on=date(2027, 1, 4))
    lines = ev.assess(replace(_facts(), training=(blank, trained), policy_version="1.0"))
    assert not lines["6.2"].contradicted and lines["6.1"].contradicted


def test_5_1_names_no_parent_for_consent_and_typed_text_ends_one_sentence():
    from apdesk.domain.entities import APReferral
    from apdesk.domain.enums import APReferralDecision, PlacementReason

    facts = _facts()
    placement = replace(
        facts.placements[0].placement,
        consent_given_by="Tracey Greaves",
        reason=PlacementReason.OTHER,
        reason_note="Vocational course.",
        curriculum_plan="Bushcraft; maths twice a week.",
    )
    placed = APReferral(
        1, date(2026, 2, 2), "To re-engage.", "Head of Year",
        decision=APReferralDecision.PLACED, decided_on=date(2026, 2, 3),
        decision_reason="The panel agreed.", id=4,
    )  # fmt: skip
    lines = ev.assess(
        replace(
            _with_placement(placement=placement),
            referrals=(ev.ReferralFacts(placed, "Robin Testcase"),),
        )
    )
    assert "Tracey" not in " ".join(lines["5.1"].held)
    assert "parental consent recorded on" in lines["5.1"].held[0]
    assert lines["1.3"].held[0] == (
        "AP referral of Robin Testcase on 2 Feb 2026 (To re-engage): "
        "Placed on 3 Feb 2026: The panel agreed."
    )
    assert "Other (Vocational course); " in lines["1.3"].held[-1]
    assert lines["3.1"].held[0].endswith("(Bushcraft; maths twice a week).")
    every = [t for line in lines.values() for t in (*line.held, *line.contradictions)]
    assert not [t for t in every if ".." in t or ".)" in t]


def test_a_lapsed_provider_contradicts_2_1_and_an_in_date_one_does_not():
    lapsed = vetted_provider(received=date(2025, 1, 5), insurance_until=date(2026, 12, 31))
    lines = ev.assess(_facts(provider=lapsed))
    assert lines["2.1"].contradicted
    assert any("is lapsed" in c and "expired on" in c for c in lines["2.1"].contradictions)
    assert not ev.assess(_facts())["2.1"].contradicted


def test_an_overdue_mid_point_contradicts_2_3_and_one_not_yet_due_does_not():
    overdue = ReviewSlot(date(2026, 4, 27), ReviewKind.MID_POINT, closes_on=date(2026, 5, 8))
    lines = ev.assess(_with_placement(slots=(overdue,)))
    assert lines["2.3"].contradictions == (
        "Robin Testcase (from 2 Mar 2026): mid-point review overdue, due 27 Apr 2026.",
    )
    upcoming = ReviewSlot(date(2026, 5, 25), ReviewKind.MID_POINT)
    lines = ev.assess(_with_placement(slots=(upcoming,)))
    assert not lines["2.3"].contradicted and "upcoming, due 25 May 2026" in lines["2.3"].held[0]


def test_uncoded_sessions_contradict_2_4_and_a_full_register_does_not():
    gaps = AttendanceSummary(possible=20, present=17, unmarked=3)
    assert ev.assess(_with_placement(attendance=gaps))["2.4"].contradictions == (
        "Robin Testcase (from 2 Mar 2026): 3 sessions past the register's close not yet coded.",
    )
    assert "every session coded" in ev.assess(_facts())["2.4"].held[0]


def test_no_consent_contradicts_5_1_and_a_proposed_placement_is_not_yet_held_to_it():
    facts = _facts()
    bare = replace(facts.placements[0].placement, consent_given_on=None, exit_plan="")
    lines = ev.assess(_with_placement(placement=bare))
    assert lines["5.1"].contradicted and lines["4.4"].contradicted and lines["3.3"].contradicted
    proposed = replace(bare, status=PlacementStatus.PROPOSED)
    assert not ev.assess(_with_placement(placement=proposed))["5.1"].contradicted


def test_placements_closed_over_twelve_months_ago_are_out_of_scope():
    placement = replace(ready_placement(), status=PlacementStatus.ENDED, ended_on=date(2025, 5, 4))
    assert ev.in_scope(placement, TODAY)
    assert not ev.in_scope(replace(placement, ended_on=date(2025, 5, 3)), TODAY)


def test_safeguarding_incidents_are_counted_only_for_those_who_may_see_them():
    open_one = Incident(IncidentCategory.SAFEGUARDING_CONCERN, datetime(2026, 4, 1, 10))
    lines = ev.assess(_facts(incidents=(open_one,)))
    assert any("open with no decision" in c for c in lines["4.2"].contradictions)
    decided = replace(open_one, decision="Referred to MASH")
    assert not ev.assess(_facts(incidents=(decided,)))["4.2"].contradicted
    hidden = ev.assess(_facts(incidents=None))["4.2"]
    assert not hidden.contradicted and "only to the Headteacher" in hidden.held[0]


def test_a_contradicted_tick_needs_a_written_reason():
    overdue = ReviewSlot(date(2026, 4, 27), ReviewKind.MID_POINT, closes_on=date(2026, 5, 8))
    lines = ev.assess(_with_placement(slots=(overdue,)))
    against = ev.contradicted_ticks(lines, [i.key for i in ANNEX_B_ITEMS])
    assert [line.key for line in against] == ["2.3"]
    assert ev.contradicted_ticks(lines, ["2.1"]) == []
    assert ev.reason_problems(against, {})[0].startswith("2.3: APDesk's records say otherwise")
    assert ev.reason_problems(against, {"2.3": "  too short "})
    assert ev.reason_problems(against, {"2.3": "Held on 1 May; record being typed up."}) == []


@pytest.mark.parametrize("key", ["7.1", "2.6", ""])
def test_a_reason_for_a_line_annex_b_does_not_have_is_refused(key):
    assert "has no line" in ev.reason_problems([], {key: "A reason long enough."})[0]


def test_1_3_lists_the_ap_referrals_and_a_started_placement_without_one():
    from apdesk.domain.entities import APReferral
    from apdesk.domain.enums import APReferralDecision

    declined = APReferral(
        2,
        date(2026, 3, 2),
        "Persistent absence",
        "Head of Year",
        decision=APReferralDecision.DECLINED,
        decided_on=date(2026, 3, 9),
        decision_reason="Attendance plan in school first",
        id=4,
    )
    lines = ev.assess(_facts(referrals=(ev.ReferralFacts(declined, "Sky Other"),)))
    held = lines["1.3"].held
    assert held[0] == (
        "AP referral of Sky Other on 2 Mar 2026 (Persistent absence): "
        "Declined on 9 Mar 2026: Attendance plan in school first."
    )
    assert held[1] == "Started with no AP referral recorded: Robin Testcase (from 2 Mar 2026)."
    referred = ev.assess(
        _with_placement(
            placement=replace(ready_placement(), status=PlacementStatus.ACTIVE, ap_referral_id=4)
        )
    )
    assert referred["1.3"].held[0].startswith("No AP referral naming this provider")
    assert not any("Started with no AP referral" in h for h in referred["1.3"].held)


def _ended(days_ago: int, **changes: object) -> ev.AnnexBFacts:
    from datetime import timedelta

    facts = _facts()
    placement = replace(
        facts.placements[0].placement,
        status=PlacementStatus.ENDED,
        ended_on=TODAY - timedelta(days=days_ago),
    )
    return _with_placement(placement=placement, **changes)


def test_5_2_reads_parent_feedback_and_an_ended_placement_without_it_contradicts():
    from apdesk.domain.entities import ParentContact, ParentFeedback
    from apdesk.domain.enums import FeedbackStage, ParentContactKind, SentBy

    lines = ev.assess(_facts())
    assert lines["5.2"].held[0] == (
        "Robin Testcase (from 2 Mar 2026): no parent feedback recorded yet."
    )
    assert not lines["5.2"].contradicted  # live: not yet against the line
    during = ParentFeedback(1, date(2026, 3, 20), "Alex Carer", comments="Happier")
    after = replace(during, received_on=TODAY, stage=FeedbackStage.AFTER)
    # ended, nothing recorded: during is missing at once, after once four weeks have passed
    within = ev.assess(_ended(ev.AFTER_FEEDBACK_DAYS))["5.2"]
    assert within.contradictions == (
        "Robin Testcase (from 2 Mar 2026): ended 6 Apr 2026 with no parent feedback recorded "
        "during it.",
    )
    late = ev.assess(_ended(ev.AFTER_FEEDBACK_DAYS + 1, feedback=(during,)))["5.2"]
    assert late.contradictions == (
        "Robin Testcase (from 2 Mar 2026): ended 5 Apr 2026; no parent feedback after it ended "
        "recorded, nor a feedback form sent since.",
    )
    assert "parent feedback during the placement on 20 Mar 2026" in late.held[0]
    form = ParentContact(1, ParentContactKind.FEEDBACK_REQUEST, TODAY, SentBy.POST, "Alex")
    sought = ev.assess(_ended(40, feedback=(during,), contacts=(form,)))["5.2"]
    assert not sought.contradicted and "feedback form sent on 4 May 2026" in sought.held[1]
    both = ev.assess(_ended(40, feedback=(during, after)))["5.2"]
    assert not both.contradicted
    assert "parent feedback after the placement on 4 May 2026" in both.held[1]
    assert ev.contradicted_ticks(ev.assess(_ended(40)), ["5.2"])[0].key == "5.2"


def test_5_1_and_5_3_show_letters_sent_and_contacts_without_names():
    from apdesk.domain.entities import ParentContact
    from apdesk.domain.enums import ParentContactKind, SentBy

    letter = ParentContact(1, ParentContactKind.LETTER, date(2026, 2, 20), SentBy.BY_HAND, "Alex")
    unsent = ParentContact(1, ParentContactKind.LETTER, None, printed_on=date(2026, 4, 1))
    call = ParentContact(1, ParentContactKind.CALL, date(2026, 4, 2), with_whom="Alex", summary="x")
    update = ParentContact(1, ParentContactKind.PROGRESS_UPDATE, date(2026, 4, 9), SentBy.EMAIL)
    lines = ev.assess(_with_placement(contacts=(letter, unsent, call, update)))
    assert "Robin Testcase (from 2 Mar 2026): placement letter sent by hand on 20 Feb 2026." in (
        lines["5.1"].held
    )
    assert (
        "Robin Testcase (from 2 Mar 2026): placement letter printed 1 Apr 2026, not recorded "
        "as sent." in lines["5.1"].held
    )
    assert lines["5.3"].held[0] == (
        "Robin Testcase (from 2 Mar 2026): 1 progress update sent and 1 call, meeting "
        "or message, the last on 9 Apr 2026."
    )
    mine = [h for h in lines["5.1"].held if "letter" in h] + [lines["5.3"].held[0]]
    assert len(mine) == 3 and not any("Alex" in h for h in mine)
    none = ev.assess(_facts())
    assert "no letter or notice to parents recorded as sent" in " ".join(none["5.1"].held)
    assert "no progress update or contact" in none["5.3"].held[0]


# --- the whole of Annex B as the Headteacher reads it before signing ---------------------
# Each line's evidence, word for word, in `tests/domain/data/annex-b-*.txt`: the line's key,
# then "+" for each thing APDesk holds and "-" for each contradiction.

DATA = Path(__file__).parent / "data"
MC, RM, MID = ReviewKind.MONITORING_CONTACT, ReviewKind.REVIEW_MEETING, ReviewKind.MID_POINT
MID_DAY = date(2026, 4, 20)


def _read_out(facts: ev.AnnexBFacts) -> str:
    out = []
    for key, line in ev.assess(facts).items():
        out += [key, *(f"  + {h}" for h in line.held), *(f"  - {c}" for c in line.contradictions)]
    return "\n".join(out) + "\n"


def _troubled() -> ev.AnnexBFacts:
    """Three placements (live with gaps, terminated with nothing recorded, proposed), a
    provider with no URN, no DSL, no safer-recruitment assurance and a satellite site,
    safeguarding incidents open and decided, and a training list with lapses."""
    base = _facts()
    first = base.placements[0]
    today_review = Review(
        7,
        RM,
        TODAY,
        progress=[ObjectiveProgress(1, note="Better"), ObjectiveProgress(2, rating="3")],
    )
    live = replace(
        first,
        placement=replace(
            first.placement,
            objectives=[
                Objective(ObjectiveArea.WELLBEING, "Calm"),
                Objective(ObjectiveArea.ATTENDANCE, "90%"),
                Objective(ObjectiveArea.PASTORAL, "Mentor"),
            ],
            la_notified_on=date(2026, 2, 24),
            reason=PlacementReason.OFFSITE_DIRECTION,
            direction_notice_on=date(2026, 2, 25),
            consent_given_on=None,
        ),
        slots=(
            ReviewSlot(date(2026, 3, 6), MC, met_on=date(2026, 3, 6)),
            ReviewSlot(date(2026, 3, 13), MC, closes_on=date(2026, 3, 19)),  # missed
            ReviewSlot(MID_DAY, MID, met_on=MID_DAY),
            ReviewSlot(TODAY, RM, met_on=TODAY),
            ReviewSlot(date(2026, 5, 5), RM),  # due tomorrow: not yet counted
        ),
        reviews=(*first.reviews, today_review),
        attendance=AttendanceSummary(possible=30, present=24, authorised=2, unmarked=4),
        contacts=(
            ParentContact(7, ParentContactKind.DIRECTION_NOTICE, date(2026, 2, 25), SentBy.POST),
            ParentContact(7, ParentContactKind.PROGRESS_UPDATE, date(2026, 3, 20), SentBy.EMAIL),
            ParentContact(7, ParentContactKind.PROGRESS_UPDATE, date(2026, 4, 17), SentBy.EMAIL),
            ParentContact(7, ParentContactKind.MEETING, date(2026, 4, 1), with_whom="Alex"),
        ),
        feedback=(
            ParentFeedback(7, date(2026, 4, 2), "Alex", comments="Settled"),
            ParentFeedback(7, date(2026, 3, 12), "Alex"),
        ),
    )
    ended = ev.PlacementFacts(
        replace(
            ready_placement(),
            id=8,
            pupil_id=4,
            start_date=date(2026, 1, 5),
            status=PlacementStatus.TERMINATED,
            ended_on=date(2026, 3, 27),
            reason=PlacementReason.OTHER,
            reason_note="",
            info_shared_on=None,
            objectives=[],
            exit_plan=" ",
            curriculum_plan="",
            consent_given_on=None,
            site_id=2,
        ),
        "Sky Other",
        slots=(ReviewSlot(date(2026, 3, 27), ReviewKind.EXIT, closes_on=date(2026, 4, 10)),),
        attendance=AttendanceSummary(),
        contacts=(
            ParentContact(8, ParentContactKind.LETTER, None, printed_on=date(2026, 1, 2)),
            ParentContact(8, ParentContactKind.FEEDBACK_REQUEST, date(2026, 3, 26), SentBy.POST),
        ),
    )
    proposed = ev.PlacementFacts(
        replace(
            ready_placement(),
            id=9,
            pupil_id=5,
            start_date=date(2026, 6, 1),
            status=PlacementStatus.PROPOSED,
        ),
        "Kit Later",
    )
    vetted = vetted_provider(received=date(2026, 1, 5), insurance_until=date(2026, 12, 31))
    provider = replace(
        vetted,
        ofsted_urn="",
        contacts=[],
        sites=[*vetted.sites, Site("Farm", "2 Lane", SiteKind.SATELLITE, id=2)],
        checks=[c for c in vetted.checks if c.kind is not CheckKind.SAFER_RECRUITMENT],
    )
    incidents = (
        Incident(IncidentCategory.SAFEGUARDING_CONCERN, datetime(2026, 4, 1, 10)),
        Incident(
            IncidentCategory.CHILD_ON_CHILD_ABUSE,
            datetime(2026, 4, 8, 11),
            decision="Referred to MASH",
        ),
        Incident(
            IncidentCategory.MISSING_FROM_EDUCATION,
            datetime(2026, 4, 9, 9),
            status=IncidentStatus.CLOSED,
            decision="Police told",
        ),
    )
    training = (
        StaffTraining(
            "Alex Morgan",
            policy_read_on=date(2026, 3, 2),
            policy_read_version="1.0",
            safeguarding_on=date(2025, 9, 1),
            safeguarding_expires_on=TODAY,
        ),
        StaffTraining(
            "Sam Late",
            policy_read_on=date(2025, 3, 2),
            policy_read_version="0.9",
            safeguarding_on=date(2024, 9, 1),
            safeguarding_expires_on=date(2026, 5, 3),
        ),
        StaffTraining("Gone", active=False),
        StaffTraining("Jo New"),
    )
    return replace(
        base,
        provider=provider,
        placements=(live, ended, proposed),
        incidents=incidents,
        training=training,
        policy_version="1.0",
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [(_facts, "annex-b-clean.txt"), (_troubled, "annex-b-troubled.txt")],
    ids=["a clean record", "a troubled record"],
)
def test_every_line_reads_word_for_word_as_the_headteacher_sees_it(facts, expected):
    # The troubled record, among others: a contact missed (2.2) but one due tomorrow not yet
    # counted; a review held today counted (4.3); a satellite site with no evidence of its
    # own; safeguarding training expiring today still in date, yesterday lapsed (6.3); a
    # feedback form sent the day before the placement ended is not one sent after it (5.2).
    assert _read_out(facts()) == (DATA / expected).read_text(encoding="utf-8")


# --- the edges of single lines -------------------------------------------------------------


def test_a_live_placement_is_in_scope_and_a_closed_one_without_an_end_date_counts_its_plan():
    live = replace(ready_placement(), status=PlacementStatus.ACTIVE, start_date=date(2024, 1, 8))
    assert ev.in_scope(live, TODAY)
    # Ended, no end date recorded: its planned end (1 Jun 2025) is within twelve months.
    old = replace(live, status=PlacementStatus.ENDED, planned_end_date=date(2025, 6, 1))
    assert ev.in_scope(old, TODAY)


def test_with_no_placement_or_none_started_a_line_says_which():
    none = ev.assess(_facts(placements=()))
    assert none["2.2"].held == ("No placement with this provider in the last twelve months.",)
    proposed = _with_placement(
        placement=replace(ready_placement(), status=PlacementStatus.PROPOSED)
    )
    assert ev.assess(proposed)["2.2"].held == ("No placement here has started.",)


def test_typed_text_loses_its_own_full_stop_and_spaces_but_keeps_its_last_letter():
    facts = _facts()
    plan = replace(facts.placements[0].placement, curriculum_plan="Maths with Mr X . ")
    assert ev.assess(_with_placement(placement=plan))["3.1"].held == (
        "Robin Testcase (from 2 Mar 2026): curriculum plan recorded (Maths with Mr X).",
    )


def test_an_ended_placement_shows_its_outcome():
    facts = _facts()
    ended = replace(
        facts.placements[0].placement,
        status=PlacementStatus.ENDED,
        ended_on=date(2026, 4, 24),
        outcome=PlacementOutcome.REINTEGRATED,
    )
    held = ev.assess(_with_placement(placement=ended))["1.3"].held
    assert held[-1] == "Robin Testcase (from 2 Mar 2026): Exclusion; Reintegrated."


def test_the_schools_vetting_periods_and_a_live_placements_site_are_read_for_2_1_and_2_5():
    # The school keeps vetting evidence three months: received 5 Jan, it lapsed on 5 Apr.
    # A live placement at a satellite site with no premises check of its own is named; an
    # ended one before it in the list changes nothing.
    facts = _facts()
    provider = replace(
        facts.provider,
        sites=[*facts.provider.sites, Site("Farm", "2 Lane", SiteKind.SATELLITE, id=2)],
    )
    at_farm = replace(
        facts.placements[0], placement=replace(facts.placements[0].placement, site_id=2)
    )
    ended = replace(
        at_farm,
        pupil="Sky Other",
        placement=replace(at_farm.placement, status=PlacementStatus.ENDED, ended_on=TODAY),
    )
    short = {kind: 3 for kind in CheckKind}
    lines = ev.assess(replace(facts, provider=provider, placements=(ended, at_farm), periods=short))
    line_2_1 = lines["2.1"].contradictions
    assert line_2_1[0].startswith("Riverside Learning Centre is lapsed: ")
    assert line_2_1[-1] == (
        "Robin Testcase (from 2 Mar 2026): Farm (satellite site): no evidence recorded: Premises "
        "and fire risk assessment."
    )
    assert not any("Sky Other" in c for c in line_2_1)
    assert "Safeguarding policy and named DSL expired on 5 Apr 2026." in lines["2.5"].contradictions
    in_date = ev.assess(replace(facts, provider=provider, placements=(at_farm,)))["2.1"]
    assert in_date.contradictions == (line_2_1[-1],)  # a year: only the site's own gap


def test_vetting_evidence_is_in_date_on_its_last_day():
    facts = _facts()
    checks = [
        replace(c, expires_on=TODAY) if c.kind is CheckKind.SAFEGUARDING_POLICY else c
        for c in facts.provider.checks
    ]
    line = ev.assess(replace(facts, provider=replace(facts.provider, checks=checks)))["2.5"]
    assert not line.contradicted
    yesterday = [replace(c, expires_on=date(2026, 5, 3)) for c in checks]
    line = ev.assess(replace(facts, provider=replace(facts.provider, checks=yesterday)))["2.5"]
    assert line.contradictions[0] == "Safeguarding policy and named DSL expired on 3 May 2026."


def test_a_mid_point_held_today_is_held_and_one_met_outside_the_plan_is_named():
    today = ReviewSlot(TODAY, ReviewKind.MID_POINT, met_on=TODAY)
    assert ev.assess(_with_placement(slots=(today,)))["2.3"].held == (
        "Robin Testcase (from 2 Mar 2026): mid-point review held on 4 May 2026 (due 4 May 2026).",
    )
    reviews = (
        Review(7, ReviewKind.REVIEW_MEETING, date(2026, 4, 1)),
        Review(7, ReviewKind.MID_POINT, date(2026, 4, 13)),
        Review(7, ReviewKind.MID_POINT, date(2026, 4, 20)),
    )
    plan = (ReviewSlot(date(2026, 4, 16), ReviewKind.REVIEW_MEETING, met_on=date(2026, 4, 13)),)
    assert ev.assess(_with_placement(slots=plan, reviews=reviews))["2.3"].held == (
        "Robin Testcase (from 2 Mar 2026): mid-point review held on 13 Apr 2026.",
    )


def test_incidents_are_hidden_in_words_and_each_undecided_one_is_named():
    assert ev.assess(_facts(incidents=None))["4.2"].held == (
        "Incident records are shown only to the Headteacher, DSL and deputy DSL.",
    )
    two = (
        Incident(IncidentCategory.SAFEGUARDING_CONCERN, datetime(2026, 4, 1, 10)),
        Incident(IncidentCategory.CHILD_ON_CHILD_ABUSE, datetime(2026, 4, 8, 11)),
    )
    assert len(ev.assess(_facts(incidents=two))["4.2"].contradictions) == 2


def test_an_off_site_direction_with_no_notice_date_needs_consent_or_the_notice():
    facts = _facts()
    direction = replace(
        facts.placements[0].placement,
        reason=PlacementReason.OFFSITE_DIRECTION,
        direction_notice_on=None,
        consent_given_on=None,
    )
    assert ev.assess(_with_placement(placement=direction))["5.1"].contradictions == (
        "Robin Testcase (from 2 Mar 2026): no consent or direction notice recorded.",
    )


def test_a_letter_sent_or_not_reads_plainly_with_or_without_how_and_when():
    sent = ParentContact(7, ParentContactKind.LETTER, date(2026, 2, 20))
    never = ParentContact(7, ParentContactKind.LETTER, None)
    held = ev.assess(_with_placement(contacts=(sent, never)))["5.1"].held
    assert held[1:] == (
        "Robin Testcase (from 2 Mar 2026): placement letter sent on 20 Feb 2026.",
        "Robin Testcase (from 2 Mar 2026): placement letter not recorded as sent.",
    )


def test_5_2_a_form_sent_the_day_it_ended_is_sought_and_the_wait_is_said():
    ended_on = date(2026, 3, 27)
    facts = _facts()
    ended = replace(facts.placements[0].placement, status=PlacementStatus.ENDED, ended_on=ended_on)
    during = ParentFeedback(7, date(2026, 3, 12), "Alex")
    forms = (
        ParentContact(7, ParentContactKind.FEEDBACK_REQUEST, ended_on, SentBy.POST),
        ParentContact(7, ParentContactKind.FEEDBACK_REQUEST, date(2026, 3, 2), SentBy.POST),
    )
    line = ev.assess(_with_placement(placement=ended, feedback=(during,), contacts=forms))["5.2"]
    assert not line.contradicted
    assert line.held[:3] == (
        "Robin Testcase (from 2 Mar 2026): parent feedback during the placement on 12 Mar 2026.",
        "Robin Testcase (from 2 Mar 2026): feedback form sent on 2 Mar 2026, 27 Mar 2026.",
        "Robin Testcase (from 2 Mar 2026): no parent feedback after it ended recorded yet.",
    )


def test_6_x_with_only_lapsed_staff_says_no_one_is_in_date_first_and_names_those_in_date():
    from apdesk.domain.training import StaffTraining

    lapsed = StaffTraining(
        "Sam Late", safeguarding_on=date(2024, 9, 1), safeguarding_expires_on=date(2026, 5, 3)
    )
    line = ev.assess(replace(_facts(), training=(lapsed,)))["6.3"]
    assert line.contradictions == (
        "Safeguarding training: no member of staff on the training list is in date.",
        "Safeguarding training lapsed: Sam Late (lapsed 3 May 2026).",
    )
    two = tuple(
        StaffTraining(name, safeguarding_on=date(2025, 9, 1), safeguarding_expires_on=TODAY)
        for name in ("Alex Morgan", "Jo New")
    )
    assert ev.assess(replace(_facts(), training=two))["6.3"].held == (
        "Safeguarding training: 2 in date (Alex Morgan, Jo New).",
    )


def test_a_reason_for_a_contradicted_line_is_ten_characters_and_the_refusal_counts_the_rest():
    line = ev.LineEvidence("2.4", ("x",), ("First problem.", "Second.", "Third."))
    assert ev.reason_problems([line], {"2.4": "Ten chars!"}) == []
    assert ev.reason_problems([line], {"2.4": "Nine char"}) == [
        "2.4: APDesk's records say otherwise (First problem. (and 2 more)). Write why it is "
        "ticked (at least 10 characters)."
    ]
    one = replace(line, contradictions=("Only problem.",))
    assert ev.reason_problems([one], {}) == [
        "2.4: APDesk's records say otherwise (Only problem.). Write why it is ticked (at least "
        "10 characters)."
    ]
    assert ev.reason_problems([], {"7.1": "A reason long enough.", "2.6": "Another reason."}) == [
        "Annex B has no line 2.6, 7.1: its lines run 1.1 to 6.3."
    ]


def test_a_sites_own_evidence_lapses_by_the_schools_periods_too():
    # The Farm's own premises check came on 5 Jan: in date for a year, lapsed on 5 Apr
    # when the school keeps evidence three months.
    facts = _facts()
    farm_check = VettingCheck(CheckKind.PREMISES_FIRE, date(2026, 1, 5), "DSL", site_id=2)
    provider = replace(
        facts.provider,
        sites=[*facts.provider.sites, Site("Farm", "2 Lane", SiteKind.SATELLITE, id=2)],
        checks=[*facts.provider.checks, farm_check],
    )
    at_farm = replace(
        facts.placements[0], placement=replace(facts.placements[0].placement, site_id=2)
    )
    year = ev.assess(replace(facts, provider=provider, placements=(at_farm,)))["2.1"]
    assert not year.contradicted
    short = {kind: 3 for kind in CheckKind}
    three_months = replace(facts, provider=provider, placements=(at_farm,), periods=short)
    assert [c for c in ev.assess(three_months)["2.1"].contradictions if "Farm" in c] == [
        "Robin Testcase (from 2 Mar 2026): Farm (satellite site): Premises and fire risk "
        "assessment expired on 5 Apr 2026."
    ]


def test_typed_text_ending_in_a_capital_x_keeps_it():
    facts = _facts()
    plan = replace(facts.placements[0].placement, curriculum_plan="Maths with Mr X.")
    assert ev.assess(_with_placement(placement=plan))["3.1"].held == (
        "Robin Testcase (from 2 Mar 2026): curriculum plan recorded (Maths with Mr X).",
    )


def test_a_line_with_two_contradictions_counts_one_more():
    line = ev.LineEvidence("2.4", ("x",), ("First problem.", "Second."))
    assert "(First problem. (and 1 more))" in ev.reason_problems([line], {})[0]
