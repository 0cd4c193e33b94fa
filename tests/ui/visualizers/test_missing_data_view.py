"""The missing-data view: each step draws one method; a CSV loads; a bad one keeps the run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from visualizers.missing_data.spec import SPEC
from visualizers.missing_data.view import MissingDataView


def test_steps_draw_each_method(qtbot: QtBot) -> None:
    view = MissingDataView(SPEC)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    exp = view.state.experiment(view.params, view.seed)
    x, _ = view.filled.getData()
    assert x is None or len(x) == 0
    view.player.seek(2)  # mean imputation
    _, y = view.filled.getData()
    np.testing.assert_allclose(y, exp.results[1].column[exp.mask])
    np.testing.assert_allclose(view.slope_bars.opts["height"], [r.slope for r in exp.results[:2]])
    view.set_params(**SPEC.preset_values("mnar"))
    assert view.params["mechanism"] == "MNAR"
    view.shutdown()


def test_csv_loads_and_a_bad_one_keeps_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    view = MissingDataView(SPEC)
    qtbot.addWidget(view)
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(60, 3))
    good = tmp_path / "mine.csv"
    good.write_text(
        "height,weight,score\n" + "\n".join(",".join(f"{v:.4f}" for v in r) for r in rows)
    )
    assert view.load_csv(str(good)).wait()
    assert "height" in view.current_frame.explanation  # type: ignore[union-attr]
    before = view.current_frame
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n")
    assert not view.load_csv(str(bad)).wait()
    assert "3 to 21 columns" in view.explanation.warning_text()
    assert view.current_frame is before
    view.shutdown()


def test_controls_created_here_have_accessible_names(qtbot: QtBot) -> None:
    view = MissingDataView(SPEC)
    qtbot.addWidget(view)
    for widget in (
        view.load_csv_button,
        view.csv_label,
        view.scatter_plot,
        view.hist_plot,
        view.slope_plot,
        view.rmse_plot,
    ):
        assert widget.accessibleName(), widget
    view.shutdown()
