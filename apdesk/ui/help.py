"""Help > Getting started and Help > About APDesk.

The guide says what to do first in a new store (the school's terms, then providers, then
pupils and their placements). About shows the version, SQLCipher and the rest of
`apdesk.services.self_check` (the same facts as `apdesk self-check`), and where the data is.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from apdesk import __version__
from apdesk.services.self_check import self_check

GUIDE = """
<h3>Getting started with APDesk</h3>
<p>Do these in order the first time; each step needs the one before.</p>
<ol>
<li><b>The school and its terms</b> (Headteacher or Administrator): <i>File &rsaquo; School and
terms…</i>. Enter the school's details and each term's first and last day, and INSET days.
Attendance, reviews and the governors' report count school days from these.</li>
<li><b>Providers</b> (Providers tab, <i>New provider</i>): the provider's details and sites,
then its <b>vetting checks</b> with their evidence files and the <b>Annex B</b> checklist. A
provider is approved only when every check is in date.</li>
<li><b>Pupils</b> (Pupils tab, <i>New pupil</i>): legal names, date of birth, UPN and
parents or carers.</li>
<li><b>Placements</b> (Placements tab): propose one for a pupil at an approved provider,
tick Annex A, and the Headteacher authorises it. Then print the parent letter
(<i>Documents</i> menu) and start the placement.</li>
<li>Every day: the <b>Today</b> tab lists what needs doing; type the register in
<b>Attendance</b>; record reviews and incidents as they happen.</li>
</ol>
<p>Dates can be typed as 1/12/2026 or 1 Dec 2026; F4 opens a calendar. Ctrl+N starts a
record, Ctrl+S saves it, Ctrl+L locks the window. APDesk asks before leaving unsaved
typing. A mistake in a saved record is put right with <i>Correct…</i>, <i>Void…</i>,
<i>Merge into…</i> or <i>Reopen…</i>, each asking why (kept in the audit log).</p>
"""


def about_text(data_dir: Path) -> str:
    rows = "".join(
        f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(value)}</td></tr>"
        for name, value in self_check(data_dir)
    )
    return (
        f"<h3>APDesk {html.escape(__version__)}</h3>"
        "<p>Records of pupils in alternative provision, kept in an encrypted store on this "
        f"computer.</p><table cellspacing='4'>{rows}</table>"
    )


def show_text(parent: QWidget, title: str, text: str) -> QDialog:
    """A window-modal box of rich text that wraps, with a Close button."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(title)
    label.setMinimumWidth(min(560, max(320, parent.width() - 80)))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(buttons)
    dialog.open()
    return dialog
