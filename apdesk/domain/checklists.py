"""Annex A (per placement) and Annex B (per provider) checklists, worded exactly as the policy.

Item keys are stable identifiers stored in `ChecklistItemState.key`; the texts are
copied verbatim from the Alternative Provision Policy (v1.0, March 2026).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from apdesk.domain.entities.checklist_state import (
    AnnexAItemState,
    AnnexBItemState,
    ChecklistItemState,
)


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str


@dataclass(frozen=True)
class AnnexBSection:
    number: int
    title: str
    items: tuple[ChecklistItem, ...]

    @property
    def heading(self) -> str:
        return f"Section {self.number}: {self.title}"


ANNEX_A_TITLE = "Annex A — AP checklist (to be completed before placement)"
ANNEX_B_TITLE = "Annex B - Alternative Provision Policy Compliance Checklist"
ANNEX_B_SIGN_OFF = (
    "I confirm that all sections of the Alternative Provision Policy have been reviewed "
    "and actions completed or in place."
)

_A_TEXTS = (
    ("provider_log", "Log of provider name, address, contact details, Ofsted URN (if registered)."),
    ("objectives", "Written objectives and duration of placement"),
    (
        "safer_recruitment",
        "Evidence of safer recruitment checks for staff working with the pupil (summary).",
    ),
    ("safeguarding_policy", "Provider Safeguarding Policy and named safeguarding lead details."),
    ("risk_assessment", "Risk assessment (travel, site hazards, health needs)."),
    ("curriculum", "Curriculum plan and assessment arrangements."),
    ("insurance", "Insurance, first aid and health & safety confirmation from provider."),
    ("transport", "Transport arrangements and consent."),
    ("parental_consent", "Parental consent (unless off site direction) and contact details."),
    ("reviews", "Review dates and reporting schedule."),
)

ANNEX_A: tuple[ChecklistItem, ...] = tuple(ChecklistItem(k, t) for k, t in _A_TEXTS)

_B_TEXTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Legal Duties & Referrals",
        (
            "School aware of Section 19 Education Act 1996 duty for AP",
            "School identifies pupils requiring AP and refers promptly",
            "School maintains AP referral records (reason, date, outcome)",
            "School liaises with LA and AP provider regarding curriculum, attendance, safeguarding",
        ),
    ),
    (
        "AP Provider Selection & Monitoring",
        (
            "AP providers are Ofsted-registered and safeguarding compliant",
            "Weekly or agreed regular contact with provider for monitoring",
            "Mid-point reviews for each placement with pupil, school, provider",
            "Attendance records shared and absences reported promptly",
            "Provider follows KCSiE 2025 safeguarding requirements",
        ),
    ),
    (
        "Curriculum & Learning",
        (
            "AP learning aligns with statutory curriculum",
            "Individual Learning Plan (ILP) or equivalent in place",
            "School monitors academic progress and reintegration plans",
        ),
    ),
    (
        "Behaviour & Welfare",
        (
            "Clear behaviour reporting and management process in AP",
            "Child-on-child abuse or safeguarding incidents logged and followed up",
            "School monitors pupil wellbeing and pastoral support",
            "Reintegration plan includes emotional, social, behavioural support",
        ),
    ),
    (
        "Parental Engagement & Communication",
        (
            "Parents informed of AP rationale, expectations, duration",
            "Parent feedback sought during placement and post-reintegration",
            "School communicates progress, attendance, and welfare",
        ),
    ),
    (
        "Policy Awareness & Staff Training",
        (
            "Staff aware of AP policy, roles, responsibilities",
            "Key staff trained on AP procedures",
            "Staff understand reporting, safeguarding, communication processes",
        ),
    ),
)

ANNEX_B: tuple[AnnexBSection, ...] = tuple(
    AnnexBSection(
        number=n,
        title=title,
        items=tuple(ChecklistItem(f"{n}.{i}", text) for i, text in enumerate(texts, 1)),
    )
    for n, (title, texts) in enumerate(_B_TEXTS, 1)
)

ANNEX_B_ITEMS: tuple[ChecklistItem, ...] = tuple(i for s in ANNEX_B for i in s.items)


def _outstanding(
    items: Iterable[ChecklistItem], states: Iterable[ChecklistItemState]
) -> list[ChecklistItem]:
    done = {s.key for s in states if s.done}
    return [item for item in items if item.key not in done]


def annex_a_outstanding(states: Iterable[ChecklistItemState]) -> list[ChecklistItem]:
    """Annex A items not yet ticked, in policy order."""
    return _outstanding(ANNEX_A, states)


def annex_b_outstanding(states: Iterable[ChecklistItemState]) -> list[ChecklistItem]:
    """Annex B requirements not yet ticked, in policy order."""
    return _outstanding(ANNEX_B_ITEMS, states)


def annex_a_complete(states: Iterable[ChecklistItemState]) -> bool:
    return not annex_a_outstanding(states)


def annex_b_complete(states: Iterable[ChecklistItemState]) -> bool:
    return not annex_b_outstanding(states)


def blank_annex_a(placement_id: int | None = None) -> list[AnnexAItemState]:
    """One unticked state per Annex A item, for a new placement."""
    return [AnnexAItemState(key=i.key, placement_id=placement_id) for i in ANNEX_A]


def blank_annex_b(provider_id: int | None = None) -> list[AnnexBItemState]:
    """One unticked state per Annex B requirement, for a new provider."""
    return [AnnexBItemState(key=i.key, provider_id=provider_id) for i in ANNEX_B_ITEMS]
