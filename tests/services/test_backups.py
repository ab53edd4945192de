"""Backups from the window go through a service that checks who is asking."""

from __future__ import annotations

import pytest

from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.services import backups
from apdesk.storage.backup import read_backup


def test_administrator_backs_up_and_the_manifest_holds_the_chain_head(services, actors, tmp_path):
    target = tmp_path / "backup.zip"
    manifest = backups.backup_now(services, actors[Role.ADMINISTRATOR], target)
    stored, _ = read_backup(target)
    assert stored.audit_head == manifest.audit_head and manifest.audit_head.row_id > 0


@pytest.mark.parametrize("role", [Role.DSL, Role.GOVERNOR, Role.INCLUSION_LEAD])
def test_others_cannot_back_up(services, actors, tmp_path, role):
    with pytest.raises(PermissionDenied, match="cannot manage backups"):
        backups.backup_now(services, actors[role], tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()
