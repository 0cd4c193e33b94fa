"""Soak: 20,000 k-means frames (playing, looping, new runs) without a crash or memory growth."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from visualizers.core.registry import get
from visualizers.kmeans.view import KMeansView

FRAMES = 20_000


@pytest.mark.slow
def test_twenty_thousand_frames_without_growth(
    qtbot: QtBot, resident_mb: Callable[[], float | None]
) -> None:
    spec = get("kmeans")
    assert spec is not None
    view = spec.load_view_class()(spec)
    assert isinstance(view, KMeansView)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.elbow_jobs.busy(), timeout=20_000)
    player = view.player
    player.set_loop(True)
    baseline: float | None = None
    shown = 0
    run = 0
    while shown < FRAMES:
        # A fresh run every 2,000 frames: old histories must be freed, not accumulate.
        if shown % 2_000 == 0:
            run += 1
            assert view.set_params(seed=run % 5, init=("k-means++", "random")[run % 2])
        player.tick()
        shown += 1
        if shown % 25 == 0:
            QApplication.processEvents()  # let the plots paint
        if shown == 4_000:
            gc.collect()
            baseline = resident_mb()
    assert player.history is not None and view.current_frame is not None
    gc.collect()
    QApplication.processEvents()
    end = resident_mb()
    if baseline is not None and end is not None and os.environ.get("KMEANS_SOAK_NO_MEMORY") is None:
        assert end - baseline < 40, f"resident memory grew {end - baseline:.1f} MB over the soak"
    view.shutdown()
