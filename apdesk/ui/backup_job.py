"""Back up now, from the window: the one place the window calls storage after unlocking.

Decision 0006 has the window go through `services.admin.backup_now` (permission checked,
audited). Until that service exists this small function stands in for it: it checks the
permission the same way the services do and runs `create_backup` on the worker.
Replace its body with the service call when `services/admin.py` arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apdesk.domain.errors import ApdeskError
from apdesk.domain.permissions import Permission, require
from apdesk.services.context import Actor, AppServices
from apdesk.storage.backup import create_backup


@dataclass(frozen=True)
class BackupDone:
    """What to tell the person: where the verified backup is, and the audit chain's head."""

    path: Path
    created_at: str
    audit_head: str


def backup_now(svc: AppServices, actor: Actor, target: Path) -> BackupDone:
    """Runs on the worker: a verified, encrypted backup written atomically to `target`."""
    require(actor.roles, Permission.MANAGE_BACKUPS)
    try:
        manifest = create_backup(svc.store, target, svc.clock.now())
    except OSError as exc:
        reason = exc.strerror or "the folder may be read-only or the disk full"
        raise ApdeskError(f"The backup could not be written there: {reason}.") from exc
    return BackupDone(target, manifest.created_at, str(manifest.audit_head))
