"""Import what the first visualizer needs while the learner is still reading.

Opening the first visualizer used to pay for importing NumPy, pyqtgraph and the visualizer
framework (about 0.3–0.5 s) between the menu click and the first frame. A second after the main window is shown, a
background thread imports them, so the click finds them loaded. Only module imports run
there: no widget, pixmap or font is created off the GUI thread. The module names are
fixed here; nothing read from a file chooses what is imported.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

WARMUP_DELAY_MS = 1000


def _import_visualizer_modules() -> None:
    import numpy  # noqa: F401
    import pyqtgraph  # noqa: F401

    # The visualizer framework every view builds on (player, panels, export, plotting):
    # another ~50 ms the first click no longer pays. Its modules create no Qt object at import.
    import visualizers.core.base  # noqa: F401


def start_warmup(delay_ms: int = WARMUP_DELAY_MS) -> None:
    """After `delay_ms` of idle GUI time, import NumPy and pyqtgraph on a daemon thread."""

    def launch() -> None:
        threading.Thread(
            target=_import_visualizer_modules, name="import-warmup", daemon=True
        ).start()

    QTimer.singleShot(delay_ms, launch)
