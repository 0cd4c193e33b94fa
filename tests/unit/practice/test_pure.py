"""The practice core imports no Qt, and the child script stands alone (no `app` imports)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORE = sorted(
    f"app.practice.{p.stem}"
    for p in (ROOT / "app" / "practice").glob("*.py")
    if p.stem not in ("__main__",)
)


def _loaded(module: str) -> list[str]:
    code = f"import sys, {module}\nprint(','.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return out.stdout.strip().split(",")


@pytest.mark.parametrize("module", CORE)
def test_core_imports_no_qt(module: str) -> None:
    heavy = [m for m in _loaded(module) if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")]
    assert heavy == []


def test_child_script_imports_nothing_of_the_app() -> None:
    source = (ROOT / "app" / "practice" / "child.py").read_text(encoding="utf-8")
    assert "from app" not in source and "import app" not in source
    out = subprocess.run(
        [sys.executable, "-I", str(ROOT / "app" / "practice" / "child.py")],
        input=b'{"solution": "/nonexistent/solution.py", "calls": []}',
        capture_output=True,
        cwd="/",
        check=True,
    )
    assert b'"event": "load_error"' in out.stdout


def test_the_question_view_hook_stays_light() -> None:
    """Opening the window must not import NumPy or the problem table (start-up time)."""
    loaded = _loaded("app.practice.qt.controller")
    assert "numpy" not in loaded and "app.practice.problems" not in loaded
