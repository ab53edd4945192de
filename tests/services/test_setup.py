"""First set-up makes everything or nothing, and tidies what an interrupted one left."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from apdesk.domain.entities import School
from apdesk.domain.errors import InvalidInput
from apdesk.logs import log_to
from apdesk.services import setup
from apdesk.services import staff as staff_service
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import StorePaths, create_store, open_store

PASSWORD = "correct horse battery"


def make(folder: Path, clock, **kwargs):
    return setup.create_school_store(
        folder,
        School(name="Riverside Academy"),
        "amorgan",
        "Alex Morgan",
        PASSWORD,
        clock,
        keyring=kwargs.pop("keyring", SystemKeyring()),
        **kwargs,
    )


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_set_up_makes_a_store_the_headteacher_can_sign_in_to(tmp_path, clock):
    folder = tmp_path / "new" / "APDesk"  # neither folder exists yet
    run = make(folder, clock)
    try:
        assert run.headteacher.username == "amorgan"
        assert staff_service.sign_in(run.services, "amorgan", PASSWORD).username == "amorgan"
    finally:
        run.services.close()
    assert {"apdesk.db", "keyslots.json"} <= listing(folder)
    assert not [name for name in listing(folder) if name.startswith(setup.SCRATCH_PREFIX)]


def test_a_failure_half_way_leaves_the_folder_as_it_was(
    tmp_path, clock, monkeypatch, memory_keyring
):
    folder = tmp_path / "APDesk"
    folder.mkdir()
    (folder / "notes.txt").write_text("the school's own file")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(staff_service, "create_first_headteacher", broken)
    with pytest.raises(OSError):
        make(folder, clock)
    assert listing(folder) == {"notes.txt"}
    assert not StorePaths(folder).exists()
    assert memory_keyring.entries == {}  # the new store's key went with it


def test_bad_input_writes_nothing(tmp_path, clock):
    folder = tmp_path / "APDesk"
    with pytest.raises(InvalidInput):
        setup.create_school_store(
            folder,
            School(name="  "),
            "amorgan",
            "Alex Morgan",
            PASSWORD,
            clock,
            keyring=SystemKeyring(),
        )
    assert not folder.exists()


def test_a_second_set_up_is_refused_and_the_first_store_is_untouched(tmp_path, clock):
    folder = tmp_path / "APDesk"
    make(folder, clock).services.close()
    before = (folder / "apdesk.db").read_bytes()
    with pytest.raises(Exception, match="already an APDesk store"):
        make(folder, clock)
    assert (folder / "apdesk.db").read_bytes() == before


def test_a_set_up_killed_after_it_completed_is_finished_at_the_next_start(tmp_path, clock):
    folder = tmp_path / "APDesk"
    made = make(folder, clock)
    made.services.close()
    scratch = folder / f"{setup.SCRATCH_PREFIX}0123"
    scratch.mkdir()
    (folder / "keyslots.json").rename(scratch / "keyslots.json")  # killed between the renames
    (scratch / setup.COMPLETE).write_bytes(b"")
    assert "finished" in (setup.finish_interrupted_setup(folder) or "")
    assert not scratch.exists()
    store = open_store(StorePaths(folder), made.services.store.key, clock.now())
    store.close()


def test_a_set_up_killed_before_it_completed_is_removed(tmp_path, clock):
    folder = tmp_path / "APDesk"
    scratch = folder / f"{setup.SCRATCH_PREFIX}0123"
    scratch.mkdir(parents=True)
    (scratch / "apdesk.db").write_bytes(b"half made")
    assert setup.finish_interrupted_setup(folder) is None
    assert listing(folder) == set()


def test_an_empty_store_can_be_removed_and_a_used_one_cannot(tmp_path, clock, memory_keyring):
    paths = StorePaths(tmp_path / "empty")
    store, _ = create_store(paths, clock.now(), keyring=SystemKeyring())
    from apdesk.services.app_services import AppServices

    services = AppServices(store, clock)
    assert setup.is_empty_store(services)
    assert "apdesk.db" in setup.removable_files(paths)
    removed = setup.discard_empty_store(services, SystemKeyring())
    assert {"apdesk.db", "keyslots.json"} <= set(removed)
    assert not paths.exists()
    assert memory_keyring.entries == {}

    run = make(tmp_path / "used", clock)
    try:
        assert not setup.is_empty_store(run.services)
        with pytest.raises(Exception, match="will not remove"):
            setup.discard_empty_store(run.services, SystemKeyring())
    finally:
        run.services.close()
    assert StorePaths(tmp_path / "used").exists()


def test_errors_are_logged_once_even_before_the_data_folder_exists(tmp_path):
    earlier, folder = tmp_path / "earlier", tmp_path / "not-yet"
    log_to(earlier)
    log_to(folder)  # `apdesk.cli.main` run again in the same process, on another data folder
    logging.getLogger("apdesk").error("the one line")
    assert not (earlier / "apdesk.log").exists()
    lines = (folder / "apdesk.log").read_text().splitlines()
    assert [line for line in lines if "the one line" in line] == [lines[-1]]
    assert len(lines) == 1
