"""No path the program writes can be a store's own file, a folder, a device or nowhere.

Each refusal is one plain sentence, exit 1, and the store is byte-for-byte as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from apdesk.storage.files import OutputRefused, check_output_path, open_output, write_output
from apdesk.storage.store import StorePaths
from tests.conftest import file_bytes
from tests.storage.helpers import run_cli

STORE_FILES = [
    "apdesk.db",
    "apdesk.db-wal",
    "apdesk.db-shm",
    "keyslots.json",
    "keyslots.json.new",
    "rekey.json",
    "backups.json",
    "apdesk.lock",
    "apdesk.lock.json",
    "APDESK.DB",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: file_bytes(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", STORE_FILES)
def test_every_file_of_the_store_is_refused(copied_store, name):
    with pytest.raises(OutputRefused, match="file of an APDesk store"):
        check_output_path(copied_store.folder / name)


def test_a_file_of_another_stores_folder_is_refused(copied_store, tmp_path):
    other = StorePaths(tmp_path / "other school")
    shutil.copytree(copied_store.folder, other.folder)
    (copied_store.folder / "apdesk.db").unlink()  # one store's key slots alone still mark it
    with pytest.raises(OutputRefused):
        check_output_path(copied_store.folder / ".keyslots.json.tmp")
    for name in ("apdesk.db", "keyslots.json", ".apdesk.db.tmp", "apdesk.db.restoring"):
        with pytest.raises(OutputRefused):
            check_output_path(other.folder / name)
    with pytest.raises(OutputRefused):
        check_output_path(other.folder / "work" / "anything.db")


def test_a_link_to_the_database_is_refused(copied_store, tmp_path):
    link = tmp_path / "innocent.csv"
    link.symlink_to(copied_store.db)
    with pytest.raises(OutputRefused, match="file of an APDesk store"):
        check_output_path(link)


def test_folders_devices_fifos_and_missing_folders_are_refused(tmp_path):
    with pytest.raises(OutputRefused, match="is a folder"):
        check_output_path(tmp_path)
    with pytest.raises(OutputRefused, match="not a file name"):
        check_output_path(f"{tmp_path}/")
    with pytest.raises(OutputRefused, match="device or other special file"):
        check_output_path(Path("/dev/null"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputRefused, match="device or other special file"):
        check_output_path(fifo)
    with pytest.raises(OutputRefused, match=r"folder .*nowhere does not exist"):
        check_output_path(tmp_path / "nowhere" / "x.pdf")


def test_an_ordinary_file_is_written_whole_and_owner_only(tmp_path):
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_output(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]  # no temp file left


def test_a_file_written_as_it_is_made_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "export.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), open_output(target) as out:
        out.write("upn,pupil\r\n")
        raise RuntimeError("the export failed half-way")
    assert target.read_bytes() == b"old"  # the old file stands, and no temp file is left
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]
    with open_output(target) as out:
        out.write("upn,pupil\r\nA1,Zoë\r\n")
    assert target.read_bytes() == "upn,pupil\r\nA1,Zoë\r\n".encode()  # UTF-8, CRLF kept
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(OutputRefused), open_output(tmp_path):
        pass  # a folder is refused before anything is written


def test_an_ordinary_name_in_the_data_folder_is_allowed(copied_store):
    assert check_output_path(copied_store.folder / "register.pdf").name == "register.pdf"


@pytest.mark.parametrize(
    "args",
    [
        ["export", "register", "--user", "dsl", "--out", "{D}/apdesk.db"],
        ["export", "register", "--user", "dsl", "--out", "{D}/keyslots.json"],
        ["document", "register", "--user", "dsl", "--out", "{D}/apdesk.db"],
        ["document", "register", "--user", "dsl", "--out", "{D}/keyslots.json"],
        ["backup", "{D}/apdesk.db"],
        ["backup", "{D}/keyslots.json"],
        ["backup", "{D}/backups.json"],
        ["backup", "{D}"],
        ["backup", "/dev/null"],
        ["backup", "{D}/no such folder/b.zip"],
        ["document", "register", "--user", "dsl", "--out", "{D}"],
    ],
)
def test_commands_refuse_and_leave_the_store_untouched(copied_store, capsys, args):
    folder = copied_store.folder
    before = snapshot(folder)
    status, text = run_cli(capsys, folder, *[a.replace("{D}", str(folder)) for a in args])
    assert status == 1, text
    assert "Nothing was written" in text and "Traceback" not in text
    assert snapshot(folder) == before
    status, text = run_cli(capsys, folder, "check")
    assert status == 0, text


def test_store_backup_and_key_slots_are_owner_only(copied_store, capsys, tmp_path):
    target = tmp_path / "b.zip"
    status, text = run_cli(capsys, copied_store.folder, "backup", str(target))
    assert status == 0, text
    paths = copied_store
    for path in (
        paths.db,
        paths.keyslots,
        target,
        paths.folder / "backups.json",
        paths.folder / "apdesk.lock",
    ):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
