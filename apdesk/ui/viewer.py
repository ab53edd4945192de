"""Shows a document or evidence file from memory (PDF or image), with Print and Save.

Files come out of the encrypted store as bytes and are shown from memory: a PDF through
QtPdf from a QBuffer, a picture through QImage. Nothing is written to a temporary folder;
a file reaches the disk only when the user chooses Save and picks where.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from apdesk.ui.files import PDF_FILTER, choose_save_path, write_file
from apdesk.ui.lock_hold import run_modal
from apdesk.ui.screen_fit import within_screen

PREFERRED = QSize(820, 900)


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


class DocumentViewer(QDialog):
    """A PDF or picture held in memory; Print, and Save unless the document forbids it."""

    def __init__(
        self,
        data: bytes,
        title: str,
        filename: str,
        parent: QWidget | None = None,
        *,
        allow_save: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        # A page's width and most of its height, but never more than the screen has free.
        self.resize(within_screen(self, PREFERRED, parent))
        self._data = data
        self._filename = filename
        self.pdf: QPdfDocument | None = None
        self.image = QImage()
        layout = QVBoxLayout(self)
        layout.addWidget(self._content(), 1)
        bottom = QHBoxLayout()
        self.pages_note = self._pages_note()
        bottom.addWidget(self.pages_note, 1)
        bottom.addWidget(self._buttons(allow_save))
        layout.addLayout(bottom)

    def _content(self) -> QWidget:
        if is_pdf(self._data):
            return self._pdf_view()
        self.image = QImage.fromData(self._data)
        if self.image.isNull():
            note = QLabel(
                "APDesk cannot show this kind of file. Use Save to keep a copy and "
                "open it with another program."
            )
            note.setWordWrap(True)
            return note
        picture = QLabel()
        picture.setPixmap(QPixmap.fromImage(self.image))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setWidgetResizable(True)
        return scroll

    def _pdf_view(self) -> QWidget:
        # The buffer must outlive the document, so both belong to this dialog.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self._data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)
        view = QPdfView(self)
        view.setDocument(self.pdf)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setAccessibleName("Document pages")
        return view

    def _buttons(self, allow_save: bool) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        printable = self.pdf is not None or not self.image.isNull()
        if printable:
            self.print_button = box.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
            self.print_button.setShortcut(QKeySequence.StandardKey.Print)
            self.print_button.clicked.connect(self.print_document)
        if allow_save:
            save = box.addButton("&Save a copy…", QDialogButtonBox.ButtonRole.ActionRole)
            save.clicked.connect(self.save_copy)
        box.rejected.connect(self.reject)
        return box

    def _pages_note(self) -> QLabel:
        count = self.pdf.pageCount() if self.pdf is not None else 0
        note = QLabel(f"{count} page{'s' if count != 1 else ''}" if count else "")
        note.setAccessibleName("Number of pages")
        note.setWordWrap(True)  # a long folder after "Copy saved" wraps, never widens it
        return note

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if run_modal(QPrintDialog(printer, self)) != QDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            for number, page in enumerate(self.page_images(printer.resolution())):
                if number:
                    printer.newPage()
                target = painter.viewport()
                size = page.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(target.x(), target.y(), page.scaled(size))
        finally:
            painter.end()

    def page_images(self, dpi: int = 150) -> list[QImage]:
        if self.pdf is None:
            return [] if self.image.isNull() else [self.image]
        pages = []
        for page in range(self.pdf.pageCount()):
            points = self.pdf.pagePointSize(page)
            size = QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72))
            pages.append(self.pdf.render(page, size))
        return pages

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def filename(self) -> str:
        """The name Save a copy suggests."""
        return self._filename

    def save_copy(self) -> None:
        path = choose_save_path(self, "Save a copy", self._filename, self._file_filter())
        if path is not None and write_file(self, path, self._data):
            # Say it is done, and where: the dialog gives no sign of its own once it closes.
            pages = self._pages_note().text()
            saved = f"Copy saved as {path.name} in {path.parent}"
            self.pages_note.setText(f"{pages}. {saved}" if pages else saved)

    def _file_filter(self) -> str:
        return PDF_FILTER if self.pdf is not None else "All files (*)"
