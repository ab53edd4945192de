"""What every start does first, before anything unlocks: finish or undo work a kill left behind.

An interrupted first set-up (services.setup) and an interrupted change of key
(storage.rekey) are each finished or undone without any key; the caller shows the sentences
returned, so the person knows which happened. Both leave a file or folder behind that a few
`stat`s find (`StorePaths.interrupted_work`), so the code that finishes them, which needs the
database libraries, is imported only when there is something to finish: an ordinary start
shows its window without them (decision 0024).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from apdesk.domain.clock import Clock
from apdesk.domain.errors import ApdeskError
from apdesk.storage.paths import StorePaths

if TYPE_CHECKING:
    from apdesk.storage.keyring_store import SystemKeyring

log = logging.getLogger("apdesk")


def finish_interrupted_work(folder: Path, keyring: SystemKeyring, clock: Clock) -> list[str]:
    """Plain sentences saying what was finished or undone (empty when nothing was)."""
    if not StorePaths(folder).interrupted_work():
        return []
    from apdesk.services.setup import finish_interrupted_setup
    from apdesk.storage.rekey import finish_interrupted_rekey

    said = []
    setup = finish_interrupted_setup(folder)
    if setup:
        said.append(setup)
    try:
        rekeyed = finish_interrupted_rekey(folder, keyring, clock.now())
    except (OSError, ApdeskError):
        log.exception("could not finish an interrupted rekey in %s", folder)
        rekeyed = None
    if rekeyed:
        log.warning("interrupted rekey: %s", rekeyed)
        said.append(rekeyed)
    return said
