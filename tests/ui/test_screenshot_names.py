"""`make screenshots` names each tab's file by its title: one name per tab, lower case, no
spaces, and none the same as a fixed shot (a number by position once made "08-incidents"
sit beside "08-administration", and "04-ap referrals.png")."""

from __future__ import annotations

import re

from apdesk.ui.screenshot_extras import shot_name
from apdesk.ui.tabs.registry import TABS


def test_every_tab_has_its_own_plain_name():
    names = [shot_name(tab.title) for tab in TABS]
    extras = [
        shot_name("Providers", "Annex B"),
        shot_name("Placements", "Parents"),
        shot_name("Placements", "parent letter preview"),
        shot_name("Placements", "letters for chosen placements"),
    ]
    assert len(set(names + extras)) == len(names) + len(extras)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names + extras)
    assert shot_name("AP referrals") == "tab-ap-referrals"
    assert shot_name("Staff training") == "tab-staff-training"
