"""Back up now, from the window: `services.admin.backup_now` on the worker, and what to say."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apdesk.services import admin
from apdesk.services.context import Actor, AppServices


@dataclass(frozen=True)
class BackupDone:
    """What to tell the person: where the verified backup is, and the audit chain's head."""

    path: Path
    created_at: str
    audit_head: str


def backup_now(svc: AppServices, actor: Actor, target: Path) -> BackupDone:
    """Runs on the worker: a verified, encrypted, audited backup written to `target`."""
    manifest = admin.backup_now(svc, actor, target)
    return BackupDone(target, manifest.created_at, str(manifest.audit_head))
