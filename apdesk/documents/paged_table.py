"""A grid table made a page at a time, for documents with a row per record (the register).

ReportLab lays a `Table` out whole: every cell of every row is made before the first page,
and the table is split again at each page. `PagedTable` takes its rows from an iterator and
makes only the rows of the page being laid out, so a register of ten thousand placements
holds one page of cells at a time and its store's rows can be read as they are needed. Each
page has the header row and a light grid (`styles.GRID_STYLE`), as `grid_table` draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from apdesk.documents.styles import GRID_PADDING, GRID_STYLE, cellify, header_cells, styles

__all__ = ["PagedTable"]

Row = Sequence[object]


class PagedTable(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Header and rows (cells as `grid_table` takes them), made and placed a page at a time."""

    def __init__(self, header: Row, rows: Iterable[Row], col_widths: Sequence[float]) -> None:
        super().__init__()
        self._header = header_cells(header)
        self._rows: Iterator[Row] = iter(rows)
        self._widths = list(col_widths)
        self._waiting: tuple[list[Flowable], float] | None = None  # made, not yet placed
        self._placed_any = False
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Never placed whole: the frame asks it to split, which makes this page's rows.
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        header_height = self._height(self._header, availWidth)
        rows: list[list[Flowable]] = []
        heights = [header_height]
        while (row := self._next(availWidth)) is not None:
            cells, height = row
            if sum(heights) + height > availHeight:
                break
            rows.append(cells)
            heights.append(height)
            self._waiting = None
        if not rows and self._waiting is not None:
            if not hasattr(self, "_postponed"):
                return []  # too little room left on this page: the next page
            return self._too_tall(availWidth, availHeight)  # taller than an empty page
        if not rows and self._placed_any:
            return []  # nothing left (cannot happen: the last page does not return self)
        self._placed_any = True
        self.__dict__.pop("_postponed", None)
        page = self._table([self._header, *rows], heights)
        return [page, self] if self._next(availWidth) is not None else [page]

    def _next(self, width: float) -> tuple[list[Flowable], float] | None:
        """The next row's cells and height, made once; None when every row is placed."""
        if self._waiting is None:
            row = next(self._rows, None)
            if row is None:
                return None
            cells = [cellify(v, styles().cell) for v in row]
            self._waiting = cells, self._height(cells, width)
        return self._waiting

    def _height(self, cells: list[Flowable], width: float) -> float:
        one = Table([cells], colWidths=self._widths, style=TableStyle(GRID_PADDING))
        return float(one.wrap(width, 1e9)[1])

    def _table(self, data: list[list[Flowable]], heights: list[float] | None) -> Table:
        table = Table(data, colWidths=self._widths, rowHeights=heights, repeatRows=1,
                      hAlign="LEFT", splitInRow=1)  # fmt: skip
        table.setStyle(TableStyle(GRID_STYLE))
        return table

    def _too_tall(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """A row taller than a page, split inside the row by ReportLab, header on each part."""
        assert self._waiting is not None
        cells, _ = self._waiting
        self._waiting, self._placed_any = None, True
        self.__dict__.pop("_postponed", None)
        parts: list[Any] = self._table([self._header, cells], None).split(availWidth, availHeight)
        rest = [self] if self._next(availWidth) is not None else []
        return [*parts, *rest]
