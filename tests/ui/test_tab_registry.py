"""The registry's plain data (title, permission, kinds) is what each tab class says itself,
and the main window's modules import no tab: each waits until it is first shown."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from typing import Any, cast

import pytest

from apdesk.domain.permissions import Permission
from apdesk.ui.tabs.registry import TABS, TabEntry


@pytest.mark.parametrize("entry", TABS, ids=lambda e: e.title)
def test_each_entry_agrees_with_its_tab_class(entry: TabEntry) -> None:
    cls = entry.load()
    assert (cls.__name__, cls.title, cls.kinds) == (entry.class_name, entry.title, entry.kinds)
    for only in [None, *Permission]:
        ctx = cast(Any, SimpleNamespace(may=lambda p, only=only: p == only))
        assert entry.allowed(ctx) == cls.allowed(ctx), (entry.title, only)


def test_the_main_window_imports_no_tab_until_shown() -> None:
    code = (
        "import sys, apdesk.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m.startswith('apdesk.ui.tabs.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout
    for lazy in ("reviews.tab", "incidents.tab", "attendance.tab", "pupils.tab"):
        assert f"apdesk.ui.tabs.{lazy}" not in loaded
