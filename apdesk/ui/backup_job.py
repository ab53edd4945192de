"""Back up now, from the window: `services.backups.backup_now` on the worker, and what to say."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apdesk.services import backups
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices


@dataclass(frozen=True)
class BackupDone:
    """What to tell the person: where the verified backup is, when it was made and how much
    of the audit log it holds (the full chain head stays in the backup's manifest, where
    `apdesk check --against` reads it)."""

    path: Path
    created_at: str
    audit_head: str  # "row:hash"

    @property
    def audit_entries(self) -> int:
        return int(self.audit_head.partition(":")[0] or 0)

    @property
    def fingerprint(self) -> str:
        """The first eight hex digits of the chain head, in two groups: enough to compare by
        eye with a note of it, not the 64-digit hash."""
        digits = self.audit_head.partition(":")[2][:8].upper()
        return f"{digits[:4]} {digits[4:]}"

    def holds(self) -> str:
        """The sentence the window shows about the audit log the backup holds."""
        return (
            f"It holds the audit log up to entry {self.audit_entries:,} "
            f"(audit fingerprint {self.fingerprint})."
        )


def backup_now(svc: AppServices, actor: Actor, target: Path) -> BackupDone:
    """Runs on the worker: a verified, encrypted, audited backup written to `target`."""
    manifest = backups.backup_now(svc, actor, target)
    return BackupDone(target, manifest.created_at, str(manifest.audit_head))
