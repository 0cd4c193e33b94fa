"""The cosine-similarity view: runs, steps, and dragging a restarts with the new vector."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from visualizers.similarity.algorithm import SimilarityFrame
from visualizers.similarity.view import SimilarityView

VIEW_CLASS = SimilarityView
VIEW_SIZE = (1200, 800)


def _frame(view: SimilarityView) -> SimilarityFrame:
    frame = view.current_frame
    assert frame is not None
    return frame


def test_plays_a_full_turn_and_drag_moves_a(view: SimilarityView) -> None:
    view.player.step_forward()
    frame = _frame(view)
    assert frame.step == 1
    x, y = view.b_line.getData()
    assert np.allclose([x[1], y[1]], frame.b)
    arc_x, arc_y = view.arc.getData()
    assert np.allclose(np.hypot(arc_x, arc_y), 0.35 * 1.0)  # drawn from the state's arc

    view.a_handle.setPos(0.0, 3.0)
    view.a_handle.sigPositionChangeFinished.emit(view.a_handle)
    assert view.params["a_angle"] == pytest.approx(90.0)
    assert view.params["a_length"] == pytest.approx(3.0)
    assert np.allclose(_frame(view).a, [0.0, 3.0], atol=1e-9)

    view.a_handle.setPos(0.0, 0.0)
    view.a_handle.sigPositionChangeFinished.emit(view.a_handle)
    assert "zero vector" in view.explanation.warning_text()
    assert view.params["a_length"] == pytest.approx(3.0)  # the previous run stays


def test_metric_change_changes_the_highlighted_videos(view: SimilarityView) -> None:
    view.set_params(b_length=3.0, catalogue=400, top_k=10)
    cosine_top = view.top_items.getData()
    view.set_params(metric="dot product")
    dot_top = view.top_items.getData()
    assert not np.array_equal(cosine_top[0], dot_top[0])
    assert len(dot_top[0]) == 10


def test_arrow_keys_turn_a_when_the_plot_has_focus(qtbot: QtBot, view: SimilarityView) -> None:
    view.activateWindow()
    view.vectors_plot.setFocus()
    qtbot.waitUntil(view.vectors_plot.hasFocus)
    qtbot.keyClick(view.vectors_plot, Qt.Key.Key_Right)
    qtbot.keyClick(view.vectors_plot, Qt.Key.Key_Up)
    assert view.params["a_angle"] == pytest.approx(35.0)
    assert view.params["a_length"] == pytest.approx(2.1)
    assert view.player.index == 0 and view.vectors_plot.accessibleName()
