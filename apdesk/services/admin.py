"""Administration from the window: a verified backup on demand, for those who manage backups."""

from __future__ import annotations

from pathlib import Path

from apdesk.domain.errors import ApdeskError
from apdesk.domain.permissions import Permission
from apdesk.services.context import Actor, AppServices
from apdesk.storage.backup import Manifest, create_backup
from apdesk.storage.files import check_output_path


def backup_now(svc: AppServices, actor: Actor, target: Path) -> Manifest:
    """Write an encrypted, verified backup to `target`; the audit log records who and where.

    The audit row is written first, so the backup's chain head includes it; a path that
    must not be written (a store's own file, say) is refused before that.
    """
    check_output_path(target)
    with svc.work(actor, Permission.MANAGE_BACKUPS) as uow:
        uow.audit("store.backup", "store", None, new={"file": target.name})
    try:
        return create_backup(svc.store, target, svc.clock.now())
    except OSError as exc:
        reason = exc.strerror or "the folder may be read-only or the disk full"
        raise ApdeskError(f"The backup could not be written there: {reason}.") from exc
