"""Window tests: settings in a temp folder, stores built through services, one worker each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from apdesk.ui.bus import ChangeBus
from apdesk.ui.worker import Worker
from tests.services.conftest import PASSWORDS, actors, services, template_store

__all__ = ["PASSWORDS", "actors", "services", "template_store"]


# The offscreen platform says this about every dialog it shows; it is not our warning.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(OFFSCREEN_NOISE)


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp) -> Iterator[Path]:
    """QSettings (window layout, idle minutes) read and written in a temp folder only."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))
    yield folder


@pytest.fixture
def worker(qtbot) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()
    qtbot.wait(1)  # deliver the answers still queued for the GUI thread


@pytest.fixture
def bus(services) -> ChangeBus:
    b = ChangeBus()
    b.attach(services)
    return b
