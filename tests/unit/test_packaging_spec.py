"""The PyInstaller spec still fits the code it reads (a rename must not break `make dist`).

The spec imports project modules to derive what the frozen app loads lazily. It runs only
under PyInstaller, so a renamed or removed name there used to surface only when CI built
the installers. These checks read the spec's syntax tree: every project name it imports
exists, every attribute it reads from an imported project module exists, and it touches
no private member of ours.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from tests.unit.test_private_access import private_accesses

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "ml_interview_studio.spec"
PROJECT_PACKAGES = ("app", "visualizers", "practice")


def project_imports(tree: ast.AST) -> dict[str, object]:
    """Each name the spec binds with `from <project module> import name`, resolved."""
    bound: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] not in PROJECT_PACKAGES:
                continue
            for alias in node.names:
                value = _resolve(node.module, alias.name)
                assert value is not None, (
                    f"the spec imports {alias.name!r} from {node.module}, which has no such name"
                )
                bound[alias.asname or alias.name] = value
    return bound


def _resolve(module_name: str, name: str) -> object | None:
    """What `from module_name import name` binds: an attribute or a submodule (else None)."""
    module = importlib.import_module(module_name)
    if hasattr(module, name):
        return getattr(module, name)
    try:
        return importlib.import_module(f"{module_name}.{name}")
    except ModuleNotFoundError:
        return None


def missing_attributes(source: str) -> list[str]:
    """`name.attr` reads in `source` where `name` is an imported project object lacking `attr`."""
    tree = ast.parse(source)
    bound = project_imports(tree)
    missing = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and not hasattr(bound[node.value.id], node.attr)
        ):
            missing.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return missing


def test_the_check_finds_a_removed_attribute() -> None:
    source = "from visualizers.core import registry\nx = registry.all_specs\ny = registry._GONE\n"
    assert missing_attributes(source) == ["line 3: registry._GONE"]


def test_every_project_name_the_spec_reads_exists() -> None:
    assert missing_attributes(SPEC.read_text(encoding="utf-8")) == []


def test_the_spec_uses_no_private_member_of_ours() -> None:
    assert private_accesses(SPEC.read_text(encoding="utf-8")) == []
