"""A canvas that numbers pages "Page 2 of 5" within each section of a document.

A total page count is only known once every page is laid out, so this canvas keeps each
finished page's state and draws the numbers when the document is saved (the usual
ReportLab recipe). A batch of letters is one PDF with one section per letter: each
letter is numbered on its own, "Page 1 of 2", as a parent will read it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from apdesk.documents.fonts import font_set
from apdesk.documents.styles import MUTED

__all__ = ["NumberedCanvas"]


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
    """Canvas drawing "Page n of m" at the bottom right, counted per section.

    ``generated_on`` becomes the PDF's creation date (the renderer never reads the clock);
    the document is built in ReportLab's invariant mode so identical input gives an
    identical file.
    """

    def __init__(
        self,
        *args: Any,
        generated_on: date,
        number_position: Callable[[float, float], tuple[float, float]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        stamp = f"D:{generated_on:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)
        self._number_position = number_position
        self._saved_pages: list[dict[str, Any]] = []
        self._section_starts: list[int] = []

    @property
    def page_index(self) -> int:
        """The page being drawn, counted from 0 (ReportLab's own count stops while deferred)."""
        return len(self._saved_pages)

    def begin_section(self) -> None:
        """Mark the page being drawn as the first page of a new section."""
        self._section_starts.append(len(self._saved_pages))

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for index, state in enumerate(self._saved_pages):
            self.__dict__.update(state)
            number, total = self._position(index)
            self._draw_number(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _position(self, index: int) -> tuple[int, int]:
        starts = [s for s in self._section_starts if s <= index] or [0]
        start = starts[-1]
        later = [s for s in self._section_starts if s > index]
        end = later[0] if later else len(self._saved_pages)
        return index - start + 1, end - start

    def _draw_number(self, number: int, total: int) -> None:
        width, height = self._pagesize
        x, y = self._number_position(width, height)
        self.saveState()
        self.setFont(font_set().regular, 8)
        self.setFillColor(MUTED)
        self.drawRightString(x, y, f"Page {number} of {total}")
        self.restoreState()
