"""What every tab is handed by the main window: services, the signed-in actor, the worker.

`UiContext.run` is the one way a tab does database work: off the GUI thread, with the
answer (or a plain-English error dialog) back on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from apdesk.domain.clock import Clock
from apdesk.domain.permissions import Permission
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.ui.bus import ChangeBus
from apdesk.ui.errors import show_error
from apdesk.ui.worker import Worker

if TYPE_CHECKING:
    from apdesk.services.actor import Actor
    from apdesk.services.app_services import AppServices


@dataclass(frozen=True)
class UiContext:
    services: AppServices
    actor: Actor
    worker: Worker
    bus: ChangeBus
    settings: QSettings
    keyring: SystemKeyring | None = None  # for a restore: a backup's key may be kept there

    @property
    def clock(self) -> Clock:
        return self.services.clock

    def may(self, permission: Permission) -> bool:
        return self.actor.may(permission)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], object] | None = None,
        *,
        parent: QWidget,
        label: str = "",
        on_failed: Callable[[BaseException], object] | None = None,
    ) -> None:
        """Run `fn` on the worker; failures become an error dialog over `parent`."""

        def failed(exc: BaseException) -> None:
            if on_failed is not None:
                on_failed(exc)
            show_error(parent, exc)

        self.worker.run(fn, on_done, failed, label=label, parent=parent)
