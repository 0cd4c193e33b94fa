"""The cosine-similarity view: runs, steps, and dragging a restarts with the new vector."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from visualizers.similarity.algorithm import SimilarityFrame
from visualizers.similarity.spec import SPEC
from visualizers.similarity.view import SimilarityView


def test_plays_a_full_turn_and_drag_moves_a(qtbot: QtBot) -> None:
    view = SimilarityView(SPEC)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.player.step_forward()
    frame = view.current_frame
    assert isinstance(frame, SimilarityFrame) and frame.step == 1
    x, y = view.b_line.getData()
    assert np.allclose([x[1], y[1]], frame.b)

    view.a_handle.setPos(0.0, 3.0)
    view.a_handle.sigPositionChangeFinished.emit(view.a_handle)
    assert view.params["a_angle"] == pytest.approx(90.0)
    assert view.params["a_length"] == pytest.approx(3.0)
    first = view.current_frame
    assert isinstance(first, SimilarityFrame)
    assert np.allclose(first.a, [0.0, 3.0], atol=1e-9)

    view.a_handle.setPos(0.0, 0.0)
    view.a_handle.sigPositionChangeFinished.emit(view.a_handle)
    assert "zero vector" in view.explanation.warning_text()
    assert view.params["a_length"] == pytest.approx(3.0)  # the previous run stays
    view.shutdown()


def test_metric_change_changes_the_ranking(qtbot: QtBot) -> None:
    view = SimilarityView(SPEC)
    qtbot.addWidget(view)
    view.set_params(b_length=3.0, catalogue=400, top_k=10)
    by_cos = view.current_frame.top_by  # type: ignore[union-attr]
    assert by_cos["cosine"] != by_cos["dot product"]
    view.shutdown()
