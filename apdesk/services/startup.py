"""What every start does first, before anything unlocks: finish or undo work a kill left behind.

An interrupted first set-up (services.setup) and an interrupted change of key
(storage.rekey) are each finished or undone without any key; the caller shows the sentences
returned, so the person knows which happened.
"""

from __future__ import annotations

import logging
from pathlib import Path

from apdesk.domain.clock import Clock
from apdesk.domain.errors import ApdeskError
from apdesk.services.setup import finish_interrupted_setup
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.rekey import finish_interrupted_rekey

log = logging.getLogger("apdesk")


def finish_interrupted_work(folder: Path, keyring: SystemKeyring, clock: Clock) -> list[str]:
    """Plain sentences saying what was finished or undone (empty when nothing was)."""
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
