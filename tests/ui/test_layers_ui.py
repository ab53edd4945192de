"""The window's imports point down only: services and domain, and storage only to unlock."""

from __future__ import annotations

from pathlib import Path

from tests.test_layers import imported_modules

UI = Path(__file__).parents[2] / "apdesk" / "ui"
# What unlocking and set-up need from storage: paths, key slots, keyring, errors, location,
# and the entities' mapping made ahead while the person types (ui/loading.py).
STORAGE_ALLOWED = {
    "apdesk.storage.mapping",
    "apdesk.storage.paths",
    "apdesk.storage.store",
    "apdesk.storage.errors",
    "apdesk.storage.keyslots",
    "apdesk.storage.keyring_store",
    "apdesk.storage.unlock",
    "apdesk.storage.location",
}


def ui_imports() -> dict[str, set[str]]:
    return {str(path.relative_to(UI)): imported_modules(path) for path in UI.rglob("*.py")}


def test_the_window_never_builds_a_query():
    found = {
        name: sorted(m for m in mods if m.split(".")[0] in ("sqlalchemy", "sqlcipher3"))
        for name, mods in ui_imports().items()
    }
    assert {name: mods for name, mods in found.items() if mods} == {}


def test_storage_is_used_only_to_unlock():
    found = {
        name: sorted(m for m in mods if m.startswith("apdesk.storage") and m not in STORAGE_ALLOWED)
        for name, mods in ui_imports().items()
    }
    assert {name: mods for name, mods in found.items() if mods} == {}


def test_the_window_does_not_use_the_command_line():
    found = {
        name: sorted(m for m in mods if m == "apdesk.cli") for name, mods in ui_imports().items()
    }
    assert {name: mods for name, mods in found.items() if mods} == {}
