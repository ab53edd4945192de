"""File > Export: each CSV export the person may make, saved where they choose.

The same exports as `apdesk export KIND` (services.exports): the file is made and written
on the worker, through the same output check (never over a store's own file), and the status
bar says how many rows went where. What a file leaves out (a pupil with no UPN in the MIS
file) is said in a message, since a row that is missing cannot say so itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget

from apdesk.domain.permissions import Permission
from apdesk.services import exports
from apdesk.services.output import open_output
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_message
from apdesk.ui.files import choose_save_path, safe_filename

CSV_FILTER = "CSV files (*.csv)"


def offered(ctx: UiContext) -> list[exports.ExportKind]:
    """The kinds this person may export (export permission and sight of that data)."""
    if not ctx.may(Permission.EXPORT_DATA):
        return []
    return [kind for kind in exports.KINDS.values() if ctx.may(kind.permission)]


def add_export_menu(
    ctx: UiContext, parent: QWidget, menu: QMenu, said: Callable[[str], None]
) -> QMenu | None:
    """An Export submenu on `menu`, or nothing when this person may export nothing."""
    kinds = offered(ctx)
    if not kinds:
        return None
    submenu = menu.addMenu("&Export")
    for kind in kinds:
        action = submenu.addAction(f"{kind.title}…")
        action.triggered.connect(lambda _=False, k=kind.name: export_to_file(ctx, parent, k, said))
    return submenu


def suggested_name(kind: str, today: date) -> str:
    """'APDesk mis-attendance 2026-12-02.csv'."""
    return safe_filename(f"APDesk {kind} {today.isoformat()}", suffix=".csv")


def export_to_file(ctx: UiContext, parent: QWidget, kind: str, said: Callable[[str], None]) -> None:
    """Ask where, then export and write on the worker."""
    title = exports.KINDS[kind].title
    path = choose_save_path(parent, f"Save {title}", suggested_name(kind, ctx.clock.today()),
                            CSV_FILTER)  # fmt: skip
    if path is not None:
        write_export(ctx, parent, kind, path, said)


def write_export(
    ctx: UiContext, parent: QWidget, kind: str, path: Path, said: Callable[[str], None]
) -> None:
    svc, actor = ctx.services, ctx.actor

    def work() -> exports.Written:
        with open_output(path) as out:
            return exports.write_csv(svc, actor, kind, out)

    def done(result: exports.Written) -> None:
        said(f"Exported {result.rows} rows to {path.name}.")
        if result.notes:
            show_message(parent, "\n\n".join(result.notes), exports.KINDS[kind].title)

    ctx.run(work, done, parent=parent, label="Exporting…")
