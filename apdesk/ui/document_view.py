"""Making a document and showing it: the service renders on the worker, the viewer shows it.

The PDF goes from the service to the viewer in memory. Nothing is written to a temporary
folder; a copy reaches the disk only through Save a copy, where the person chooses.
Batches of letters report their progress (letter 3 of 12) while they are made.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from apdesk.ui.context import UiContext
from apdesk.ui.lock_hold import when_unlocked
from apdesk.ui.viewer import DocumentViewer

Make = Callable[[], bytes]


def open_when_unlocked(parent: QWidget, dialog: QDialog) -> None:
    """Open `dialog` now, or once the window is unlocked: nothing appears over the lock page.

    (Work can finish while the window is locked; its answer waits for the same person, and
    is dropped unseen if someone signs out instead.)
    """

    def open_it() -> None:
        if shiboken6.isValid(parent) and shiboken6.isValid(dialog):
            dialog.open()

    if shiboken6.isValid(parent):
        when_unlocked(parent, open_it)


def show_document(parent: QWidget, data: bytes, title: str, filename: str) -> DocumentViewer:
    viewer = DocumentViewer(data, title, filename, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    open_when_unlocked(parent, viewer)
    return viewer


def open_document(
    ctx: UiContext,
    parent: QWidget,
    make: Make,
    title: str,
    filename: str,
    label: str = "Preparing the document…",
) -> None:
    """Run `make` on the worker (a busy note if it takes a while), then show the PDF."""
    ctx.run(
        make,
        lambda data: show_document(parent, data, title, filename),
        parent=parent,
        label=label,
    )


class _Relay(QObject):
    """Carries (done, total) from the worker thread to the progress dialog on the GUI thread."""

    step = Signal(int, int)


class BatchProgress:
    """A progress dialog for a batch, fed from the worker through a queued signal."""

    def __init__(self, parent: QWidget, total: int, noun: str = "letter") -> None:
        self.noun = noun
        self.finished = False
        self.relay = _Relay()
        self.dialog = QProgressDialog(f"Preparing {total} {noun}s…", "", 0, total, parent)
        self.dialog.setWindowTitle("APDesk")
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAccessibleName(f"Preparing {noun}s")
        self.relay.step.connect(self._step, Qt.ConnectionType.QueuedConnection)
        self.dialog.setValue(0)

    def report(self, done: int, total: int) -> None:
        """Called on the worker thread by the service."""
        self.relay.step.emit(done, total)

    def _step(self, done: int, total: int) -> None:
        if self.finished:
            return  # a step still queued when the batch ended
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        shown = min(done + 1, total)
        self.dialog.setLabelText(f"Writing {self.noun} {shown} of {total}…")

    def finish(self) -> None:
        self.finished = True
        self.dialog.close()
        self.dialog.deleteLater()
