"""The main window: the tabs a role may use, the menus and shortcuts, the demo banner, locking.

Locking swaps the whole workspace (banner and tabs) for the lock page, so nothing of a
child's record is on screen or in a screenshot; open dialogs are hidden (`lock_hold`). The
same person's password brings the workspace and the dialogs back as they were, unsaved
typing included; signing out from the lock page (someone else at the keyboard) warns that
unsaved work will go, then drops it unseen.

Unsaved typing is never lost without asking: switching tab, signing out and closing ask
"Save changes?" first (Save, Discard, Cancel), as choosing another record in a list does.

A tab is built when it is first shown (or a record in it is opened): building all eleven
took most of a second before the window appeared. Until then a placeholder holds its place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import school as school_service
from apdesk.ui import lock_hold
from apdesk.ui.action_sweep import ActionSweep
from apdesk.ui.clock_watch import ClockWatch
from apdesk.ui.context import UiContext
from apdesk.ui.documents_menu import DocumentsMenu
from apdesk.ui.export_menu import add_export_menu
from apdesk.ui.help import GUIDE, about_text, show_text
from apdesk.ui.idle import TICK_MS, IdleWatcher
from apdesk.ui.lock_page import LockPage
from apdesk.ui.policy_page import load_policy_wording
from apdesk.ui.restore_flow import RestoreFlow
from apdesk.ui.screen_fit import fit_on_screen
from apdesk.ui.settings import (
    IDLE_MINUTES,
    idle_minutes,
    last_tab,
    restore_window,
    save_last_tab,
    save_window,
)
from apdesk.ui.tabs.common.base import ListDetailTab, Tab
from apdesk.ui.tabs.registry import TABS, TabEntry
from apdesk.ui.widgets import note_label

DEMO_TEXT = "DEMO DATA — fictional pupils and providers, for practice only"
CLOSE_LOCKED = (
    "Something typed in APDesk is not saved. Unlock the window to save it, or close "
    "APDesk and lose it."
)
SIGN_OUT_LOCKED = (
    "{name} has typing in APDesk that is not saved. Signing out discards it without "
    "showing it. If you are {name}, unlock instead."
)
NOTHING_HERE = (
    "There are no lists in this window for your role ({roles}). What you may see is in the "
    "Documents menu: the register of pupils in AP and the governors' termly report."
)


class _Unbuilt(QWidget):
    """A tab's place in the tab bar until it is first shown."""

    def __init__(self, entry: TabEntry) -> None:
        super().__init__()
        self.entry = entry


