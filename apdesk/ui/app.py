"""The composition root for the window: builds the application and shows the main window."""

from __future__ import annotations

import sys
from pathlib import Path


def run_window(data_dir: Path) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("APDesk")
    label = QLabel(f"APDesk\n\nData folder: {data_dir}")
    window.setCentralWidget(label)
    window.resize(900, 600)
    window.show()
    return int(app.exec())
