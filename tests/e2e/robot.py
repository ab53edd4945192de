"""Drives APDesk's real window the way a newcomer would, knowing nothing of its code.

Run as `python -m tests.e2e.robot [apdesk arguments]`: it starts the program through
`apdesk.cli.main`, and every fifth of a second looks at what is on screen. On a wizard page
it fills each empty field from its label, ticks every box and presses Create/Next/Finish; on
the start window it types the passphrase or signs in. When the main window appears it prints
`MAIN WINDOW:` with the tabs it shows, and quits. Anything else a person would see as a
failure (a message box, a problem line, no progress for a while) is printed and ends the run
with exit code 3.

Answers come from the environment: ROBOT_USERNAME, ROBOT_PASSWORD, ROBOT_PASSPHRASE. It also
prints the tab on show and the heading its list is sorted by; with ROBOT_TAB it then opens
that tab, and with ROBOT_SORT ("Name descending") clicks that list heading, before quitting.
With ROBOT_WAIT_FOR it then watches that tab's list (as someone leaving the window open
does) and prints `FIRST LOOK:` with whether a row held that text once the list had loaded,
then `FOUND:` with the row once one does (or fails after ROBOT_TIMEOUT).
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QWidget,
    QWizard,
)

USERNAME = os.environ.get("ROBOT_USERNAME", "amorgan")
PASSWORD = os.environ.get("ROBOT_PASSWORD", "correct horse battery")
PASSPHRASE = os.environ.get("ROBOT_PASSPHRASE", "a long passphrase for this PC")
START_BUTTONS = ("Sign in", "Unlock", "Start set-up again")
TIMEOUT_S = float(os.environ.get("ROBOT_TIMEOUT", "90"))
WAIT_FOR = os.environ.get("ROBOT_WAIT_FOR", "")


def answer_for(label: str, field: QWidget) -> str:
    """What a newcomer types into a field with this label."""
    text = label.replace("&", "").lower()
    if isinstance(field, QLineEdit) and field.echoMode() == QLineEdit.EchoMode.Password:
        return PASSPHRASE if "passphrase" in text else PASSWORD
    for word, value in (
        ("urn", "123456"),
        ("user", USERNAME),
        ("email", "office@example.sch.uk"),
        ("phone", "01632 960000"),
        ("address", "1 School Lane\nTowncaster"),
        ("school", "Riverside Academy"),
        ("local authority", "Towncaster"),
        ("complaint", "Write to the Headteacher, then the governors."),
    ):
        if word in text:
            return value
    return "Alex Morgan"


def form_fields(page: QWidget) -> list[tuple[str, QWidget]]:
    rows: list[tuple[str, QWidget]] = []
    for form in page.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or field.widget() is None:
                continue
            widget = label.widget()
            text = widget.text() if isinstance(widget, QLabel) else ""
            rows.append((text, field.widget()))
    return rows


def fill(page: QWidget) -> None:
    secret = ""  # "Type it again" gets what was typed in the box above it
    for label, field in form_fields(page):
        if not field.isVisibleTo(page) or not field.isEnabled():
            continue
        hidden = isinstance(field, QLineEdit) and field.echoMode() == QLineEdit.EchoMode.Password
        if hidden and "again" in label.replace("&", "").lower() and secret:
            if not field.text():
                field.setText(secret)
            continue
        if isinstance(field, QLineEdit) and not field.text():
            field.setText(answer_for(label, field))
        if hidden:
            secret = field.text()
        if isinstance(field, QPlainTextEdit) and not field.toPlainText():
            field.setPlainText(answer_for(label, field))
    for box in page.findChildren(QCheckBox):
        if box.isVisibleTo(page) and box.isEnabled() and not box.isChecked():
            box.setChecked(True)


def main_list(tabs: QTabWidget) -> QTableView | None:
    """The list of the tab on show (named "<tab> list" for screen readers), else its first."""
    page = tabs.currentWidget()
    views = page.findChildren(QTableView) if page is not None else []
    name = tabs.tabText(tabs.currentIndex()).replace("&", "")
    named = [v for v in views if v.accessibleName() == f"{name} list"]
    return (named or views or [None])[0]


def shown_list(tabs: QTabWidget) -> str:
    """The tab on show and the heading its first list is sorted by ("Pupils, by Name
    descending")."""
    name = tabs.tabText(tabs.currentIndex()).replace("&", "")
    view = main_list(tabs)
    if view is None:
        return name
    header = view.horizontalHeader()
    column = header.sortIndicatorSection() if header.isSortIndicatorShown() else -1
    if not 0 <= column < view.model().columnCount():
        return f"{name}, unsorted"
    heading = view.model().headerData(column, Qt.Orientation.Horizontal)
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    return f"{name}, by {heading} {'descending' if descending else 'ascending'}"


def problems(widget: QWidget) -> list[str]:
    """Visible red problem lines (APDesk's `problem_label`)."""
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if label.isVisible() and label.text() and label.objectName() == "problem"
    ]


