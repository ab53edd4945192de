"""The lists: each tab's first load against its bare-SQL floor, and a header click (sort) and
a search keystroke on the GUI thread against a bare QStandardItemModel + QSortFilterProxyModel
holding the same rows' text.

A tab's load is what its worker job does: `load_rows` (the service call) and preparing the
rows' sort keys and search texts. The floor is the rows the list shows read by bare SQL (one
or a few plain queries, joined). Header click: each column in turn, ascending then
descending, through the view as a click does; the worst one is kept. Keystroke: the search
"a", then "ar" (as someone starts a name), then cleared, each set on the proxy as the search
box does (on a long list, once typing pauses), then the event queue drained; the worst is
kept. Rows into the list: what the GUI thread does when the worker's rows arrive (the model
set, the columns fitted; the floor: a ready QStandardItemModel put under its proxy, fitted).
Interleaved (APDesk, floor, APDesk, floor, ...) and repeated; median (min-max) and ratio.
Each step is timed as the program runs it, with Python's automatic collection off (as it is
while the window's worker lives, `ui/gc_guard.py`) and the collection the GUI thread would
then make counted in, floors alike.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/lists.py [--copies 10] [--repeat 5]

The store is copied to a temporary folder first (opening a store takes its lock).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import BARE_REVIEWS, _bare_sql, _spread, scratch_copy
from realistic import NOW, open_services, store_folder

Step = Callable[[], object]
LIVE = "('active', 'authorised', 'proposed')"

#: Each tab's floor: the rows its list shows, by bare SQL.
FLOORS: dict[str, list[str]] = {
    "Pupils": [
        """SELECT pu.id, pu.legal_first_name, pu.legal_last_name, pu.preferred_name, pu.upn,
           pu.year_group, pu.sen_status, pu.cp_plan, pu.child_in_need, pu.looked_after
           FROM pupil pu ORDER BY pu.legal_last_name""",
        """SELECT p.pupil_id, p.status, pr.name, p.start_date FROM placement p
           JOIN provider pr ON pr.id = p.provider_id ORDER BY p.start_date""",
    ],
    "Providers": [
        f"""SELECT pr.id, pr.name, pr.kind,
           (SELECT count(*) FROM site s WHERE s.provider_id = pr.id),
           (SELECT count(*) FROM placement p WHERE p.provider_id = pr.id AND p.status IN {LIVE})
           FROM provider pr ORDER BY pr.name""",
        # the checks the status counts: each provider's latest of each kind received by today
        f"""SELECT provider_id, kind, max(received_on), expires_on FROM vetting_check
           WHERE site_id IS NULL AND received_on <= '{NOW.date().isoformat()}'
           GROUP BY provider_id, kind""",
        "SELECT provider_id FROM contact WHERE is_dsl",  # a named DSL: vetted or not
        "SELECT kind, months FROM check_period",  # how long the school's checks last
    ],
    "Placements": [
        """SELECT p.id, pu.legal_first_name, pu.legal_last_name, pu.upn, pr.name, p.reason,
           p.start_date, p.planned_end_date, p.status,
           (SELECT count(*) FROM annex_a_item a WHERE a.placement_id = p.id AND a.done)
           FROM placement p JOIN pupil pu ON pu.id = p.pupil_id
           LEFT JOIN provider pr ON pr.id = p.provider_id ORDER BY p.start_date DESC""",
    ],
    "Incidents": [
        """SELECT i.id, i.occurred_at, i.notified_at, i.category, i.status, pr.name
           FROM incident i LEFT JOIN provider pr ON pr.id = i.provider_id
           ORDER BY i.occurred_at DESC""",
        """SELECT ip.incident_id, pu.preferred_name, pu.legal_first_name, pu.legal_last_name
           FROM incident_pupil ip JOIN pupil pu ON pu.id = ip.pupil_id""",
        'SELECT start, "end" FROM term',
        'SELECT "on" FROM closure',  # no school day: when a notice is late
    ],
    "AP referrals": [
        """SELECT r.id, r.referred_on, r.reason, r.referred_by, r.decision, r.decided_on,
           r.decision_reason, pu.preferred_name, pu.legal_first_name, pu.legal_last_name, pr.name,
           (SELECT group_concat(p.id) FROM placement p WHERE p.ap_referral_id = r.id)
           FROM ap_referral r JOIN pupil pu ON pu.id = r.pupil_id
           LEFT JOIN provider pr ON pr.id = r.provider_id ORDER BY r.referred_on DESC""",
    ],
    "Complaints": [
        """SELECT c.id, c.received_on, c.complainant, c.stage, c.stage_since, c.outcome,
           c.closed_on, pr.name, pu.preferred_name, pu.legal_first_name, pu.legal_last_name
           FROM complaint c JOIN provider pr ON pr.id = c.provider_id
           LEFT JOIN placement p ON p.id = c.placement_id
           LEFT JOIN pupil pu ON pu.id = p.pupil_id ORDER BY c.received_on DESC""",
        'SELECT start, "end" FROM term',
        'SELECT "on" FROM closure',  # no school day: the deadline counts school days
        """SELECT complaint_days_headteacher, complaint_days_provider,
           complaint_days_local_authority, complaint_days_ofsted FROM school""",
    ],
    "Staff training": [
        """SELECT t.*, s.display_name FROM staff_training t
           LEFT JOIN staff s ON s.id = t.staff_id ORDER BY t.name""",
        "SELECT id, display_name FROM staff WHERE active",
    ],
    "Administration": [
        "SELECT id, username, display_name, roles, email, active FROM staff ORDER BY display_name",
    ],
    "Reviews": BARE_REVIEWS,
}


def _tabs() -> dict[str, type]:
    from apdesk.ui.tabs import registry

    return {e.title: e.load() for e in registry.TABS if e.title in FLOORS}


def _columns(cls: type) -> Sequence[Any]:
    if cls.title == "Pupils":
        from apdesk.ui.tabs.pupils.tab import pupil_columns

        return pupil_columns(True)
    return cls.columns  # type: ignore[no-any-return]


def _loader(cls: type, columns: Sequence[Any], svc: Any, actor: Any) -> Step:
    """What the tab's worker job does: its own `load_rows` (called without building its
    widgets) and, where the lists prepare their rows there, that."""
    fake = SimpleNamespace(ctx=SimpleNamespace(services=svc, actor=actor, may=actor.may))
    try:
        from apdesk.ui.models import prepare_rows
    except ImportError:  # before the lists prepared their rows on the worker
        return lambda: cls.load_rows(fake)  # type: ignore[attr-defined]
    return lambda: prepare_rows(columns, cls.load_rows(fake))  # type: ignore[attr-defined]


def _drain() -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    QCoreApplication.sendPostedEvents()


class Side:
    """One list on screen: a view over a proxy, a search box, and how to time them."""

    def __init__(
        self, view: Any, sort: Callable[[int, Any], None], search: Callable[[str], None]
    ) -> None:
        self.view, self.sort, self.search = view, sort, search
        self.columns = view.model().columnCount()

    def click_headers(self) -> float:
        from PySide6.QtCore import Qt

        worst = 0.0
        for column in range(self.columns):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                start = time.perf_counter()
                self.sort(column, order)
                _drain()
                worst = max(worst, time.perf_counter() - start)
        return worst

    def keystrokes(self) -> float:
        worst = 0.0
        for text in ("a", "ar", ""):
            start = time.perf_counter()
            self.search(text)
            _drain()
            worst = max(worst, time.perf_counter() - start)
        return worst


def apdesk_side(columns: Sequence[Any], rows: Any) -> Side:
    from apdesk.ui.list_tools import ColumnFitter
    from apdesk.ui.models import RowTableModel, SearchProxy
    from apdesk.ui.tabs.common.base import make_table

    model: Any = RowTableModel(columns)
    proxy = SearchProxy(model)
    view = make_table("bench")
    view.setModel(proxy)
    view.resize(1000, 700)
    side = Side(view, lambda c, o: view.sortByColumn(c, o), proxy.set_search)
    fitter = ColumnFitter(view)
    side.show = lambda: (model.set_rows(rows), fitter.measure(), _drain())  # type: ignore[attr-defined]
    side.show()  # type: ignore[attr-defined]
    return side


def floor_side(columns: Sequence[Any], rows: Sequence[Any]) -> Side:
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    texts = [[column.display(row) for column in columns] for row in rows]
    model = QStandardItemModel(len(rows), len(columns))
    for r, row_texts in enumerate(texts):
        for c, text in enumerate(row_texts):
            model.setItem(r, c, QStandardItem(text))
    proxy = QSortFilterProxyModel()
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1000, 700)
    side = Side(view, lambda c, o: view.sortByColumn(c, o), proxy.setFilterFixedString)
    # Its rows shown: the ready model put under the proxy and its columns fitted.
    side.show = lambda: (  # type: ignore[attr-defined]
        proxy.setSourceModel(None),
        proxy.setSourceModel(model),
        view.resizeColumnsToContents(),
        _drain(),
    )
    side.show()  # type: ignore[attr-defined]
    side.columns = len(columns)
    return side


def _timed(step: Step) -> tuple[float, object]:
    """The step's time as the program runs it: with Python's automatic collection off, as it
    is all the while the worker lives (`ui/gc_guard.py`), and the collection the GUI
    thread's timer would then make counted in."""
    from apdesk.ui import gc_guard

    start = time.perf_counter()
    result = step()
    gc_guard.collect_due()
    return time.perf_counter() - start, result


