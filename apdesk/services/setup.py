"""First run: a new store, the school's details and the first Headteacher account, in one go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apdesk.domain.clock import Clock
from apdesk.domain.entities import School
from apdesk.domain.permissions import check_password_strength
from apdesk.services import school as school_service
from apdesk.services import staff as staff_service
from apdesk.services.context import Actor, AppServices
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import StorePaths, check_passphrase, create_store


@dataclass(frozen=True)
class FirstRun:
    services: AppServices
    headteacher: Actor
    recovery_code: str


def create_school_store(
    folder: Path,
    school: School,
    head_username: str,
    head_name: str,
    head_password: str,
    clock: Clock,
    *,
    keyring: SystemKeyring | None,
    passphrase: str | None = None,
) -> FirstRun:
    """Everything the set-up wizard makes. Inputs are checked before anything is written."""
    check_password_strength(head_password)
    if passphrase is not None:
        check_passphrase(passphrase)
    school_service.validate_school(school)
    store, code = create_store(
        StorePaths(folder), clock.now(), keyring=keyring, passphrase=passphrase
    )
    services = AppServices(store, clock)
    head = staff_service.create_first_headteacher(
        services, head_username, head_name, head_password, school
    )
    return FirstRun(services, head, code)
