"""Which tabs the window has, in order, and which tab opens which kind of record."""

from __future__ import annotations

from collections.abc import Sequence

from apdesk.ui.tabs.administration import AdministrationTab
from apdesk.ui.tabs.ap_referrals import APReferralsTab
from apdesk.ui.tabs.attendance import AttendanceTab
from apdesk.ui.tabs.base import Tab
from apdesk.ui.tabs.complaints import ComplaintsTab
from apdesk.ui.tabs.incidents import IncidentsTab
from apdesk.ui.tabs.placements import PlacementsTab
from apdesk.ui.tabs.providers import ProvidersTab
from apdesk.ui.tabs.pupils import PupilsTab
from apdesk.ui.tabs.reviews import ReviewsTab
from apdesk.ui.tabs.today import TodayTab
from apdesk.ui.tabs.training import TrainingTab

TABS: tuple[type[Tab], ...] = (
    TodayTab,
    PupilsTab,
    ProvidersTab,
    APReferralsTab,
    PlacementsTab,
    AttendanceTab,
    ReviewsTab,
    IncidentsTab,
    ComplaintsTab,
    AdministrationTab,
    TrainingTab,
)


def tab_for(kind: str, pages: Sequence[Tab]) -> Tab | None:
    return next((page for page in pages if kind in page.kinds), None)
