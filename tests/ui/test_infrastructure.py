"""The worker, the change bus, error wording and the generic list model with its search."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from apdesk.domain.errors import InvalidInput
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.changes import Change
from apdesk.ui.errors import UNEXPECTED, show_error, user_message
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel, SearchProxy


@dataclass(frozen=True)
class Thing:
    name: str
    count: int
    when: date | None


COLUMNS = (
    Column("Name", lambda t: t.name),
    Column("Count", lambda t: t.count),
    Column("When", lambda t: t.when),
)
ROWS = (
    Thing("Zoe Adams", 3, date(2026, 3, 2)),
    Thing("amir Khan", 10, None),
    Thing("Bea Smith", 2, date(2025, 1, 9)),
)


def make_proxy() -> tuple[RowTableModel[Thing], SearchProxy]:
    model: RowTableModel[Thing] = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    return model, SearchProxy(model)


def column_text(proxy, column=0):
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester):
    model, proxy = make_proxy()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_dates_are_shown_the_british_way_and_blanks_are_empty():
    model, _ = make_proxy()
    assert model.index(0, 2).data() == "Mon 2 Mar 2026"
    assert model.index(1, 2).data() == ""
    assert model.index(1, 0).data(ROW_ROLE) == ROWS[1]


def test_sorting_uses_values_not_text_and_ignores_case():
    _, proxy = make_proxy()
    proxy.sort(1, Qt.AscendingOrder)
    assert column_text(proxy, 1) == ["2", "3", "10"]  # as text, "10" would come first
    proxy.sort(0, Qt.AscendingOrder)
    assert column_text(proxy) == ["amir Khan", "Bea Smith", "Zoe Adams"]
    proxy.sort(2, Qt.DescendingOrder)
    assert column_text(proxy) == ["Zoe Adams", "Bea Smith", "amir Khan"]


def test_search_keeps_rows_with_every_word_in_any_column():
    _, proxy = make_proxy()
    proxy.set_search("SMITH")
    assert column_text(proxy) == ["Bea Smith"]
    proxy.set_search("a 2026")
    assert column_text(proxy) == ["Zoe Adams"]
    proxy.set_search("")
    assert proxy.rowCount() == 3


def test_a_row_changed_in_place_is_sorted_and_found_by_what_it_now_says(qtmodeltester):
    model, proxy = make_proxy()
    qtmodeltester.check(proxy)  # and its signals through what follows
    proxy.sort(1, Qt.AscendingOrder)
    proxy.set_search("a")  # all three hold an "a"
    model.replace_row(1, Thing("Amir Khan-Patel", 1, None))  # was 10, last; now first
    assert column_text(proxy) == ["Amir Khan-Patel", "Bea Smith", "Zoe Adams"]
    proxy.set_search("patel")
    assert column_text(proxy) == ["Amir Khan-Patel"]
    proxy.set_search("")
    proxy.set_filter(lambda thing: thing.count > 2)
    assert column_text(proxy) == ["Zoe Adams"]


def test_a_day_changed_in_place_sorts_among_the_days_loaded_and_a_datetime_keeps_its_time(
    qtmodeltester,
):
    """Days sort as ordinals, made on the worker for the rows loaded and on the GUI thread for
    a row changed in place: both ways must agree, or the list would fall back to sorting
    days as text. A datetime is not a day: its time still orders it."""
    model, proxy = make_proxy()
    proxy.sort(2, Qt.AscendingOrder)
    assert column_text(proxy, 2) == ["", "Thu 9 Jan 2025", "Mon 2 Mar 2026"]  # blank first
    model.replace_row(1, Thing("amir Khan", 10, date(2026, 2, 20)))
    assert column_text(proxy, 2) == ["Thu 9 Jan 2025", "Fri 20 Feb 2026", "Mon 2 Mar 2026"]
    proxy.sort(2, Qt.DescendingOrder)
    assert column_text(proxy) == ["Zoe Adams", "amir Khan", "Bea Smith"]
    at = [datetime(2026, 3, 2, 15), datetime(2026, 3, 2, 9), datetime(2026, 3, 1, 23)]
    timed = Column[datetime]("At", lambda when: when)
    assert sorted(at, key=lambda when: _sortable_key(timed, when)) == sorted(at)


def _sortable_key(column, value):
    (_, [key]) = column.texts_and_keys([value])
    assert key == column.key(value)  # the worker's key and the GUI thread's agree
    return key


def test_worker_runs_off_the_gui_thread_and_answers_on_it(qtbot, worker):
    seen = {}

    def work():
        seen["work"] = threading.current_thread()
        return 42

    def done(value):
        seen["done"] = threading.current_thread()
        seen["value"] = value

    worker.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["work"] is not threading.main_thread()
    assert seen["done"] is threading.main_thread()
    assert not worker.busy


def test_jobs_asked_for_while_the_worker_is_held_begin_at_release_in_order(qtbot, worker):
    ran: list[str] = []
    worker.hold()
    worker.run(lambda: ran.append("sweep"))
    worker.run(lambda: ran.append("rows"), lambda _: ran.append("answered"))
    qtbot.wait(50)  # time enough for the worker to have begun them, were they not held
    assert ran == [] and worker.busy
    worker.release()
    qtbot.waitUntil(lambda: "answered" in ran)
    assert ran == ["sweep", "rows", "answered"] and not worker.busy
    worker.release()  # once: a second release has nothing to begin
    worker.hold()
    worker.run(lambda: ran.append("at shutdown"))
    assert worker.wait()  # waiting for the work begins what was held
    assert ran[-1] == "at shutdown"


def test_worker_hands_failures_to_the_gui_thread(qtbot, worker):
    failures = []

    def fail():
        raise InvalidInput("Enter the school's name.")

    worker.run(fail, on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert str(failures[0]) == "Enter the school's name."


def test_slow_work_shows_a_progress_dialog(qtbot):
    from PySide6.QtWidgets import QProgressDialog

    from apdesk.ui.worker import Worker

    parent = QWidget()
    qtbot.addWidget(parent)
    worker = Worker(progress_after_ms=20)
    gate = threading.Event()
    done = []
    worker.run(lambda: gate.wait(5), done.append, label="Opening the store…", parent=parent)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)))
    dialog = parent.findChildren(QProgressDialog)[0]
    assert dialog.labelText() == "Opening the store…"
    gate.set()
    qtbot.waitUntil(lambda: bool(done))
    assert not any(d.isVisible() for d in parent.findChildren(QProgressDialog))
    worker.stop()


def test_our_errors_are_shown_as_written_and_others_never_show_a_traceback(qtbot, caplog):
    assert user_message(InvalidInput("Choose at least one role.")) == "Choose at least one role."
    try:
        {}["missing"]
    except KeyError as exc:
        text = user_message(exc)
    assert text == UNEXPECTED and "Traceback" not in text and "KeyError" not in text
    assert "unexpected error" in caplog.text  # the details went to the log


def test_error_dialog_does_not_block(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, InvalidInput("Enter the school's name."))
    assert box.isVisible() and box.text() == "Enter the school's name."
    assert box.icon() == QMessageBox.Warning
    box.close()


def test_change_bus_reaches_the_gui_thread_from_a_worker(qtbot, services, bus):
    changes = (Change(RecordKind.PUPIL, 1, "pupil.save"),)
    thread = threading.Thread(target=bus._hear, args=(changes,))
    with qtbot.waitSignal(bus.changed, timeout=2000) as blocker:
        thread.start()
        thread.join()
    assert blocker.args == [changes]


def test_a_change_names_the_widget_that_asked_for_the_work(qtbot, services, actors, worker, bus):
    from apdesk.domain.enums import Role
    from tests.services import builders

    asker = QWidget()
    qtbot.addWidget(asker)
    dsl = actors[Role.DSL]
    with qtbot.waitSignal(bus.changed, timeout=5000) as blocker:
        worker.run(lambda: builders.add_pupil(services, dsl, 3, "Kit", "Example"), parent=asker)
    assert [(c.entity, c.origin) for c in blocker.args[0]] == [(RecordKind.PUPIL, asker)]
    # work nobody in particular asked for, or done on the GUI thread, names no one
    with qtbot.waitSignal(bus.changed, timeout=5000) as blocker:
        worker.run(lambda: builders.add_pupil(services, dsl, 4, "Lee", "Example"))
    assert [c.origin for c in blocker.args[0]] == [None]
    with qtbot.waitSignal(bus.changed, timeout=5000) as blocker:
        builders.add_pupil(services, dsl, 5, "Max", "Example")
    assert [c.origin for c in blocker.args[0]] == [None]


@pytest.mark.parametrize("minutes, expected", [("3", 3), ("0", 1), ("x", 5), (None, 5)])
def test_idle_minutes_setting(minutes, expected):
    from apdesk.ui.settings import IDLE_MINUTES, app_settings, idle_minutes

    settings = app_settings()
    if minutes is None:
        settings.remove(IDLE_MINUTES)
    else:
        settings.setValue(IDLE_MINUTES, minutes)
    assert idle_minutes(settings) == expected


def test_a_qt_object_in_a_cycle_is_destroyed_on_the_gui_thread_not_the_workers(qtbot, worker):
    """Garbage the GUI thread made, collected when the worker allocates, would destroy a Qt
    object (and stop its timer) on the worker thread: gc_guard keeps collection here."""
    import gc

    from PySide6.QtCore import QObject, QTimer

    destroyed_in: list[str] = []

    class InACycle(QObject):
        def __init__(self) -> None:
            super().__init__()  # no parent: Python owns it, so collecting it deletes it
            self.timer = QTimer(self)
            self.timer.start(60_000)
            self.me = self

    def make() -> None:
        held = InACycle()
        held.destroyed.connect(lambda: destroyed_in.append(threading.current_thread().name))

    make()  # now garbage, waiting for a collection
    worker.run(lambda: len([[] for _ in range(50_000)]))  # crosses every threshold
    assert worker.wait()
    assert destroyed_in == []  # not collected on the worker
    gc.collect()
    assert destroyed_in == [threading.current_thread().name]


def test_pyside_void_calls_keep_their_reference_to_none(qtbot):
    """PySide6 6.12.0 dropped a reference to None on every void call and Python 3.11 aborted
    after a few thousand; pyproject.toml keeps PySide6 below 6.12 (decision 0007)."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert before - sys.getrefcount(None) < 100