def measure(
    folder: Path, repeat: int, only: list[str]
) -> list[tuple[str, list[float], list[float]]]:
    from PySide6.QtWidgets import QApplication

    from apdesk.services import staff
    from apdesk.ui import gc_guard

    app = QApplication.instance() or QApplication([])
    gc_guard.acquire()  # as the window's worker does for as long as it lives
    svc = open_services(folder)
    head = staff.sign_in(svc, "head", "demo-password-head")
    results: dict[str, tuple[list[float], list[float]]] = {}
    tabs = {k: v for k, v in _tabs().items() if not only or any(o in k for o in only)}
    gc_guard.keep_what_is_loaded()  # as the window does once its modules have loaded
    for name, cls in tabs.items():
        columns = _columns(cls)
        load, floor = _loader(cls, columns, svc, head), _bare_sql(svc, FLOORS[name])
        load(), floor()  # warm: imports, the page cache
        loads = results.setdefault(f"{name}: first load", ([], []))
        for _ in range(repeat):
            seconds, rows = _timed(load)
            loads[0].append(seconds)
            loads[1].append(_timed(floor)[0])
        plain: Any = getattr(rows, "rows", rows)
        ours, bare = apdesk_side(columns, rows), floor_side(columns, plain)
        shows = results.setdefault(f"{name}: rows into the list, GUI thread", ([], []))
        sorts = results.setdefault(f"{name}: worst header click ({len(plain)} rows)", ([], []))
        keys = results.setdefault(f"{name}: worst search keystroke", ([], []))
        for _ in range(repeat):
            shows[0].append(_timed(ours.show)[0])  # type: ignore[attr-defined]
            shows[1].append(_timed(bare.show)[0])  # type: ignore[attr-defined]
            sorts[0].append(ours.click_headers())
            sorts[1].append(bare.click_headers())
            keys[0].append(ours.keystrokes())
            keys[1].append(bare.keystrokes())
        del ours, bare
    svc.close()
    gc_guard.release()
    del app
    return [(name, a, f) for name, (a, f) in results.items()]


