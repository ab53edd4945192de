"""A closed account (a leaver) is refused at sign-in by `apdesk` in a fresh interpreter,
with a plain message, and signs in again once reopened."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from apdesk.domain.clock import SystemClock
from apdesk.domain.enums import Role
from apdesk.services import staff
from apdesk.services.app_services import AppServices
from apdesk.storage.keyslots import PASSPHRASE as PASSPHRASE_SLOT
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from tests.e2e.program import PASSPHRASE, apdesk, environment

HEAD, DSL = "the head's long password", "the DSL's long password"


def head_does(data: Path, change) -> None:  # type: ignore[no-untyped-def]
    """The Headteacher makes, closes or reopens the DSL's account (as the window would)."""
    paths = StorePaths(data)
    svc = AppServices(
        open_store(paths, key_from_secret(paths, PASSPHRASE_SLOT, PASSPHRASE), datetime.now()),
        SystemClock(),
    )
    try:
        if not staff.has_staff(svc):
            head = staff.create_first_headteacher(svc, "head", "Alex Morgan", HEAD)
            staff.create_staff(svc, head, "dsl", "Sam Dsl", [Role.DSL], DSL)
            return
        head = staff.sign_in(svc, "head", HEAD)
        dsl = next(m for m in staff.list_staff(svc, head) if m.username == "dsl")
        change(svc, head, dsl.id, "left the school in July")
    finally:
        svc.close()


def test_a_closed_account_cannot_sign_in_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = environment(tmp_path, "none", APDESK_DATA_DIR=str(data), APDESK_PASSPHRASE=PASSPHRASE)
    assert apdesk(env, "init", "--passphrase").code == 0
    head_does(data, None)
    dsl = {**env, "APDESK_PASSWORD": DSL}
    assert apdesk(dsl, "today", "--user", "dsl").code == 0

    head_does(data, staff.close_account)
    refused = apdesk(dsl, "today", "--user", "dsl")
    assert refused.code == 1 and "Traceback" not in refused.text
    assert "This account has been closed, so it cannot sign in" in refused.err
    guessed = apdesk({**env, "APDESK_PASSWORD": "a guess at it"}, "today", "--user", "dsl")
    assert guessed.code == 1 and "do not match" in guessed.err and "closed" not in guessed.err

    head_does(data, staff.reopen_account)
    assert apdesk(dsl, "today", "--user", "dsl").code == 0
    checked = apdesk(env, "check")
    assert checked.code == 0, checked.text
