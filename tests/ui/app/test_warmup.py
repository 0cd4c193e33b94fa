"""The idle warm-up imports pyqtgraph and the visualizer framework off the GUI thread, after the delay."""

from __future__ import annotations

import subprocess
import sys


def test_warmup_imports_pyqtgraph_and_the_framework_in_the_background_after_the_delay() -> None:
    # A fresh interpreter: this test process has long imported pyqtgraph.
    script = """
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.warmup import start_warmup
start_warmup(200)
seen = {}
WARMED = ("pyqtgraph", "visualizers.core.base")
def check_early():
    seen["early"] = any(name in sys.modules for name in WARMED)
def check_late():
    for thread in threading.enumerate():
        if thread.name == "import-warmup":
            thread.join(60)
    seen["late"] = all(name in sys.modules for name in WARMED)
    app.quit()
QTimer.singleShot(50, check_early)
QTimer.singleShot(400, check_late)
app.exec()
print(seen["early"], seen["late"])
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
