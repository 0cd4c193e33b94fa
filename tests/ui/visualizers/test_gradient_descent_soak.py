"""Soak: 20,000 animation frames of the gradient-descent visualizer, no crash, no memory growth.

Guards the platform fact in DESIGN.md (PySide6 + pyqtgraph over-releasing `None` on
repaints killed Python 3.11 after ~1,700 frames) and our own leaks: each frame is a
player step plus a real repaint (processEvents), the run is restarted every 1,000 frames
so histories are created and dropped, and resident memory after the first full cycle may
not grow by more than a few MB.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from visualizers.core.registry import get

FRAMES = 20_000
CYCLE = 1_000  # frames per run, then a restart (a new history; the old one dropped)
MAX_GROWTH_MB = 6.0


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_twenty_thousand_frames_without_crash_or_growth(
    qtbot: QtBot, resident_mb: Callable[[], float | None]
) -> None:
    spec = get("gradient_descent")
    assert spec is not None
    view = spec.load_view_class()(spec)
    qtbot.addWidget(view)
    # A small window keeps the test short; the paint path is the same at any size.
    view.resize(640, 420)
    view.show()
    qtbot.waitExposed(view)
    # Mini-batch SGD never converges, so every run lasts exactly CYCLE frames.
    view.set_params(batch_mode="mini-batch", max_steps=CYCLE, learning_rate=0.02)
    app = QApplication.instance()
    assert app is not None
    # Playing (at the slowest speed, so the timer itself rarely fires) puts the view in
    # its animation mode, e.g. the explanation refreshes at most 10 times a second; the
    # loop below then drives the frames itself, each followed by a real repaint.
    view.player.set_speed(0.25)
    view.player.play()
    baseline = 0.0
    for frame in range(1, FRAMES + 1):
        if not view.player.step_forward():
            assert view.player.index == CYCLE  # steps 0..CYCLE
            view.restart()  # a new history; the old one must be freed
            view.player.play()
        app.processEvents()
        if frame == CYCLE + 100:
            measured = resident_mb()  # after one run was completed and dropped
            assert measured is not None
            baseline = measured
    now = resident_mb()
    assert now is not None
    growth = now - baseline
    assert growth < MAX_GROWTH_MB, f"resident memory grew {growth:.1f} MB over the soak"
    assert view.current_frame is not None and view.current_frame.error is None
    view.shutdown()
