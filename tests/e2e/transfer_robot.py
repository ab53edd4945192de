"""Drives the real window to send a CP file: `python -m tests.e2e.transfer_robot [args]`.

It signs in as the robot does (tests/e2e/robot.py), then, by what is on screen: opens the
Pupils tab, chooses the first pupil, presses Transfer CP file…, types the receiving school
and DSL, presses Make the pack…, saves where and as what the file dialog suggests (printing
`SAVED AS: …`), and prints the code the window shows (`CODE: …`) before pressing I have
noted the code and quitting.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QWidget,
)

from tests.e2e.robot import Robot


def button(root: QWidget, text: str) -> QAbstractButton | None:
    for found in root.findChildren(QAbstractButton):
        if found.text().replace("&", "") == text and found.isVisible() and found.isEnabled():
            return found
    return None


def named(root: QWidget, kind: type, name: str) -> QWidget | None:
    for found in root.findChildren(kind):
        if found.accessibleName() == name and found.isVisible():
            return found  # type: ignore[no-any-return]
    return None


class TransferRobot(Robot):
    step_done = ""

    def dialogs(self) -> list[QWidget]:
        return [w for w in self.app.topLevelWidgets() if w.isVisible() and isinstance(w, QDialog)]

    def step(self) -> None:
        for widget in self.dialogs():
            if isinstance(widget, QFileDialog):
                chosen = widget.selectedFiles()
                if chosen and chosen[0].endswith(".pdf"):  # else still settling: next tick
                    print(f"SAVED AS: {chosen[0]}", flush=True)
                    self.pressed.append("file dialog > Save")
                    widget.accept()  # where and as what it suggests, as a newcomer would
                return
            if widget.accessibleName() == "The code that opens the pack":
                code = named(widget, QLabel, "Code")
                print(f"CODE: {code.text() if code else '?'}", flush=True)
                noted = button(widget, "I have noted the code")
                if noted is not None:
                    noted.click()
                self.finish()
                return
        super().step()

    def finish(self) -> None:
        print(f"pressed: {self.pressed}", flush=True)
        self.timer.stop()
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QMainWindow):
                widget.close()
        self.app.exit(0)

    def main_window(self, window: QMainWindow) -> None:
        transfer = next(
            (
                w
                for w in self.dialogs()
                if w.accessibleName() == "Transfer the child-protection file"
            ),
            None,
        )
        if transfer is not None:
            self.fill_transfer(transfer)
            return
        tabs = window.findChild(QTabWidget)
        if tabs is None:
            self.fail("no tabs in the main window")
            return
        titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
        if "Pupils" not in titles:
            self.fail(f"no Pupils tab: {titles}")
            return
        if tabs.tabText(tabs.currentIndex()) != "Pupils":
            self.pressed.append("tab > Pupils")
            tabs.setCurrentIndex(titles.index("Pupils"))
            return
        press = button(window, "Transfer CP file…")
        if press is not None:
            self.pressed.append("pupil > Transfer CP file…")
            press.click()
            return
        pupils = tabs.currentWidget().findChildren(QTableView)
        listed = [v for v in pupils if v.isVisible() and v.model() and v.model().rowCount()]
        if listed and self.step_done != "chosen":
            self.step_done = "chosen"
            self.pressed.append("pupils > first row")
            listed[0].selectRow(0)

    def fill_transfer(self, dialog: QWidget) -> None:
        if self.step_done == "made":
            return
        for name, text in (
            ("Receiving school", "Hillcrest Fictional High"),
            ("Receiving DSL", "Sam Receiver"),
        ):
            field = named(dialog, QLineEdit, name)
            if field is None:
                self.fail(f"no field {name} in the transfer dialog")
                return
            field.setText(text)
        make = button(dialog, "Make the pack…")
        if make is not None:
            self.step_done = "made"
            self.pressed.append("transfer > Make the pack…")
            # later, not in this timer's slot: the file dialog's own event loop must let
            # this robot's timer fire again to answer it
            QTimer.singleShot(0, make.click)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt's own file dialog, which a robot can fill (a desktop's native one waits outside Qt)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    robot = TransferRobot(app)
    from apdesk.cli import main as apdesk_main

    code = apdesk_main(sys.argv[1:])
    return robot.result or code


if __name__ == "__main__":
    sys.exit(main())
