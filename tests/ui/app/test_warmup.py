"""The idle warm-up imports pyqtgraph off the GUI thread, after the delay and not before."""

from __future__ import annotations

import subprocess
import sys


def test_warmup_imports_pyqtgraph_in_the_background_after_the_delay() -> None:
    # A fresh interpreter: this test process has long imported pyqtgraph.
    script = """
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.warmup import start_warmup
start_warmup(200)
seen = {}
def check_early():
    seen["early"] = "pyqtgraph" in sys.modules
def check_late():
    for thread in threading.enumerate():
        if thread.name == "import-warmup":
            thread.join(60)
    seen["late"] = "pyqtgraph" in sys.modules
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
