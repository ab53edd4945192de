"""A full disk: one plain sentence from the command, nothing lost, no logging traceback."""

from __future__ import annotations

import errno

import pytest
from sqlalchemy.exc import OperationalError

from apdesk.storage.files import DISK_FULL
from tests.storage.helpers import run_cli


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("INSERT", {}, Exception("database or disk is full")),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
)
def test_a_full_disk_is_one_plain_sentence(copied_store, capsys, monkeypatch, tmp_path, error):
    def full(*args, **kwargs):
        raise error

    monkeypatch.setattr("apdesk.storage.backup.export_copy", full)
    (copied_store.folder / "apdesk.log").mkdir()  # and the log cannot be written either
    status, text = run_cli(capsys, copied_store.folder, "backup", str(tmp_path / "b.zip"))
    assert status == 1
    assert text.strip() == f"apdesk: {DISK_FULL}"
    assert "Logging error" not in text


def test_the_window_says_the_same_sentence():
    from apdesk.ui.errors import user_message

    wrapped = OperationalError("INSERT", {}, Exception("database or disk is full"))
    assert user_message(wrapped) == DISK_FULL
    assert user_message(OSError(errno.ENOSPC, "No space left on device")) == DISK_FULL
