"""Services against a real encrypted store: one migrated template per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from apdesk.domain.clock import FixedClock
from apdesk.domain.enums import Role
from apdesk.services import staff as staff_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage.store import StorePaths, create_store, open_store

PASSWORDS = {role: f"demo-password-{role.value}" for role in Role}


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A migrated store with one account per role, made once; keying and migrating is slow."""
    from datetime import datetime

    from tests.conftest import PASSPHRASE

    folder = tmp_path_factory.mktemp("template") / "data"
    store, _ = create_store(
        StorePaths(folder), datetime(2026, 9, 1, 8), keyring=None, passphrase=PASSPHRASE
    )
    svc = AppServices(store, FixedClock(datetime(2026, 9, 1, 8)))
    head = staff_service.create_first_headteacher(
        svc, "head", "Alex Morgan (Head)", PASSWORDS[Role.HEADTEACHER]
    )
    for role in Role:
        if role is not Role.HEADTEACHER:
            staff_service.create_staff(
                svc, head, role.value, f"Test {role.value}", [role], PASSWORDS[role]
            )
    key = store.key
    svc.close()
    return folder, key


@pytest.fixture
def services(
    template_store: tuple[Path, bytes], tmp_path: Path, clock: FixedClock
) -> Iterator[AppServices]:
    folder, key = template_store
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    svc = AppServices(open_store(StorePaths(target), key, clock.now()), clock)
    yield svc
    svc.close()


@pytest.fixture
def actors(services: AppServices) -> dict[Role, Actor]:
    """Everyone signed in (passwords are checked the real way, once per role)."""
    result = {
        Role.HEADTEACHER: staff_service.sign_in(services, "head", PASSWORDS[Role.HEADTEACHER])
    }
    for role in Role:
        if role is not Role.HEADTEACHER:
            result[role] = staff_service.sign_in(services, role.value, PASSWORDS[role])
    return result
