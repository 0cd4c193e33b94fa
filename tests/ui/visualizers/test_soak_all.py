"""Soak every registered visualizer: many frames of step + repaint, no crash, bounded memory.

`make test` runs ML_STUDIO_SOAK_FRAMES (default 1,000) frames per visualizer; `make soak`
runs 50,000. Each run loops (the player wraps to frame 0 at the end and, every
`RESTART_EVERY` frames, the run is rebuilt so histories are created and dropped). Memory
growth after the first restart is printed for the soak report and must stay bounded.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from visualizers.core.registry import VisualizerSpec, all_specs

FRAMES = int(os.environ.get("ML_STUDIO_SOAK_FRAMES", "1000"))
RESTART_EVERY = 400
MAX_GROWTH_MB = 10.0


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
@pytest.mark.parametrize("spec", all_specs(), ids=lambda s: s.id)
def test_soak(spec: VisualizerSpec, qtbot: QtBot, resident_mb: Callable[[], float | None]) -> None:
    view = spec.load_view_class()(spec)
    qtbot.addWidget(view)
    view.resize(640, 420)
    view.show()
    qtbot.waitExposed(view)
    app = QApplication.instance()
    assert app is not None
    view.player.set_loop(True)
    baseline: float | None = None
    for frame in range(1, FRAMES + 1):
        if frame % RESTART_EVERY == 0:
            view.restart()
            if baseline is None:
                app.processEvents()
                baseline = resident_mb()
        elif not view.player.step_forward():
            view.player.seek(0)  # finished: wrap around like the loop option does
        app.processEvents()
    now = resident_mb()
    assert now is not None
    growth = now - (baseline if baseline is not None else now)
    print(f"\nsoak {spec.id}: {FRAMES} frames, resident memory growth {growth:+.1f} MB")
    assert growth < MAX_GROWTH_MB, (
        f"{spec.id}: resident memory grew {growth:.1f} MB over {FRAMES} frames"
    )
    frame_now = view.current_frame
    assert frame_now is not None and view.explain(frame_now)  # narration, written on demand
    view.shutdown()
