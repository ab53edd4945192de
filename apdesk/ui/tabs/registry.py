"""Which tabs the window has, in order, as plain data: a tab's module is imported only when
the tab is first shown (or a record of its kind must open in it), so the signed-in window
shows after importing Today's tab alone. tests/ui/test_tab_registry.py checks each entry
against its class's own `title`, `kinds` and `allowed`, so they cannot drift apart.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind as K

if TYPE_CHECKING:
    from apdesk.ui.context import UiContext
    from apdesk.ui.tabs.common.base import Tab

P = Permission


@dataclass(frozen=True)
class TabEntry:
    module: str
    class_name: str
    title: str
    permissions: tuple[Permission, ...]  # any one of them gives the tab
    kinds: frozenset[K]  # the kinds of record it opens

    def allowed(self, ctx: UiContext) -> bool:
        return any(ctx.may(p) for p in self.permissions)

    def load(self) -> type[Tab]:
        cls: type[Tab] = getattr(importlib.import_module(self.module), self.class_name)
        return cls


def _tab(module: str, name: str, title: str, kind: K, *permissions: Permission) -> TabEntry:
    return TabEntry(f"apdesk.ui.tabs.{module}", name, title, permissions, frozenset({kind}))


TABS: tuple[TabEntry, ...] = (
    _tab("today", "TodayTab", "Today", K.ACTION, P.VIEW_PUPILS),
    _tab("pupils.tab", "PupilsTab", "Pupils", K.PUPIL, P.VIEW_PUPILS),
    _tab("providers.tab", "ProvidersTab", "Providers", K.PROVIDER, P.VIEW_PROVIDERS),
    _tab("ap_referrals.tab", "APReferralsTab", "AP referrals", K.AP_REFERRAL, P.VIEW_PLACEMENTS),
    _tab("placements.tab", "PlacementsTab", "Placements", K.PLACEMENT, P.VIEW_PLACEMENTS),
    _tab("attendance.tab", "AttendanceTab", "Attendance", K.ATTENDANCE, P.VIEW_ATTENDANCE),
    _tab("reviews.tab", "ReviewsTab", "Reviews", K.REVIEW, P.VIEW_REVIEWS),
    _tab("incidents.tab", "IncidentsTab", "Incidents", K.INCIDENT, P.VIEW_INCIDENTS),
    _tab("complaints.tab", "ComplaintsTab", "Complaints", K.COMPLAINT, P.MANAGE_COMPLAINTS),
    _tab(
        "administration.tab",
        "AdministrationTab",
        "Administration",
        K.STAFF,
        P.MANAGE_STAFF,
        P.MANAGE_BACKUPS,
    ),
    _tab("training", "TrainingTab", "Staff training", K.STAFF_TRAINING, P.MANAGE_TRAINING),
)
