"""Menu → first frame of a visualizer, measured the way the app shows it.

The clock starts at the call the Visualizers menu makes (`MainWindow.open_visualizer`) and
stops when the event loop has painted the new view on screen for the first time: at the
end of the first paint pass in which a widget of the view is painted. What Qt does before
that pass (laying the new tab out, its scroll areas' queued adjustments) counts; what the
view defers until after its first paint (a fit-ahead, a background job) does not, because
the learner already sees the frame then.

An earlier summary stopped the clock after a synchronous `view.repaint()` right after
`open_visualizer` returned: that frame is never shown in the app, whose first paint comes
after the posted layout events, and it painted whatever the half-laid-out tab showed at
that moment (in the current layout, four scroll bars that the queued adjustments remove
before the real first paint). `measure_open(..., sync_repaint=True)` still measures that
way, for comparison with figures taken before.

This module imports nothing from the project: `benchmarks.open_visualizers` runs its
source in other checkouts' processes too, so they are timed by the same code.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Marks the end of the first paint pass that paints a widget of `view`."""

    def __init__(self) -> None:
        super().__init__()
        self.view: QWidget | None = None
        self.early: list[QWidget] = []  # painted before `view` was known (during the open)
        self.end: float | None = None
        self._scheduled = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.Paint or self._scheduled or not isinstance(watched, QWidget):
            return False
        view = self.view
        if view is None:
            self.early.append(watched)
        elif watched is view or view.isAncestorOf(watched):
            self._scheduled = True
            # Posted now, run once the paint pass this event belongs to is over.
            QTimer.singleShot(0, self._mark)
        return False

    def _mark(self) -> None:
        self.end = time.perf_counter()


def settle(app: QCoreApplication, seconds: float = 0.5) -> None:
    """Run the event loop for `seconds`: what a view started after its first frame (a fit
    ahead, a background job and its progress) is done before the next is opened, as when a
    learner opens visualizers a few seconds apart."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _inside(widget: QWidget, view: QWidget) -> bool:
    try:
        return widget is view or view.isAncestorOf(widget)
    except RuntimeError:  # deleted since it was painted
        return False


def measure_open(
    app: QCoreApplication,
    window: Any,
    spec_id: str,
    sync_repaint: bool = False,
    timeout: float = 30.0,
) -> tuple[QWidget, float]:
    """Open `spec_id` in `window` as the menu does: (its view, ms to its first frame)."""
    if sync_repaint:
        start = time.perf_counter()
        view = window.open_visualizer(spec_id)
        view.repaint()
        return view, (time.perf_counter() - start) * 1000
    watch = _FirstPaint()
    app.installEventFilter(watch)
    try:
        start = time.perf_counter()
        view = window.open_visualizer(spec_id)
        opened = time.perf_counter()
        watch.view = view
        if any(_inside(w, view) for w in watch.early):
            return view, (opened - start) * 1000  # painted within the call itself
        deadline = opened + timeout
        while watch.end is None and time.perf_counter() < deadline:
            app.processEvents()
        if watch.end is None:
            raise TimeoutError(f"{spec_id}: no frame painted in {timeout:.0f} s")
        return view, (watch.end - start) * 1000
    finally:
        app.removeEventFilter(watch)
