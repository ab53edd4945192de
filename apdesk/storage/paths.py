"""Where a store's files are, and its key slots read: all a start needs before a window shows.

Nothing here imports SQLAlchemy, the keyring library or the entities' mapping, so the
start window can paint first (decision 0024); `store.py` opens what these name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apdesk.storage.errors import StoreDamaged, StoreMissing
from apdesk.storage.keyslots import KeySlots

SETUP_SCRATCH_PREFIX = "setup-"


@dataclass(frozen=True)
class StorePaths:
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "apdesk.db"

    @property
    def keyslots(self) -> Path:
        return self.folder / "keyslots.json"

    @property
    def pending_keyslots(self) -> Path:
        return self.folder / "keyslots.json.new"

    @property
    def rekey_journal(self) -> Path:
        """Present only while a rekey is under way or was interrupted (see storage.rekey)."""
        return self.folder / "rekey.json"

    @property
    def work(self) -> Path:
        """Scratch space for encrypted copies, on the same disk as the store."""
        return self.folder / "work"

    def sidecars(self) -> list[Path]:
        return [self.db.with_name(self.db.name + suffix) for suffix in ("-wal", "-shm")]

    def exists(self) -> bool:
        return self.db.exists() or self.keyslots.exists()

    def setup_scratches(self) -> list[Path]:
        """Folders a first set-up builds its store in (`services.setup`), left by a kill."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob(f"{SETUP_SCRATCH_PREFIX}*") if p.is_dir())

    def interrupted_work(self) -> bool:
        """Whether a kill left a set-up or a change of key to finish or undo (a few `stat`s:
        `services.startup` imports the code that finishes them only when there is some)."""
        try:
            return self.rekey_journal.exists() or bool(self.setup_scratches())
        except OSError:  # a folder that cannot be read: the finishing code says so
            return True


def load_slots(paths: StorePaths) -> KeySlots:
    if not paths.db.exists():
        if paths.keyslots.exists():
            raise StoreDamaged(
                f"The database file is missing from {paths.folder}. Restore from a backup."
            )
        aside = sorted(paths.folder.glob("replaced-*")) if paths.folder.is_dir() else []
        if aside:
            raise StoreMissing(
                f"A restore into {paths.folder} did not finish: the store it was replacing is "
                f"kept in {aside[-1]}. Run `apdesk restore FILE` again, or move the files from "
                "that folder back."
            )
        raise StoreMissing(f"There is no APDesk store in {paths.folder} yet. Run `apdesk init`.")
    return KeySlots.load(paths.keyslots)
