"""Rules for AP referrals (Annex B 1.3: "AP referral records (reason, date, outcome)").

A referral names the pupil, the reason, the date and who made it; nothing in it may be dated
in the future. A decision (placed, declined, withdrawn, referred to the local authority)
always comes with its date and a written reason, no earlier than the referral. "Placed"
needs a placement proposed from the referral. A pupil has at most one referral still being
considered: a second one is refused until the first is decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from apdesk.domain.entities import APReferral, Placement
from apdesk.domain.enums import APReferralDecision
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label


def referral_problems(
    referral: APReferral,
    today: date,
    *,
    others: Iterable[APReferral] = (),
    has_placement: bool = False,
) -> list[str]:
    """Everything wrong with the referral as it would be saved, in plain English.

    `others` are the pupil's other referrals; `has_placement`, whether a placement was
    proposed from this one.
    """
    problems = []
    if referral.pupil_id is None:
        problems.append("Choose the pupil being referred.")
    if referral.referred_on > today:
        problems.append(
            f"The referral date ({format_date(referral.referred_on)}) is in the future: "
            "record a referral once it has been made."
        )
    if not referral.reason.strip():
        problems.append("Write the reason for the referral.")
    if not referral.referred_by.strip():
        problems.append("Say who made the referral.")
    problems += _decision_problems(referral, today, has_placement)
    problems += _duplicate_problems(referral, others)
    return problems


def _decision_problems(referral: APReferral, today: date, has_placement: bool) -> list[str]:
    decision = referral.decision
    if decision is None:
        if referral.decided_on is not None or referral.decision_reason.strip():
            return ["Choose the decision, or clear its date and reason."]
        return []
    what = label(decision).lower()
    problems = []
    if referral.decided_on is None:
        problems.append(f"Enter the date the referral was {what}.")
    elif referral.decided_on > today:
        problems.append(
            f"The decision date ({format_date(referral.decided_on)}) is in the future: "
            "record the decision once it has been made."
        )
    elif referral.decided_on < referral.referred_on:
        problems.append(
            f"The decision date ({format_date(referral.decided_on)}) is before the referral "
            f"({format_date(referral.referred_on)})."
        )
    if not referral.decision_reason.strip():
        problems.append(f"Write why the referral was {what}: the reason is part of the record.")
    if decision is APReferralDecision.PLACED and not has_placement:
        problems.append(
            "A referral is placed once a placement has been proposed from it: "
            "use Propose a placement first."
        )
    return problems


def _duplicate_problems(referral: APReferral, others: Iterable[APReferral]) -> list[str]:
    if not referral.is_open:
        return []
    for other in others:
        if other.id != referral.id and other.pupil_id == referral.pupil_id and other.is_open:
            return [
                f"This pupil already has a referral made on {format_date(other.referred_on)} "
                "still being considered: record its decision first, or add to it."
            ]
    return []


def proposal_problems(referral: APReferral) -> list[str]:
    """Why a placement cannot be proposed from this referral (declined or withdrawn)."""
    if referral.decision in (APReferralDecision.DECLINED, APReferralDecision.WITHDRAWN):
        return [
            f"This referral was {label(referral.decision).lower()}: a placement cannot be "
            "proposed from it. Record a new referral if things have changed."
        ]
    return []


def draft_placement(referral: APReferral, start: date, weeks: int = 12) -> Placement:
    """A proposed placement prefilled from the referral: pupil, provider and reason."""
    return Placement(
        referral.pupil_id,
        referral.provider_id,
        start,
        start + timedelta(weeks=weeks),
        reason=referral.reason_kind,
        reason_note=referral.reason.strip(),
        ap_referral_id=referral.id,
    )


class Decided(Protocol):
    """What `outcome_text` reads of a referral (an `APReferral`, or a list's plain row)."""

    @property
    def decision(self) -> APReferralDecision | None: ...

    @property
    def decided_on(self) -> date | None: ...

    @property
    def decision_reason(self) -> str: ...


def outcome_text(referral: Decided) -> str:
    """'Declined on 3 Oct 2026: ...' or 'Being considered' (for lists and documents)."""
    decision = referral.decision
    if decision is None:
        return "Being considered"
    on, why = referral.decided_on, referral.decision_reason.strip()  # each read once: a list
    when = f" on {format_date(on)}" if on else ""  # asks this of every referral
    return f"{label(decision)}{when}: {why}" if why else f"{label(decision)}{when}"