class MainWindow(QMainWindow):
    signed_out = Signal()
    lock_released = Signal(bool)  # True: the same person unlocked; False: signed out

    def __init__(self, ctx: UiContext, idle_tick_ms: int = TICK_MS) -> None:
        super().__init__()
        self.ctx = ctx
        school = school_service.school_name(ctx.services, ctx.actor)
        # Ending with the program's name, the title is shown as it is: window managers add
        # " — APDesk" only to a title that does not end with it ("… — APDesk — APDesk").
        self.setWindowTitle(f"{school} — APDesk" if school else "APDesk")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Sections")
        self._shown_tab: Tab | None = None  # the tab on show (to ask about before leaving)
        self._putting_back = False  # returning to a tab after Cancel
        self._closing = False  # already asked: close without asking again
        self._entries = [entry for entry in TABS if entry.allowed(ctx)]  # by tab index
        for entry in self._entries:
            self.tabs.addTab(_Unbuilt(entry), entry.title)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.workspace = self._workspace(ctx)
        self.workspace.setProperty(lock_hold.OWNER, self)  # found from inside while locked
        self.setCentralWidget(self.workspace)
        self.lock_page: LockPage | None = None
        self._held: list[QDialog] = []  # dialogs hidden by the lock, to come back
        self._build_menus()
        self.who = QLabel(f"Signed in as {ctx.actor.display_name} ({ctx.actor.role_names})")
        self.who.setAccessibleName("Signed in as")
        self.statusBar().addPermanentWidget(self.who)
        self.idle = IdleWatcher(ctx.clock, idle_minutes(ctx.settings), self, idle_tick_ms)
        self.idle.idle.connect(self.lock)
        self.resize(1280, 800)
        restore_window(ctx.settings, self)
        fit_on_screen(self)  # a size kept from a bigger monitor must not hide the status bar
        self._open_last_tab()
        # Queued on the worker before any tab loads, so Today's first rows hold its actions;
        # and after the window's own reads above, which would otherwise wait for its writes.
        self.action_sweep = ActionSweep(ctx, self)
        self.clock_watch = ClockWatch(ctx, self)  # a register's close, midnight
        self._tab_shown(self.tabs.currentIndex())

    def _open_last_tab(self) -> None:
        """Start on the tab open when the window was last used (if this role has it)."""
        kept = last_tab(self.ctx.settings)
        for index in range(self.tabs.count()):
            if self._entries[index].class_name == kept:
                self.tabs.blockSignals(True)
                try:
                    self.tabs.setCurrentIndex(index)
                finally:
                    self.tabs.blockSignals(False)

    def _tab_at(self, index: int) -> Tab:
        """The tab at `index`, built now if it has not been shown before."""
        widget = self.tabs.widget(index)
        if not isinstance(widget, _Unbuilt):
            return cast(Tab, widget)
        tab = widget.entry.load()(self.ctx)
        tab.open_record.connect(self.open_record)
        tab.said.connect(self._say)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # the same tab stays current: nothing to settle or load
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, tab.title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        widget.deleteLater()
        return tab

    @property
    def tab_pages(self) -> list[Tab]:
        """Every tab, in order, building those not yet shown (for sweeps and screenshots)."""
        return [self._tab_at(index) for index in range(self.tabs.count())]

    def _built_tabs(self) -> list[Tab]:
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), Tab)]

    def _tab_for(self, kind: RecordKind) -> Tab | None:
        """The tab that opens records of `kind` (a placement), built if need be."""
        for index in range(self.tabs.count()):
            if kind in self._entries[index].kinds:
                return self._tab_at(index)
        return None

    def _workspace(self, ctx: UiContext) -> QWidget:
        workspace = QWidget()
        layout = QVBoxLayout(workspace)
        layout.setContentsMargins(6, 6, 6, 0)
        self.demo_banner = QLabel(DEMO_TEXT)
        self.demo_banner.setAccessibleName("Demo data")
        self.demo_banner.setStyleSheet(
            "background: #ffd24d; color: #3d2e00; font-weight: 700;"
            " padding: 6px; border-radius: 3px;"
        )
        self.demo_banner.setVisible(ctx.services.store.meta("demo") == "1")
        layout.addWidget(self.demo_banner)
        if self.tabs.count():
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(self._documents_page(ctx), 1)
        return workspace

    def _documents_page(self, ctx: UiContext) -> QWidget:
        """For a role with no lists (a governor): the two documents it may open, as buttons."""
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(note_label(NOTHING_HERE.format(roles=ctx.actor.role_names)))
        for permission, text, name in (
            (Permission.VIEW_REGISTER, "Open the &register of pupils in AP", "register"),
            (Permission.VIEW_GOVERNORS_REPORT, "Open the &governors' termly report…", "report"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _=False, n=name: self._school_document(n))
            button.setVisible(ctx.may(permission))
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return page

    def _school_document(self, name: str) -> None:
        school = self.documents.school
        (school.register if name == "register" else school.governors_report)()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.lock_action = self._action(file_menu, "&Lock", self.lock, QKeySequence("Ctrl+L"))
        self._action(file_menu, "Sign &out", self.sign_out)
        self._action(file_menu, "Lock &after…", self.ask_idle_minutes)
        if self.ctx.may(Permission.EDIT_SCHOOL):
            self._action(file_menu, "&School and terms…", self._open_school)
        if self.ctx.may(Permission.MANAGE_POLICY):
            self._action(
                file_menu, "Load policy &wording…", lambda: load_policy_wording(self.ctx, self)
            )
        if self.ctx.may(Permission.EDIT_PUPILS):
            self._action(file_menu, "&Import pupils…", self._open_import)
        if self.ctx.may(Permission.DISPOSE_RECORDS):
            self._action(file_menu, "Re&tention review…", self._open_retention)
        add_export_menu(self.ctx, self, file_menu, self._say)
        self.restore_flow: RestoreFlow | None = None
        if self.ctx.may(Permission.MANAGE_BACKUPS):
            self.restore_flow = RestoreFlow(self.ctx, self, self.settle_all)
            self._action(file_menu, "&Restore from a backup…", self.restore_flow.start)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.record_menu = self.menuBar().addMenu("&Record")
        self._action(
            self.record_menu,
            "&New",
            lambda: self._current("new_record"),
            QKeySequence.StandardKey.New,
        )
        self._action(
            self.record_menu,
            "&Save",
            lambda: self._current("save_record"),
            QKeySequence.StandardKey.Save,
        )
        self._action(
            self.record_menu,
            "&Find",
            lambda: self._current("focus_search"),
            QKeySequence.StandardKey.Find,
        )
        self._action(
            self.record_menu, "&Refresh", lambda: self._current("refresh"), QKeySequence("F5")
        )
        self.record_menu.menuAction().setVisible(bool(self.tabs.count()))
        self.documents = DocumentsMenu(self, self.ctx, self.chosen_row, self.show_tab)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Getting started", self.show_guide, QKeySequence("F1"))
        self._action(help_menu, "&About APDesk", self.show_about)

    # The File menu's dialogs are imported when first chosen, not before the window shows
    # (with the documents' modules they were a third of the main window's import).
    def _open_school(self) -> None:
        from apdesk.ui.school_dialog import open_school_dialog

        open_school_dialog(self.ctx, self)

    def _open_import(self) -> None:
        from apdesk.ui.import_dialog import open_import

        open_import(self.ctx, self)

    def _open_retention(self) -> None:
        from apdesk.ui.retention_dialog import open_retention

        open_retention(self.ctx, self)

    def show_guide(self) -> QDialog:
        return show_text(self, "Getting started", GUIDE)

    def show_about(self) -> QDialog:
        return show_text(self, "About APDesk", about_text(self.ctx.services.store.paths.folder))

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def current_tab(self) -> Tab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, Tab) else None

    def _current(self, method: str) -> None:
        tab = self.current_tab()
        if tab is not None and not self.locked:
            getattr(tab, method)()

    def _tab_shown(self, index: int) -> None:
        if self._putting_back:
            return
        if index >= 0:
            self._tab_at(index)
        tab, left = self.current_tab(), self._shown_tab
        if left is not None and left is not tab and not left.settle():
            self._putting_back = True
            try:
                self.tabs.setCurrentWidget(left)  # Cancel: stay with the unsaved record
            finally:
                self._putting_back = False
            return
        self._shown_tab = tab
        if tab is not None:
            save_last_tab(self.ctx.settings, type(tab).__name__)
        if tab is not None and not tab.loaded:
            tab.refresh()

    def settle_all(self) -> bool:
        """Ask about every tab's unsaved changes; False if the person chose Cancel."""
        return all(tab.settle(revert=False) for tab in self._built_tabs())

    def has_changes(self) -> bool:
        """Unsaved typing in a tab, or (while locked) a form the lock hid."""
        held = any(lock_hold.is_kept(d) for d in self._held)
        return held or any(tab.has_changes() for tab in self._built_tabs())

    def chosen_row(self, kind: RecordKind) -> Any:
        """The row chosen in the tab that owns `kind` (a placement), or None."""
        tab = next((t for t in self._built_tabs() if kind in t.kinds), None)  # none if unbuilt
        return tab.selected_row() if isinstance(tab, ListDetailTab) else None

    def show_tab(self, kind: RecordKind) -> None:
        tab = self._tab_for(kind)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    def open_record(self, kind: RecordKind, record_id: object) -> None:
        """Show a record in the tab that owns it (from Today, a chronology, a link)."""
        tab = self._tab_for(kind)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        tab.select_key(record_id)

    def ask_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self,
            "Lock after",
            "Lock the window after this many minutes without use:",
            idle_minutes(self.ctx.settings),
            1,
            60,
        )
        if ok:
            self.set_idle_minutes(minutes)

    def set_idle_minutes(self, minutes: int) -> None:
        self.ctx.settings.setValue(IDLE_MINUTES, minutes)
        self.idle.limit = timedelta(minutes=idle_minutes(self.ctx.settings))
        self.statusBar().showMessage(
            f"The window now locks after {minutes} minutes without use.", 5000
        )

    # Locking -------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.lock_page is not None

    def lock(self) -> None:
        if self.locked:
            return
        self._held = lock_hold.hold(self)
        self.takeCentralWidget()  # keep the workspace (and any unsaved typing) for later
        self.workspace.hide()
        self.lock_page = LockPage(self.ctx.services, self.ctx.actor, self.ctx.worker)
        self.lock_page.unlocked.connect(self.unlock)
        self.lock_page.sign_out.connect(self._sign_out_locked)
        self.setCentralWidget(self.lock_page)
        self.record_menu.setEnabled(False)
        self.documents.menu.setEnabled(False)
        self.lock_page.password.setFocus()

    def unlock(self) -> None:
        if self.lock_page is None:
            return
        self.takeCentralWidget()
        self.lock_page.deleteLater()
        self.lock_page = None
        self.setCentralWidget(self.workspace)
        self.workspace.show()
        self.record_menu.setEnabled(True)
        self.documents.menu.setEnabled(True)
        self.idle.reset()
        held, self._held = self._held, []
        lock_hold.release(held, same_person=True)
        self.lock_released.emit(True)

    def _sign_out_locked(self) -> None:
        """From the lock page: warn that unsaved work will go (without showing it), then go."""
        if self.has_changes():
            answer = QMessageBox.question(
                self,
                "Sign out and discard?",
                SIGN_OUT_LOCKED.format(name=self.ctx.actor.display_name),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self._drop_held()
        self.sign_out()

    def _drop_held(self) -> None:
        held, self._held = self._held, []
        lock_hold.release(held, same_person=False)
        self.lock_released.emit(False)

    def sign_out(self) -> None:
        """Sign out; from the lock page (perhaps someone else) unsaved typing goes unseen."""
        if not self.locked and not self.settle_all():
            return
        self._closing = True
        self.idle.stop()
        self.signed_out.emit()
        self.close()

    def end_session(self) -> None:
        """Close at once, asking nothing: the store under the window was replaced (a restore)."""
        self._closing = True
        self.idle.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and not self._may_close():
            event.ignore()
            return
        self._closing = True
        self._drop_held()
        save_window(self.ctx.settings, self)
        self.ctx.settings.sync()  # the layout, the lists' choices and the last tab, on disk now
        self.idle.stop()
        # No more sweeps as this person: after signing out, the window stays (hidden) while
        # someone else signs in, and its sweep would still answer every change and hour.
        for watcher in (self.action_sweep, self.clock_watch):
            if shiboken6.isValid(watcher):
                watcher.deleteLater()
        super().closeEvent(event)

    def _may_close(self) -> bool:
        if not self.locked:
            return self.settle_all()
        if not self.has_changes():
            return True
        answer = QMessageBox.question(
            self,
            "Close APDesk?",
            CLOSE_LOCKED,
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close
