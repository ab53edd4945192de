"""What the start needs next loads while the person types: the store's modules on a thread of
their own after the first paint, the main window's in idle steps on the sign-in page."""

from __future__ import annotations

import gc
import importlib.util
import logging
import subprocess
import sys

import pytest

from apdesk.ui import gc_guard
from apdesk.ui.app import MAIN_WINDOW_STEPS
from apdesk.ui.loading import IdleSteps, Loading


def test_waiting_begins_the_loading_once_and_returns_when_its_modules_are_in(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sys.modules.pop("colorsys", None)
    loading = Loading(("colorsys",))
    loading.wait()  # never begun by a paint: waiting begins it, and does not hang
    loading.start()  # a second paint: nothing more
    assert "colorsys" in sys.modules
    assert not caplog.records


def test_a_module_left_out_before_the_loading_begins_is_not_loaded(
    caplog: pytest.LogCaptureFixture,
) -> None:
    loading = Loading(("colorsys", "apdesk.no_such_module"))
    loading.leave_out("apdesk.no_such_module")
    loading.wait()
    assert loading.names == ("colorsys",) and not caplog.records
    loading.leave_out("colorsys")  # begun: nothing changes
    assert loading.names == ("colorsys",)


def test_a_module_that_will_not_load_is_logged_and_the_start_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    loading = Loading(("apdesk.no_such_module",))
    with caplog.at_level(logging.ERROR, logger="apdesk.ui"):
        loading.wait()  # the job after it imports the module itself and says why
    assert "loading the store's modules" in caplog.text


def test_idle_steps_run_one_per_turn_of_the_event_loop_and_a_failure_does_not_stop_them(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[int] = []

    def fails() -> None:
        raise RuntimeError("a step that fails")

    steps = IdleSteps([lambda: ran.append(1), fails, lambda: ran.append(3)])
    assert ran == []  # nothing before the event loop turns
    with caplog.at_level(logging.ERROR, logger="apdesk.ui"):
        qtbot.waitUntil(lambda: steps.done)
    assert ran == [1, 3]
    assert "a step of what the window needs next failed" in caplog.text


def test_each_step_towards_the_main_window_names_a_module_and_the_last_is_the_window() -> None:
    assert all(importlib.util.find_spec(name) is not None for name in MAIN_WINDOW_STEPS)
    assert MAIN_WINDOW_STEPS[-1] == "apdesk.ui.main_window"


def test_the_timer_collects_nothing_while_a_thread_loads_and_what_it_loaded_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collected: list[int] = []
    kept: list[bool] = []
    monkeypatch.setattr(gc, "collect", collected.append)
    monkeypatch.setattr(gc, "get_count", lambda: (10**6, 0, 0))  # young objects past counting
    monkeypatch.setattr(gc, "freeze", lambda: kept.append(True))
    with gc_guard.loading():
        gc_guard.collect_due()  # the GUI thread's timer, mid-loading
        assert collected == [] and kept == []
    assert kept == [True]  # out of the collector's sight, never walked again
    gc_guard.collect_due()
    assert collected == [0]


def test_a_sign_in_pressed_at_once_makes_qts_first_widgets_while_the_password_is_checked(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apdesk.ui import app

    made: list[str] = []

    class Kind:
        def __init__(self) -> None:
            made.append("made")

    monkeypatch.setattr(app, "FIRST_MADE", (Kind, Kind))
    app._import_main_window()  # what answers `checking_password`, before the idle steps ran
    assert "apdesk.ui.main_window" in sys.modules and made == ["made", "made"]


LATER = (
    "apdesk.ui.record_documents",
    "apdesk.ui.school_documents",
    "apdesk.ui.document_view",
    "apdesk.services.documents",
    "PySide6.QtPdf",
    "apdesk.ui.school_dialog",
    "apdesk.ui.import_dialog",
    "apdesk.ui.retention_dialog",
)


def test_the_main_window_leaves_the_documents_and_the_file_menus_dialogs_until_first_used() -> None:
    """Imported when first chosen: with a Sign in pressed at once they were a third of the
    main window's import, on the way to the window (the idle steps still load the documents'
    while a person types)."""
    code = "import sys, apdesk.ui.main_window; print(*sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = set(done.stdout.split())
    assert "apdesk.ui.main_window" in loaded
    assert sorted(set(LATER) & loaded) == []
    assert all(importlib.util.find_spec(name) is not None for name in LATER)  # not misspelt
