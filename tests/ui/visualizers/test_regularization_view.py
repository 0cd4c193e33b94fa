"""The regularization view: presets redraw the geometry, a CSV loads, a bad CSV keeps the run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from visualizers.regularization.spec import SPEC
from visualizers.regularization.state import RegularizationFrame
from visualizers.regularization.view import RegularizationView


def test_lasso_diamond_then_ridge_disk(qtbot: QtBot) -> None:
    view = RegularizationView(SPEC)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.set_params(**SPEC.preset_values("lasso_corner"))
    x, _ = view.region.getData()
    assert len(x) == 5  # a diamond: four corners and back
    view.player.seek(50)
    frame = view.current_frame
    assert isinstance(frame, RegularizationFrame)
    heights = view.bars.opts["height"]
    np.testing.assert_array_equal(heights, frame.coef)
    assert np.any(frame.coef == 0.0)
    view.set_params(**SPEC.preset_values("ridge_disk"))
    x, _ = view.region.getData()
    assert len(x) > 50  # a circle
    view.player.seek(200)
    frame = view.current_frame
    assert isinstance(frame, RegularizationFrame) and np.all(frame.coef != 0.0)
    view.shutdown()


def test_csv_loads_and_a_bad_one_keeps_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    view = RegularizationView(SPEC)
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = X @ [1.0, 0.0, -2.0] + rng.normal(0, 0.1, 40)
    good = tmp_path / "good.csv"
    good.write_text(
        "u,v,w,target\n"
        + "\n".join(",".join(f"{v:.6f}" for v in (*r, t)) for r, t in zip(X, y, strict=True))
    )
    assert view.load_csv(str(good)).wait()
    assert view.params["dataset"] == "CSV file…"
    assert "good.csv" in view.csv_label.text()
    assert "u = " in view.current_frame.explanation  # type: ignore[union-attr]
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n3,oops\n")
    before = view.current_frame
    assert not view.load_csv(str(bad)).wait()
    assert "row 3" in view.explanation.warning_text()
    assert view.current_frame is before
    view.shutdown()


def test_controls_created_here_have_accessible_names(qtbot: QtBot) -> None:
    view = RegularizationView(SPEC)
    qtbot.addWidget(view)
    for widget in (
        view.load_csv_button,
        view.csv_label,
        view.slice_plot,
        view.path_plot,
        view.error_plot,
        view.bar_plot,
    ):
        assert widget.accessibleName(), widget
    view.shutdown()