def _fine(values: list[float]) -> str:
    """`_spread`, to a tenth of a millisecond below 10 ms (the small lists take a few)."""
    median, low, high = statistics.median(values), min(values), max(values)
    if median >= 0.01:
        return _spread(values)
    return f"{median * 1000:.1f} ms ({low * 1000:.1f}-{high * 1000:.1f})"


def table(rows: list[tuple[str, list[float], list[float]]]) -> str:
    lines = [
        "| figure | APDesk, median (min-max) | floor, median (min-max) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, ours, floor in rows:
        ratio = statistics.median(ours) / max(statistics.median(floor), 1e-6)
        lines.append(f"| {name} | {_fine(ours)} | {_fine(floor)} | {ratio:.1f}x |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=40)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", action="append", default=[], help="tabs whose name has this")
    parser.add_argument("--store", type=Path, help="a copy of the store already made")
    args = parser.parse_args(argv)
    folder = args.store
    if folder is None:
        source = store_folder(args.years, args.per_year, 1, args.copies)
        if not (source / ".complete").exists():
            print(f"{source} is not built yet (realistic.py builds it)", file=sys.stderr)
            return 1
        folder = scratch_copy(source)
    rows = measure(folder, args.repeat, args.only)
    load = os.getloadavg()
    print(f"Store: {folder.name} (clock {NOW:%d %b %Y %H:%M}), {args.repeat} runs each, ")
    print(f"interleaved; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
