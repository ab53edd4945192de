"""Which tabs the window has, in order (each says which kinds of record it opens)."""

from __future__ import annotations

from apdesk.ui.tabs.administration.tab import AdministrationTab
from apdesk.ui.tabs.ap_referrals.tab import APReferralsTab
from apdesk.ui.tabs.attendance.tab import AttendanceTab
from apdesk.ui.tabs.common.base import Tab
from apdesk.ui.tabs.complaints.tab import ComplaintsTab
from apdesk.ui.tabs.incidents.tab import IncidentsTab
from apdesk.ui.tabs.placements.tab import PlacementsTab
from apdesk.ui.tabs.providers.tab import ProvidersTab
from apdesk.ui.tabs.pupils.tab import PupilsTab
from apdesk.ui.tabs.reviews.tab import ReviewsTab
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
