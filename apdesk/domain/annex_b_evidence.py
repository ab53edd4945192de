"""What APDesk holds for each of Annex B's 22 lines, and where its own records contradict a tick.

Annex B is signed per provider, so the evidence is this provider's record and its placements
that are not closed or closed within the last twelve months (`in_scope`). Each line gets
`held` (what APDesk holds, one sentence each) and `contradictions` (what in APDesk's own data
says the line is not met). A line APDesk keeps nothing for says so plainly; absence of a
record is not a contradiction, but a record that shows the line unmet is (an overdue
mid-point review against 2.3, a lapsed provider against 2.1). A contradicted line may still
be signed, with a written reason (`reason_problems`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from apdesk.domain import providers as provider_rules
from apdesk.domain.ap_referrals import outcome_text
from apdesk.domain.attendance import AttendanceSummary
from apdesk.domain.calendar import add_months
from apdesk.domain.checklists import ANNEX_B_ITEMS
from apdesk.domain.entities import (
    APReferral,
    Incident,
    ParentContact,
    ParentFeedback,
    Placement,
    Provider,
    Review,
    Staff,
)
from apdesk.domain.enums import (
    AttendeeParty,
    CheckKind,
    FeedbackStage,
    IncidentStatus,
    ObjectiveArea,
    ParentContactKind,
    PlacementReason,
    PlacementStatus,
    ProviderState,
    ReviewKind,
)
from apdesk.domain.formatting import counted as count_of
from apdesk.domain.formatting import format_date
from apdesk.domain.incidents import is_safeguarding
from apdesk.domain.labels import label
from apdesk.domain.parents import SENT_BY_WORDS
from apdesk.domain.reviews import ReviewSlot, SlotStatus
from apdesk.domain.training import StaffTraining, TrainingKind
from apdesk.domain.training import summary as training_summary

MIN_REASON_LENGTH = 10
#: Days after a placement ends before missing feedback after it counts against 5.2.
AFTER_FEEDBACK_DAYS = 28
INFORMED_KINDS = frozenset({ParentContactKind.LETTER, ParentContactKind.DIRECTION_NOTICE})
TOLD_KINDS = frozenset(
    {
        ParentContactKind.PROGRESS_UPDATE,
        ParentContactKind.CALL,
        ParentContactKind.MEETING,
        ParentContactKind.MESSAGE,
    }
)
CONTACT_KINDS = frozenset(
    {ReviewKind.MONITORING_CONTACT, ReviewKind.VISIT, ReviewKind.REVIEW_MEETING}
)
UNMET = frozenset({SlotStatus.OVERDUE, SlotStatus.MISSED})
NOT_IN_APDESK = "APDesk keeps no record for this line: it rests on the signer's own knowledge."


@dataclass(frozen=True)
class PlacementFacts:
    """One placement with what the services read for it."""

    placement: Placement
    pupil: str
    slots: Sequence[ReviewSlot] = ()
    reviews: Sequence[Review] = ()
    attendance: AttendanceSummary | None = None
    contacts: Sequence[ParentContact] = ()  # letters, notices, updates and contacts (§10)
    feedback: Sequence[ParentFeedback] = ()

    @property
    def name(self) -> str:
        return f"{self.pupil} (from {format_date(self.placement.start_date)})"

    @property
    def started(self) -> bool:
        return self.placement.status in (
            PlacementStatus.ACTIVE,
            PlacementStatus.ENDED,
            PlacementStatus.TERMINATED,
        )

    @property
    def live(self) -> bool:
        return self.placement.is_live


@dataclass(frozen=True)
class ReferralFacts:
    """An AP referral that named this provider or led to a placement with it."""

    referral: APReferral
    pupil: str

    @property
    def text(self) -> str:
        r = self.referral
        return (
            f"AP referral of {self.pupil} on {format_date(r.referred_on)} "
            f"({_clause(r.reason)}): {_clause(outcome_text(r))}."
        )


@dataclass(frozen=True)
class AnnexBFacts:
    """Everything the lines are read from. `incidents` is None when the reader may not see
    safeguarding detail (then the lines say so rather than count)."""

    provider: Provider
    today: date
    placements: Sequence[PlacementFacts] = ()
    incidents: Sequence[Incident] | None = ()
    staff: Sequence[Staff] = ()
    training: Sequence[StaffTraining] = ()
    policy_version: str = ""
    periods: Mapping[CheckKind, int] = field(default_factory=lambda: provider_rules.DEFAULT_PERIODS)
    referrals: Sequence[ReferralFacts] = ()


@dataclass(frozen=True)
class LineEvidence:
    key: str
    held: tuple[str, ...]
    contradictions: tuple[str, ...] = ()

    @property
    def contradicted(self) -> bool:
        return bool(self.contradictions)


def in_scope(placement: Placement, today: date) -> bool:
    """Not closed, or closed within the last twelve months."""
    if not placement.is_closed:
        return True
    last = placement.ended_on or placement.planned_end_date or placement.start_date
    return add_months(last, 12) >= today


def _clause(text: str) -> str:
    """Typed text set inside a sentence: no full stop of its own before ours or a bracket."""
    return text.strip().rstrip(".").rstrip()


Lines = tuple[list[str], list[str]]
NO_PLACEMENTS = "No placement with this provider in the last twelve months."


def _each(
    facts: AnnexBFacts,
    only: Callable[[PlacementFacts], bool],
    say: Callable[[PlacementFacts], Lines],
) -> Lines:
    """Each chosen placement's sentences; one plain sentence when none is chosen."""
    held: list[str] = []
    against: list[str] = []
    chosen = [p for p in facts.placements if only(p)]
    for item in chosen:
        h, c = say(item)
        held += h
        against += c
    if not chosen:
        held.append(NO_PLACEMENTS if not facts.placements else "No placement here has started.")
    return held, against


