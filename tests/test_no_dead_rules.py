"""Every rule in the domain is on the program's path: a function only tests call is deleted.

A rule that only its tests use is worse than none: its tests pass while the program decides
the same thing some other way (ISSUE 16; `may_destroy` and the governors' incident counts
were found that way). A name counts as used when anything in `apdesk/` outside its own
definition refers to it.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "apdesk"


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}


def domain_rules(trees: dict[Path, ast.Module]) -> dict[str, Path]:
    """Public functions defined at the top of each domain module."""
    domain = PACKAGE / "domain"
    return {
        node.name: path
        for path, tree in trees.items()
        if domain in path.parents
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }


def references(trees: dict[Path, ast.Module]) -> Counter[str]:
    """Every name read as a name or an attribute anywhere in the program."""
    found: Counter[str] = Counter()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                found[node.id] += 1
            elif isinstance(node, ast.Attribute):
                found[node.attr] += 1
    return found


def test_every_domain_rule_is_used_by_the_program():
    trees = _trees()
    used = references(trees)
    unused = sorted(
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for name, path in domain_rules(trees).items()
        if not used[name]
    )
    assert unused == [], "used only by tests (wire it in or delete it): " + ", ".join(unused)


def test_the_check_sees_a_rule_nobody_calls():
    tree = ast.parse("def unused_rule():\n    return 1\n\ndef used():\n    return 2\n\nused()\n")
    fake = {PACKAGE / "domain" / "fake.py": tree}
    assert set(domain_rules(fake)) == {"unused_rule", "used"}
    assert references(fake)["unused_rule"] == 0 and references(fake)["used"] == 1
