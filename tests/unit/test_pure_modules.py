"""The pure core imports no Qt (DESIGN principle 1): checked in a fresh interpreter.

Which modules are pure is the import contract's rule in pyproject.toml (patterns over the
package folders, e.g. `visualizers.*.state`), not a list kept here; this test adds what the
static contract can't see: a module that pulls Qt in at run time.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT = ("PySide6", "pyqtgraph", "shiboken6")
PURE_CONTRACT = "pure modules import no Qt"


def _all_modules() -> list[str]:
    return sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("app", "visualizers")
        for p in (ROOT / package).rglob("*.py")
    )


def _pure_patterns() -> list[str]:
    """The pure-module patterns of the import contract: one rule, read from pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["name"].startswith(PURE_CONTRACT):
            return list(contract["source_modules"])
    raise AssertionError(f"no contract named {PURE_CONTRACT!r} in pyproject.toml")


def _matches(module: str, pattern: str) -> bool:
    """import-linter's wildcard: `*` stands for exactly one dotted segment."""
    parts, wanted = module.split("."), pattern.split(".")
    return len(parts) == len(wanted) and all(
        w in ("*", p) for p, w in zip(parts, wanted, strict=True)
    )


MODULES = _all_modules()
PATTERNS = _pure_patterns()
PURE = [m for m in MODULES if any(_matches(m, p) for p in PATTERNS)]


def _heavy_modules_loaded(module: str, heavy: tuple[str, ...]) -> str:
    """Import `module` in a fresh interpreter; the top-level packages of `heavy` it pulled in."""
    code = (
        f"import sys, {module}\n"
        f"heavy = {heavy!r}\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return out.stdout.strip()


@pytest.mark.parametrize("module", PURE)
def test_imports_no_qt(module: str) -> None:
    loaded = _heavy_modules_loaded(module, QT)
    assert loaded == "", f"{module} pulls in {loaded}"


def test_every_pattern_names_a_module_and_every_algorithm_and_state_is_covered() -> None:
    for pattern in PATTERNS:
        assert any(_matches(m, pattern) for m in MODULES), f"{pattern} matches no module"
    for module in MODULES:
        if module.rsplit(".", 1)[-1] in ("algorithm", "state", "spec", "data"):
            assert module in PURE, module


SPECS = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "visualizers").glob("*/spec.py")
)


@pytest.mark.parametrize("module", SPECS)
def test_spec_modules_stay_light(module: str) -> None:
    """The registry imports every spec at start-up: no NumPy, no Qt there (start-up time)."""
    loaded = _heavy_modules_loaded(module, (*QT, "numpy", "scipy", "fsrs"))
    assert loaded == "", f"{module} pulls in {loaded}"
