"""After the start window's first paint, the rest of the start loads on a thread of its own."""

from __future__ import annotations

import logging
import sys

import pytest

from apdesk.ui.loading import Loading


def test_waiting_begins_the_loading_once_and_returns_when_its_modules_are_in(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sys.modules.pop("colorsys", None)
    loading = Loading(("colorsys",))
    loading.wait()  # never begun by a paint: waiting begins it, and does not hang
    loading.start()  # a second paint: nothing more
    assert "colorsys" in sys.modules
    assert not caplog.records


def test_a_module_that_will_not_load_is_logged_and_the_start_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    loading = Loading(("apdesk.no_such_module",))
    with caplog.at_level(logging.ERROR, logger="apdesk.ui"):
        loading.wait()  # the job after it imports the module itself and says why
    assert "loading the store's modules" in caplog.text
