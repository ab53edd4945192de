"""The dependency rule is physical: arrows only point down (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "apdesk"
FORBIDDEN = {
    "domain": {
        "PySide6",
        "sqlalchemy",
        "keyring",
        "reportlab",
        "alembic",
        "sqlcipher3",
        "apdesk.storage",
        "apdesk.services",
        "apdesk.ui",
        "apdesk.documents",
        "apdesk.cli",
        "apdesk.demo",
    },
    "storage": {
        "PySide6",
        "apdesk.ui",
        "apdesk.services",
        "apdesk.documents",
        "apdesk.cli",
        "apdesk.demo",
    },
    "services": {"PySide6", "apdesk.ui", "apdesk.cli", "apdesk.demo"},
    "documents": {
        "PySide6",
        "sqlalchemy",
        "apdesk.storage",
        "apdesk.services",
        "apdesk.ui",
        "apdesk.demo",
    },
    # The demo school is told through the services, as a user's actions are: it sits above
    # them, and nothing below it (nor the demo itself) reaches up into the window.
    "demo": {"PySide6", "apdesk.ui", "apdesk.cli"},
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations(layer: str, package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted((package / layer).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(package)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer):
    assert violations(layer) == []


def test_the_check_catches_a_wrong_arrow(tmp_path):
    bad = tmp_path / "domain"
    bad.mkdir()
    (bad / "x.py").write_text("from PySide6.QtWidgets import QWidget\nimport sqlalchemy\n")
    assert len(violations("domain", tmp_path)) == 2


def test_the_services_may_not_reach_up_into_the_demo(tmp_path):
    bad = tmp_path / "services"
    bad.mkdir()
    (bad / "x.py").write_text("from apdesk.demo.fill import fill_demo\nimport apdesk.demo\n")
    assert len(violations("services", tmp_path)) == 2