class Robot:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.started = time.monotonic()
        self.pressed: list[str] = []
        self.result = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self.step)
        self.timer.start(200)

    def fail(self, why: str) -> None:
        print(f"ROBOT FAILED: {why}", flush=True)
        print(f"pressed so far: {self.pressed}", flush=True)
        self.result = 3
        self.timer.stop()
        self.app.exit(3)

    def step(self) -> None:
        if time.monotonic() - self.started > TIMEOUT_S:
            self.fail(f"no main window after {TIMEOUT_S:.0f} s")
            return
        for widget in self.app.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox):
                self.fail(f"message box: {widget.text()} {widget.informativeText()}")
                return
            if isinstance(widget, QMainWindow):
                self.main_window(widget)
                return
        for widget in self.app.topLevelWidgets():
            if widget.isVisible() and widget.isEnabled():
                if isinstance(widget, QWizard):
                    self.wizard(widget)
                    return
                if widget.windowTitle().startswith("APDesk"):
                    self.start_window(widget)
                    return

    def main_window(self, window: QMainWindow) -> None:
        tabs = window.findChild(QTabWidget)
        names = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())] if tabs else []
        print(f"MAIN WINDOW: {window.windowTitle()} | tabs: {', '.join(names)}", flush=True)
        print(f"pressed: {self.pressed}", flush=True)
        self.timer.stop()
        if tabs is not None:
            try:
                self.look_around(tabs, names)
            except Exception as exc:  # a failure to report, not a hang
                self.fail(f"{type(exc).__name__}: {exc}")
                return
            if WAIT_FOR:
                self.watching, self.first_look = (window, tabs), True
                self.timer.timeout.disconnect(self.step)
                self.timer.timeout.connect(self.watch)
                self.timer.start(200)
                return
        window.close()
        self.app.exit(0)

    def watch(self) -> None:
        window, tabs = self.watching
        if time.monotonic() - self.started > TIMEOUT_S:
            self.fail(f"no row with {WAIT_FOR!r} after {TIMEOUT_S:.0f} s")
            return
        page = tabs.currentWidget()
        view = main_list(tabs)
        if view is None or not getattr(page, "loaded", True):
            return
        model = view.model()
        rows = [
            " | ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            for r in range(model.rowCount())
        ]
        found = [row for row in rows if WAIT_FOR in row]
        if self.first_look:
            print(f"FIRST LOOK: {'found' if found else 'not there'}", flush=True)
            self.first_look = False
        if found:
            print(f"FOUND: {found[0]}", flush=True)
            self.timer.stop()
            window.close()
            self.app.exit(0)

    def look_around(self, tabs: QTabWidget, names: list[str]) -> None:
        print(f"shown: {shown_list(tabs)}", flush=True)
        wanted = os.environ.get("ROBOT_TAB", "")
        if wanted in names:
            tabs.setCurrentIndex(names.index(wanted))
        heading, _, order = os.environ.get("ROBOT_SORT", "").rpartition(" ")
        view = main_list(tabs)
        if heading and view is not None:
            model = view.model()
            headings = [
                model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            ]
            descending = (
                Qt.SortOrder.DescendingOrder
                if order == "descending"
                else Qt.SortOrder.AscendingOrder
            )
            view.sortByColumn(headings.index(heading), descending)
        print(f"left: {shown_list(tabs)}", flush=True)

    def wizard(self, wizard: QWizard) -> None:
        page = wizard.currentPage()
        if page is None:
            return
        found = problems(page)
        if found:
            self.fail(f"wizard page '{page.title()}' says: {' '.join(found)}")
            return
        fill(page)
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.NextButton,
        ):
            button = wizard.button(which)
            if button.isVisible() and button.isEnabled():
                self.pressed.append(f"{page.title()} > {button.text().replace('&', '')}")
                button.click()
                return

    def start_window(self, window: QWidget) -> None:
        stack = window.findChild(QStackedWidget)
        page = stack.currentWidget() if stack is not None else window
        if page is None or not page.isEnabled():
            return
        texts = [b.text().replace("&", "") for b in page.findChildren(QAbstractButton)]
        if "Try again" in texts:
            shown = " ".join(label.text() for label in page.findChildren(QLabel) if label.text())
            self.fail(f"start window cannot open the store: {shown}")
            return
        found = problems(page)
        if found and self.pressed and self.pressed[-1].startswith("start"):
            self.fail(f"start window says: {' '.join(found)}")
            return
        fill(page)
        for button in page.findChildren(QAbstractButton):
            text = button.text().replace("&", "")
            if button.isVisible() and button.isEnabled() and text in START_BUTTONS:
                self.pressed.append(f"start > {text}")
                button.click()
                return


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    robot = Robot(app)  # kept alive while the program runs
    from apdesk.cli import main as apdesk_main

    code = apdesk_main(sys.argv[1:])
    return robot.result or code


if __name__ == "__main__":
    sys.exit(main())
