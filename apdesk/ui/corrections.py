"""Putting a mistake right from the window: every correction asks why, then calls
`apdesk.services.corrections`, which checks the rules and keeps old -> new and why.

The record's editor owns the buttons; this module asks the questions (a reason, which
record is the right one) and runs the correction on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from apdesk.domain.corrections import MIN_REASON
from apdesk.ui.context import UiContext
from apdesk.ui.lock_hold import ask_item, ask_text


def ask_reason(parent: QWidget, title: str, question: str) -> str | None:
    """The reason for a correction (kept in the audit log), or None if cancelled."""
    while True:
        text, ok = ask_text(parent, title, f"{question}\n\nThe reason is kept in the audit log.")
        if not ok:
            return None
        if len(" ".join(text.split())) >= MIN_REASON:
            return text
        QMessageBox.information(
            parent, title, "Say in a few words why (for example 'typed the wrong date')."
        )


def correct(
    ctx: UiContext,
    parent: QWidget,
    title: str,
    question: str,
    work: Callable[[str], Any],
    done: Callable[[Any], object] | None = None,
) -> None:
    """Ask why, then run `work(reason)` on the worker; a refusal is explained plainly."""
    reason = ask_reason(parent, title, question)
    if reason is not None:
        ctx.run(lambda: work(reason), done, parent=parent, label="Saving the correction…")


def choose(
    parent: QWidget, title: str, question: str, choices: list[tuple[int, str]]
) -> int | None:
    """One of `choices` (id, text), or None."""
    if not choices:
        QMessageBox.information(parent, title, "There is nothing to choose from.")
        return None
    texts = [text for _, text in choices]
    picked, ok = ask_item(parent, title, question, texts)
    return choices[texts.index(picked)][0] if ok else None