_CELL_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["Held", "held", "Due", "", "Zoë Adams", "ΟΔΟΣ"]),
    st.text(max_size=6),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 1, 3)),
    st.integers(-3, 3),
    st.booleans(),  # True equals 1: such a column is not told apart by value
    st.decimals(-2, 2, places=1),  # Decimal("1.0") equals 1 but shows as "1.0"
    st.sampled_from(list(RecordKind)),  # text that is not a str
)


#: Values that equal one another across kinds, or show alike: a few, often together.
_LOOKALIKES = (None, "", "a", "A", "1", 0, 1, True, False, 1.0, Decimal("1.0"))
_LOOKALIKES += (date(2026, 3, 2), datetime(2026, 3, 2), RecordKind.REVIEW, RecordKind.REVIEW.value)


@given(
    st.one_of(
        st.lists(st.sampled_from(_LOOKALIKES), max_size=6), st.lists(_CELL_VALUES, max_size=40)
    ),
    st.booleans(),
)
def test_a_columns_prepared_texts_and_keys_are_each_cells_own(values, keyed_apart):
    """The list's texts and sort keys, worked out once per distinct value where the values
    allow, are each cell's `display` and `key` whatever the column holds."""
    _assert_each_cells_own(values, keyed_apart)


def test_every_two_lookalike_values_in_one_column_keep_their_own_texts_and_keys():
    for first in _LOOKALIKES:
        for second in _LOOKALIKES:
            _assert_each_cells_own([first, second, first], keyed_apart=False)


def _assert_each_cells_own(values, keyed_apart):
    column = Column[object]("Value", lambda v: v, sort_key=(lambda v: v) if keyed_apart else None)
    shown, keys = column.texts_and_keys(values)
    assert shown == [column.display(v) for v in values]
    assert keys == [column.key(v) for v in values]
    assert [type(k) for k in keys] == [type(column.key(v)) for v in values]
