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
]
PURE += sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "visualizers").glob("*/algorithm.py")
)


@pytest.mark.parametrize("module", PURE)
def test_imports_no_qt(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "", f"{module} pulls in {out.stdout.strip()}"


def test_every_algorithm_module_is_checked() -> None:
    assert "visualizers.similarity.algorithm" in PURE


SPECS = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "visualizers").glob("*/spec.py")
)


@pytest.mark.parametrize("module", SPECS)
def test_spec_modules_stay_light(module: str) -> None:
    """The registry imports every spec at start-up: no NumPy, no Qt there (start-up time)."""
    code = (
        f"import sys, {module}\n"
        "heavy = ('numpy', 'PySide6', 'pyqtgraph', 'shiboken6', 'scipy', 'fsrs')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "", f"{module} pulls in {out.stdout.strip()}"
