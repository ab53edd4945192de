"""No entity can be built unmapped: whatever can save one has mapped them first.

The store's package no longer maps the entities when any part of it is imported (a start
would load SQLAlchemy before its window shows: decision 0024); importing
`apdesk.storage.mapping` does. An entity made before the mapping has no instrumentation and
breaks the first relationship it touches (the first set-up wizard once failed so), so each
service that names an entity, and each place the program starts from that can make one,
must import the mapping through its module-level imports. The walk is over the source
(`ast`), as `test_layers.py`'s is; imports inside functions and under TYPE_CHECKING do not
count, since they run later or never.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "apdesk"
MAPPING = "apdesk.storage.mapping"
# where the program starts and then builds entities: the window after sign-in, the set-up
# wizard, the demo school
ROOTS = ("apdesk.ui.main_window", "apdesk.ui.first_run", "apdesk.demo.fill")


def _name(path: Path, package: Path) -> str:
    parts = ["apdesk", *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_level_imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module's module-level imports of other modules in the package (a module's
    parent packages count too: importing it runs their `__init__`)."""
    paths = {_name(path, package): path for path in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        imported = _module_level_imports(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = {
            prefix for target in imported for prefix in _prefixes(target) if prefix in paths
        } - {name}
    return graph


def _prefixes(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def reaches(graph: dict[str, set[str]], start: str, target: str) -> bool:
    seen, stack = set(), [start]
    while stack:
        name = stack.pop()
        if name == target:
            return True
        if name not in seen:
            seen.add(name)
            stack.extend(graph.get(name, ()))
    return False


def _names_an_entity(graph: dict[str, set[str]], name: str) -> bool:
    return any(m.startswith("apdesk.domain.entities") for m in graph[name])


GRAPH = import_graph()
SERVICES = sorted(
    name for name in GRAPH if name.startswith("apdesk.services.") and _names_an_entity(GRAPH, name)
)


@pytest.mark.parametrize("module", [*SERVICES, *ROOTS])
def test_whatever_can_save_an_entity_maps_the_entities_first(module: str) -> None:
    assert reaches(GRAPH, module, MAPPING), f"{module} can build an entity before it is mapped"


def test_the_check_catches_a_service_that_does_not_map(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "storage").mkdir()
    (tmp_path / "services" / "x.py").write_text("from apdesk.domain.entities import Pupil\n")
    (tmp_path / "services" / "y.py").write_text("import apdesk.services.z\n")
    (tmp_path / "services" / "z.py").write_text("from apdesk.storage import mapping\n")
    (tmp_path / "storage" / "mapping.py").write_text("")
    graph = import_graph(tmp_path)
    assert not reaches(graph, "apdesk.services.x", MAPPING)
    assert reaches(graph, "apdesk.services.y", MAPPING)
    assert len(SERVICES) > 20  # the walk found the real services
