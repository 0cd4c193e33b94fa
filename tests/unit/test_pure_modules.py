"""The pure core imports no Qt (DESIGN principle 1): checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE = [
    "app.content",
    "app.store",
    "app.paths",
    "app.search",
    "app.implementation",
    "app.rendering",
    "visualizers.core.registry",
    "visualizers.core.frames",
    "app.data_folder",
    "app.shortcuts",
    "visualizers.core.keys",
]
QT = ("PySide6", "pyqtgraph", "shiboken6")
PURE += sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for pattern in ("*/algorithm.py", "*/state.py")
    for p in (ROOT / "visualizers").glob(pattern)
)
# The study core is a folder: every module in it is pure, present and future.
PURE += sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "app" / "study" / "core").glob("*.py")
    if p.name != "__init__.py"
)
PURE += ["visualizers.core.palette", "visualizers.core.text", "visualizers.core.resources"]


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


def test_every_algorithm_module_is_checked() -> None:
    assert "visualizers.similarity.algorithm" in PURE
    assert "app.study.core.scheduler" in PURE and "app.study.core.today" in PURE


SPECS = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "visualizers").glob("*/spec.py")
)


@pytest.mark.parametrize("module", SPECS)
def test_spec_modules_stay_light(module: str) -> None:
    """The registry imports every spec at start-up: no NumPy, no Qt there (start-up time)."""
    loaded = _heavy_modules_loaded(module, (*QT, "numpy", "scipy", "fsrs"))
    assert loaded == "", f"{module} pulls in {loaded}"
