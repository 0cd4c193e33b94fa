"""The cross-validation view: stepping highlights one fold per strategy and adds its scores."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from visualizers.cross_validation.spec import SPEC
from visualizers.cross_validation.view import CrossValidationView


def test_stepping_reveals_folds(qtbot: QtBot) -> None:
    view = CrossValidationView(SPEC)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    x, _ = view.score_curves[0].getData()
    assert x is None or len(x) == 0
    view.player.step_forward()
    view.player.step_forward()
    exp = view.state.experiment(view.params, view.seed)
    x, y = view.score_curves[2].getData()
    np.testing.assert_array_equal(x, [1, 2])
    np.testing.assert_allclose(y, exp.scores["grouped by user"][:2])
    hx, _ = view.highlight.getData()
    assert np.count_nonzero(np.isnan(hx)) == 4  # one outline per strategy
    assert not view.plain_line.isVisible()
    view.player.seek(100)
    assert view.plain_line.isVisible()
    view.set_params(n_users=2)  # fewer users than folds: rejected, the run stays
    assert "users" in view.explanation.warning_text()
    assert view.params["n_users"] == 12
    view.shutdown()


def test_controls_created_here_have_accessible_names(qtbot: QtBot) -> None:
    view = CrossValidationView(SPEC)
    qtbot.addWidget(view)
    for widget in (view.key, view.fold_plot, view.score_plot, view.leak_plot, view.nested_plot):
        assert widget.accessibleName(), widget
    view.shutdown()
