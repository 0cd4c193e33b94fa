"""The study core (scheduling, queue, stats, mock sessions, export, backup) imports no Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
PURE = (
    "app.study.scheduler",
    "app.study.review_queue",
    "app.study.service",
    "app.study.stats",
    "app.study.mock_interview",
    "app.study.predictions",
    "app.study.export_import",
    "app.study.backup",
)


def test_study_core_imports_no_qt() -> None:
    code = (
        f"import sys, {', '.join(PURE)}\n"
        "print(','.join(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == ""
