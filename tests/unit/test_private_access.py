"""No module reaches into another module's private members (issue 12: "no private-member
access across modules").

For every module under `app/` and `visualizers/`, an attribute access `something._name`
is allowed only when `something` is `self`/`cls`, or when `_name` is defined in the same
module (a class's own helper used by a sibling class or function there). Anything else is a
private member of another module, or of a library, being used from outside.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Private-looking names that are public API of the standard library.
PUBLIC_UNDERSCORE = {"_exit", "_getframe", "_replace", "_asdict", "_fields", "_make", "_MEIPASS"}


def _defined_private_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
    return {n for n in names if n.startswith("_")}


def private_accesses(source: str) -> list[tuple[int, str]]:
    """(line, name) of every access to a private member this source does not define."""
    tree = ast.parse(source)
    own = _defined_private_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        name = node.attr
        if not name.startswith("_") or name.startswith("__") or name in PUBLIC_UNDERSCORE:
            continue
        if isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"}:
            continue
        if name not in own:
            found.append((node.lineno, name))
    return found


def test_the_checker_finds_a_foreign_private_member() -> None:
    source = "class A:\n    def f(self, other):\n        return other._hidden + self._mine\n"
    assert private_accesses(source) == [(3, "_hidden")]
    assert private_accesses(source + "    _hidden = 1\n") == []
    assert private_accesses("import os\nos._exit(0)\n") == []


def test_no_module_uses_another_modules_private_members() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: .{name}"
        for folder in ("app", "visualizers")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, name in private_accesses(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
