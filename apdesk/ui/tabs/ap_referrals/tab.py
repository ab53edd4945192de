"""AP referrals: every pupil put forward for alternative provision, with the outcome, beside
the referral's record. "Propose a placement…" opens the Placements tab on a new placement
prefilled from the referral.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import ap_referrals as referral_service
from apdesk.services.ap_referrals import APReferralRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import Choice, ListFilter, ValueChoice
from apdesk.ui.models import Column
from apdesk.ui.tabs.ap_referrals.editor import APReferralEditor
from apdesk.ui.tabs.common.editor_tab import EditorTab

PROPOSE_FROM = "ap_referral"  # with the referral's id, the key that opens a prefilled placement


def _outcome_colour(row: APReferralRow) -> QColor | None:
    return colours.WARN if row.decision is None else None


COLUMNS: tuple[Column[APReferralRow], ...] = (
    Column("Referred", lambda r: r.referred_on),
    Column("Pupil", lambda r: r.pupil),
    Column("Reason", lambda r: r.reason, tooltip=lambda r: r.reason),
    Column("Referred by", lambda r: r.referred_by),
    Column("Provider", lambda r: r.provider),
    Column("Outcome", lambda r: r.outcome, background=_outcome_colour, tooltip=lambda r: r.outcome),
)


REFERRAL_FILTERS: tuple[ListFilter, ...] = (
    Choice(
        "Decision",
        "Any decision",
        (
            ("Being considered", lambda r: r.decision is None),
            ("Decided", lambda r: r.decision is not None),
        ),
    ),
    ValueChoice("Provider", "Any provider", lambda r: r.provider),
)


class APReferralsTab(EditorTab):
    title = "AP referrals"
    kinds = frozenset({RecordKind.AP_REFERRAL})
    permission = Permission.VIEW_PLACEMENTS
    reload_on = frozenset(
        {RecordKind.AP_REFERRAL, RecordKind.PLACEMENT, RecordKind.PUPIL, RecordKind.PROVIDER}
    )
    columns = COLUMNS
    filters = REFERRAL_FILTERS
    new_label = "&Record a referral"

    edit_permission = Permission.EDIT_PLACEMENTS

    def __init__(self, ctx: UiContext) -> None:
        editor = APReferralEditor(ctx)
        super().__init__(ctx, editor)
        editor.propose.connect(
            lambda rid: self.open_record.emit(RecordKind.PLACEMENT, (PROPOSE_FROM, rid))
        )

    def load_rows(self) -> Sequence[Any]:
        return referral_service.list_ap_referrals(self.ctx.services, self.ctx.actor)
