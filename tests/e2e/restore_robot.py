"""The window robot, restoring a backup: sign in, File > Restore from a backup… (the file from
ROBOT_RESTORE_FILE stands in for the file dialog), press Restore, and report the sign-in
screen that follows with `SIGNED OUT AFTER RESTORE:` and what it says.

Run as `python -m tests.e2e.restore_robot [apdesk arguments]`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QStackedWidget

from tests.e2e.robot import Robot


class RestoreRobot(Robot):
    restoring = False

    def step(self) -> None:
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                buttons = {b.text().replace("&", ""): b for b in widget.buttons()}
                if "Restore" in buttons:
                    print(f"ASKED: {widget.text()}", flush=True)
                    self.pressed.append("confirm > Restore")
                    buttons["Restore"].click()
                    return
        super().step()

    def main_window(self, window: QMainWindow) -> None:
        if self.restoring:
            return
        from apdesk.ui import restore_flow

        chosen = Path(os.environ["ROBOT_RESTORE_FILE"])
        restore_flow.choose_open_path = lambda *_: chosen  # type: ignore[assignment]
        file_menu = window.menuBar().actions()[0].menu()
        action = next(a for a in file_menu.actions() if "Restore" in a.text())
        self.pressed.append(f"File > {action.text().replace('&', '')}")
        self.restoring = True
        action.trigger()

    def start_window(self, window) -> None:  # type: ignore[no-untyped-def]
        stack = window.findChild(QStackedWidget)
        page = stack.currentWidget() if stack is not None else None
        texts = [label.text() for label in page.findChildren(QLabel)] if page else []
        if self.restoring and "Sign in to APDesk" in texts:
            print(f"SIGNED OUT AFTER RESTORE: {' '.join(texts)}", flush=True)
            self.timer.stop()
            self.app.exit(0)
            return
        super().start_window(window)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    robot = RestoreRobot(app)
    from apdesk.cli import main as apdesk_main

    code = apdesk_main(sys.argv[1:])
    return robot.result or code


if __name__ == "__main__":
    sys.exit(main())
