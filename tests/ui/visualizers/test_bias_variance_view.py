"""The bias–variance view: the fan shows one line per training set; the curves grow per step."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from visualizers.bias_variance.spec import SPEC
from visualizers.bias_variance.state import EVAL_POINTS
from visualizers.bias_variance.view import FAN_LIMIT, BiasVarianceView


def test_fan_and_curves_follow_the_frame(qtbot: QtBot) -> None:
    view = BiasVarianceView(SPEC)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    for _ in range(3):
        view.player.step_forward()
    s = view.state.simulation(view.params, view.seed)
    x, y = view.fan.getData()
    assert len(x) == min(s.Y.shape[1], FAN_LIMIT) * EVAL_POINTS
    np.testing.assert_allclose(y[:EVAL_POINTS], s.predictions[3, 0])
    cx, cy = view.expected_curve.getData()
    np.testing.assert_allclose(cx, [0, 1, 2, 3])
    np.testing.assert_allclose(cy, np.log10(s.expected[:4]))  # the axis is logarithmic
    assert "= " in view.split_text.toPlainText()
    view.set_params(**SPEC.preset_values("knn"))
    assert view.params["family"] == "k-NN"
    assert "nearest-neighbour" in view.current_frame.explanation  # type: ignore[union-attr]
    view.shutdown()


def test_plots_have_accessible_names(qtbot: QtBot) -> None:
    view = BiasVarianceView(SPEC)
    qtbot.addWidget(view)
    for widget in (view.fan_plot, view.error_plot, view.split_plot):
        assert widget.accessibleName(), widget
    view.shutdown()