def _any(_: PlacementFacts) -> bool:
    return True


def _started(p: PlacementFacts) -> bool:
    return p.started


def _live_or_started(p: PlacementFacts) -> bool:
    return p.live or p.started


def _line_1_2(facts: AnnexBFacts) -> Lines:
    return _each(
        facts,
        _any,
        lambda p: ([f"{p.name}: {label(p.placement.status).lower()}."], []),
    )


def _line_1_3(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        pl = p.placement
        if pl.reason is PlacementReason.OTHER and not pl.reason_note.strip():
            return [], [f"{p.name}: no reason for the placement is recorded."]
        why = label(pl.reason) + (f" ({_clause(pl.reason_note)})" if pl.reason_note.strip() else "")
        outcome = label(pl.outcome) if pl.outcome else label(pl.status).lower()
        return [f"{p.name}: {why}; {outcome}."], []

    held, against = _each(facts, _any, say)
    unreferred = [
        p.name for p in facts.placements if p.started and p.placement.ap_referral_id is None
    ]
    referrals = [r.text for r in facts.referrals] or [
        "No AP referral naming this provider recorded in the last twelve months."
    ]
    if unreferred:
        referrals.append("Started with no AP referral recorded: " + ", ".join(unreferred) + ".")
    return referrals + held, against


def _line_1_4(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        pl = p.placement
        held, against = [], []
        if pl.info_shared_on:
            held.append(
                f"{p.name}: information shared with the provider on "
                f"{format_date(pl.info_shared_on)}."
            )
        else:
            against.append(f"{p.name}: no date recorded for sharing information with the provider.")
        if pl.la_notified_on:
            held.append(f"{p.name}: LA told on {format_date(pl.la_notified_on)}.")
        return held, against

    return _each(facts, _live_or_started, say)


_VETTING = {
    ProviderState.APPROVED: "vetted and approved",
    ProviderState.LAPSED: "vetting lapsed",
    ProviderState.NOT_VETTED: "not vetted",
}


def _line_2_1(facts: AnnexBFacts) -> Lines:
    provider = facts.provider
    status = provider_rules.provider_status(provider, facts.today, facts.periods)
    registered = (
        f"Ofsted URN {provider.ofsted_urn}" if provider.ofsted_urn else "no Ofsted URN recorded"
    )
    held = [f"{provider.name}: {label(provider.kind)}, {registered}; {_VETTING[status.state]}."]
    against = [f"{provider.name} is {label(status.state).lower()}: {r}" for r in status.reasons]
    for p in facts.placements:
        if not p.live:
            continue
        site = provider_rules.placement_provider_status(
            provider, p.placement.site_id, facts.today, facts.periods
        )
        against += [f"{p.name}: {r}" for r in site.reasons if r not in status.reasons]
    return held, against


def _slot_text(slot: ReviewSlot, today: date) -> str:
    state = slot.status(today)
    if slot.met_on is not None and slot.met_on <= today:
        return f"held on {format_date(slot.met_on)} (due {format_date(slot.due_on)})"
    return f"{label(state).lower()}, due {format_date(slot.due_on)}"


def _line_2_2(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        contacts = [s for s in p.slots if s.kind in CONTACT_KINDS and s.due_on <= facts.today]
        met = sum(1 for s in contacts if s.met_on is not None and s.met_on <= facts.today)
        late = [s for s in contacts if s.status(facts.today) in UNMET]
        against = [f"{p.name}: {label(s.kind).lower()} {_slot_text(s, facts.today)}." for s in late]
        return [f"{p.name}: {met} of {len(contacts)} contacts due so far held."], against

    return _each(facts, _started, say)


def _line_2_3(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        mids = [s for s in p.slots if s.kind is ReviewKind.MID_POINT]
        if not mids:
            days = [r.held_on for r in p.reviews if r.kind is ReviewKind.MID_POINT]
            if days:  # a late mid-point can meet an earlier slot of the plan instead
                return [f"{p.name}: mid-point review held on {format_date(days[0])}."], []
            return [f"{p.name}: no mid-point review in its plan."], []

        def text(slot: ReviewSlot) -> str:
            return f"{p.name}: mid-point review {_slot_text(slot, facts.today)}."

        held = [text(s) for s in mids if s.status(facts.today) not in UNMET]
        return held, [text(s) for s in mids if s.status(facts.today) in UNMET]

    return _each(facts, _started, say)


def _line_2_4(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        a = p.attendance
        if a is None or not a.possible:
            return [f"{p.name}: no session due yet."], []
        rate = f"{a.present} of {a.possible} sessions present"
        if a.unmarked:
            return [f"{p.name}: {rate}."], [
                f"{p.name}: {count_of(a.unmarked, 'session')} past the register's close "
                "not yet coded."
            ]
        return [f"{p.name}: {rate}; every session coded."], []

    return _each(facts, _started, say)


def _line_2_5(facts: AnnexBFacts) -> Lines:
    provider = facts.provider
    current = provider_rules.current_checks(provider, facts.today)
    held, against = [], []
    for kind in (CheckKind.SAFEGUARDING_POLICY, CheckKind.SAFER_RECRUITMENT):
        check = current.get(kind)
        expiry = provider_rules.effective_expiry(check, facts.periods) if check else None
        if check is None:
            against.append(f"No evidence recorded: {label(kind)}.")
        elif expiry is not None and expiry < facts.today:
            against.append(f"{label(kind)} expired on {format_date(expiry)}.")
        else:
            held.append(
                f"{label(kind)} received {format_date(check.received_on)}, "
                f"checked by {check.checked_by}."
            )
    dsl = provider.dsl
    if dsl is None:
        against.append("No named DSL among the provider's contacts.")
    else:
        held.append(f"Provider's DSL: {dsl.name}.")
    return held, against


def _line_3_1(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        plan = p.placement.curriculum_plan.strip()
        if not plan:
            return [], [f"{p.name}: no curriculum plan recorded."]
        return [f"{p.name}: curriculum plan recorded ({_clause(plan)})."], []

    return _each(facts, _live_or_started, say)


def _line_3_2(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        objectives = p.placement.objectives
        if not objectives:
            return [], [f"{p.name}: no objectives (learning plan) recorded."]
        areas = ", ".join(sorted({label(o.area).lower() for o in objectives}))
        return [f"{p.name}: {count_of(len(objectives), 'objective')}: {areas}."], []

    return _each(facts, _live_or_started, say)


def _line_3_3(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        notes = sum(1 for r in p.reviews for g in r.progress if g.note.strip() or g.rating.strip())
        reviews = count_of(len(p.reviews), "review")
        held = [f"{p.name}: {count_of(notes, 'progress note')} over {reviews}."]
        if not p.placement.exit_plan.strip():
            return held, [f"{p.name}: no reintegration (exit) plan recorded."]
        return held, []

    return _each(facts, _live_or_started, say)


def _incidents(facts: AnnexBFacts, safeguarding: bool) -> Lines:
    if facts.incidents is None:
        return ["Incident records are shown only to the Headteacher, DSL and deputy DSL."], []
    chosen = [i for i in facts.incidents if is_safeguarding(i) == safeguarding]
    kind = "safeguarding" if safeguarding else "other"
    if not chosen:
        return [f"No {kind} incident recorded at this provider in the last twelve months."], []
    open_ = [i for i in chosen if i.status is IncidentStatus.OPEN]
    held = [f"{count_of(len(chosen), f'{kind} incident')} recorded, {len(open_)} open."]
    if not safeguarding:
        return held, []
    return held, [
        f"{label(i.category)} on {format_date(i.occurred_at.date())} "
        "is open with no decision recorded."
        for i in open_
        if not i.decision.strip()
    ]


def _line_4_3(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        held_reviews = [r for r in p.reviews if r.held_on <= facts.today]
        if not held_reviews:
            return [], [f"{p.name}: no review or contact has been held."]
        last = max(r.held_on for r in held_reviews)
        return [
            f"{p.name}: {count_of(len(held_reviews), 'review')} held, "
            f"the last on {format_date(last)}."
        ], []

    return _each(facts, _started, say)


def _line_4_4(facts: AnnexBFacts) -> Lines:
    pastoral = {ObjectiveArea.PASTORAL, ObjectiveArea.WELLBEING, ObjectiveArea.REINTEGRATION}

    def say(p: PlacementFacts) -> Lines:
        pl = p.placement
        if not pl.exit_plan.strip():
            return [], [f"{p.name}: no reintegration plan recorded."]
        support = sum(1 for o in pl.objectives if o.area in pastoral)
        return [
            f"{p.name}: reintegration plan recorded; {support} pastoral, wellbeing "
            f"or reintegration objective{'' if support == 1 else 's'}."
        ], []

    return _each(facts, _live_or_started, say)


def _line_5_1(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        pl = p.placement
        if pl.reason is PlacementReason.OFFSITE_DIRECTION and pl.direction_notice_on:
            return [f"{p.name}: direction notice dated {format_date(pl.direction_notice_on)}."], []
        if pl.consent_given_on:
            # no parent's name: Annex B is read by governors too
            return [
                f"{p.name}: parental consent recorded on {format_date(pl.consent_given_on)}."
            ], []
        return [], [f"{p.name}: no consent or direction notice recorded."]

    def letters(p: PlacementFacts) -> Lines:
        found = [c for c in p.contacts if c.kind in INFORMED_KINDS]
        if not found:
            return [f"{p.name}: no letter or notice to parents recorded as sent."], []
        return [f"{p.name}: {_sent_text(c)}." for c in found], []

    held, against = _each(facts, _live_or_started, say)
    more, _ = _each(facts, _live_or_started, letters)
    return held + [m for m in more if m not in held], against


def _sent_text(contact: ParentContact) -> str:
    """A letter or contact without the parent's name (Annex B is read by governors too)."""
    what = label(contact.kind).lower()
    if contact.on is None:
        printed = f" printed {format_date(contact.printed_on)}," if contact.printed_on else ""
        return f"{what}{printed} not recorded as sent"
    how = f" {SENT_BY_WORDS[contact.sent_by]}" if contact.sent_by else ""
    return f"{what} sent{how} on {format_date(contact.on)}"


def _parents_at_reviews(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        with_parent = sum(
            1 for r in p.reviews if any(a.party is AttendeeParty.PARENT for a in r.attendees)
        )
        return [f"{p.name}: a parent at {with_parent} of {count_of(len(p.reviews), 'review')}."], []

    return _each(facts, _started, say)


def _line_5_2(facts: AnnexBFacts) -> Lines:
    """Feedback during each placement, and after each ended one: missing for a placement
    that has ended (and, after it, once `AFTER_FEEDBACK_DAYS` have passed with no form sent)
    contradicts the line."""

    def say(p: PlacementFacts) -> Lines:
        held: list[str] = []
        against: list[str] = []
        ended = p.placement.ended_on  # set only when it ends or is terminated
        for stage, words in ((FeedbackStage.DURING, "during"), (FeedbackStage.AFTER, "after")):
            days = [f.received_on for f in p.feedback if f.stage is stage]
            if days:
                when = ", ".join(format_date(d) for d in sorted(days))
                held.append(f"{p.name}: parent feedback {words} the placement on {when}.")
        asked = [
            c.on
            for c in p.contacts
            if c.kind is ParentContactKind.FEEDBACK_REQUEST and c.on is not None
        ]
        if asked:
            when = ", ".join(format_date(d) for d in sorted(asked))
            held.append(f"{p.name}: feedback form sent on {when}.")
        during = any(f.stage is FeedbackStage.DURING for f in p.feedback)
        after = any(f.stage is FeedbackStage.AFTER for f in p.feedback)
        if ended is None:
            if not during:
                held.append(f"{p.name}: no parent feedback recorded yet.")
            return held, against
        if not during:
            against.append(f"{p.name}: ended {format_date(ended)} with no parent feedback "
                           "recorded during it.")  # fmt: skip
        sought_after = any(d >= ended for d in asked)
        waited = (facts.today - ended).days > AFTER_FEEDBACK_DAYS
        if not after and not sought_after and waited:
            against.append(f"{p.name}: ended {format_date(ended)}; no parent feedback after "
                           "it ended recorded, nor a feedback form sent since.")  # fmt: skip
        elif not after:
            held.append(f"{p.name}: no parent feedback after it ended recorded yet.")
        return held, against

    held, against = _each(facts, _started, say)
    at_reviews, _ = _parents_at_reviews(facts)
    return held + at_reviews, against


def _calls(number: int) -> str:
    """'1 call, meeting or message', '2 calls, meetings or messages'."""
    return (
        f"{number} call, meeting or message"
        if number == 1
        else (f"{number} calls, meetings or messages")
    )


def _line_5_3(facts: AnnexBFacts) -> Lines:
    def say(p: PlacementFacts) -> Lines:
        told = [c for c in p.contacts if c.kind in TOLD_KINDS and c.on is not None]
        updates = sum(1 for c in told if c.kind is ParentContactKind.PROGRESS_UPDATE)
        if not told:
            return [f"{p.name}: no progress update or contact with parents recorded."], []
        last = max(c.on for c in told if c.on is not None)
        return [
            f"{p.name}: {count_of(updates, 'progress update')} sent and "
            f"{_calls(len(told) - updates)}, the last on {format_date(last)}."
        ], []

    held, against = _each(facts, _started, say)
    at_reviews, _ = _parents_at_reviews(facts)
    return held + at_reviews, against


def _trained(facts: AnnexBFacts, kind: TrainingKind, what: str) -> Lines:
    """6.x from the staff training list: who is in date, who has lapsed (a contradiction),
    and how many have nothing recorded (said, not counted against the line, unless no one
    at all is in date: then the list contradicts the line)."""
    if not any(r.active for r in facts.training):
        return ["No staff on the training list (Staff training).", NOT_IN_APDESK], []
    in_date, lapsed, missing = training_summary(
        facts.training, kind, facts.today, facts.policy_version
    )
    held = [f"{what}: {len(in_date)} in date" + (f" ({', '.join(in_date)})." if in_date else ".")]
    if missing:
        held.append(
            f"{missing} member{'' if missing == 1 else 's'} of staff with nothing recorded."
        )
    against = [f"{what} lapsed: {name}." for name in lapsed]
    if not in_date:  # a tick here would claim what the school's own list does not show
        against.insert(0, f"{what}: no member of staff on the training list is in date.")
    return held, against


_RULES: Mapping[str, Callable[[AnnexBFacts], Lines]] = {
    "1.1": lambda f: ([NOT_IN_APDESK], []),
    "1.2": _line_1_2,
    "1.3": _line_1_3,
    "1.4": _line_1_4,
    "2.1": _line_2_1,
    "2.2": _line_2_2,
    "2.3": _line_2_3,
    "2.4": _line_2_4,
    "2.5": _line_2_5,
    "3.1": _line_3_1,
    "3.2": _line_3_2,
    "3.3": _line_3_3,
    "4.1": lambda f: _incidents(f, safeguarding=False),
    "4.2": lambda f: _incidents(f, safeguarding=True),
    "4.3": _line_4_3,
    "4.4": _line_4_4,
    "5.1": _line_5_1,
    "5.2": _line_5_2,
    "5.3": _line_5_3,
    "6.1": lambda f: _trained(f, TrainingKind.POLICY_READ, "Read the policy in force"),
    "6.2": lambda f: _trained(f, TrainingKind.AP_PROCEDURES, "AP-procedures training"),
    "6.3": lambda f: _trained(f, TrainingKind.SAFEGUARDING, "Safeguarding training"),
}


def assess(facts: AnnexBFacts) -> dict[str, LineEvidence]:
    """Each Annex B line's evidence, by key, in policy order."""
    result = {}
    for item in ANNEX_B_ITEMS:
        held, against = _RULES[item.key](facts)
        result[item.key] = LineEvidence(item.key, tuple(held), tuple(dict.fromkeys(against)))
    return result


def contradicted_ticks(
    evidence: Mapping[str, LineEvidence], ticked: Iterable[str]
) -> list[LineEvidence]:
    """The ticked lines APDesk's own records contradict, in policy order."""
    done = set(ticked)
    return [e for key, e in evidence.items() if key in done and e.contradicted]


def reason_problems(contradicted: Sequence[LineEvidence], reasons: Mapping[str, str]) -> list[str]:
    """What is missing before a contradicted Annex B can be signed: a written reason
    (at least ten characters) for each contradicted ticked line."""
    problems = []
    for line in contradicted:
        text = reasons.get(line.key, "").strip()
        if len(text) < MIN_REASON_LENGTH:
            first = line.contradictions[0]
            more = (
                f" (and {len(line.contradictions) - 1} more)"
                if len(line.contradictions) > 1
                else ""
            )
            problems.append(
                f"{line.key}: APDesk's records say otherwise ({first}{more}). "
                f"Write why it is ticked (at least {MIN_REASON_LENGTH} characters)."
            )
    unknown = sorted(set(reasons) - {item.key for item in ANNEX_B_ITEMS})
    if unknown:
        problems.append("Annex B has no line " + ", ".join(unknown) + ": its lines run 1.1 to 6.3.")
    return problems
