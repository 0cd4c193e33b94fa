"""The matrix-factorization view: plays, steps, scrubs, picks users, cold start, CSV messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from visualizers.core.registry import for_question, get
from visualizers.matrix_factorization.algorithm import FactorizationFrame
from visualizers.matrix_factorization.view import MatrixFactorizationView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MatrixFactorizationView]:
    spec = get("matrix_factorization")
    assert spec is not None
    widget = spec.load_view_class()(spec)
    assert isinstance(widget, MatrixFactorizationView)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    yield widget
    widget.shutdown()


def current(view: MatrixFactorizationView) -> FactorizationFrame:
    frame = view.current_frame
    assert isinstance(frame, FactorizationFrame) and frame.model is not None
    return frame


def test_questions_15_and_22_open_this_visualizer() -> None:
    for number in (15, 22, 12, 13):
        assert "matrix_factorization" in [spec.id for spec in for_question(number)]


def test_default_run_steps_scrubs_and_passes_the_self_test(view: MatrixFactorizationView) -> None:
    assert view.run_self_test() == []
    view.player.seek(30)
    frame = current(view)
    assert frame.step == 30
    assert frame.model is not None and frame.model.test_rmse[-1] < frame.model.test_rmse[0]
    image = view.reconstruction_image.image
    assert image is not None and image.shape[:2] == (100, 200)  # videos along x, users along y
    observed = view.observed_image.image
    assert observed is not None
    # Missing ratings are transparent, observed ones opaque.
    train = frame.problem.train_mask if frame.problem is not None else None
    assert train is not None
    assert np.all(observed[..., 3][~train.T] == 0) and np.all(observed[..., 3][train.T] == 255)
    x, y = view.train_curve.getData()
    assert x is not None and y is not None and len(x) == 31 and np.isfinite(y).all()
    view.player.step_back()
    assert current(view).step == 29


def test_playing_advances_epochs(view: MatrixFactorizationView, qtbot: QtBot) -> None:
    assert current(view).step == 0
    first_rmse = current(view).model.train_rmse  # type: ignore[union-attr]
    view.player.set_speed(16.0)
    view.player.play()
    qtbot.waitUntil(lambda: view.player.index >= 5, timeout=5000)
    view.player.pause()
    frame = current(view)
    assert frame.step == view.player.index >= 5  # one frame per epoch
    assert frame.model is not None and frame.model.epochs == frame.step
    assert len(frame.model.train_rmse) == frame.step + 1 > len(first_rmse)
    x, _ = view.train_curve.getData()
    assert x is not None and len(x) == frame.step + 1  # the RMSE curve grew with the epochs


def test_overfitting_is_flagged_in_the_explanation(view: MatrixFactorizationView) -> None:
    assert view.set_params(rank=20, reg=0.0, lr=0.05, epochs=40)
    view.player.seek(40)
    frame = current(view)
    assert frame.overfitting
    assert "Overfitting" in view.explanation.text.text()


def test_picking_a_user_lists_ratings_and_explained_recommendations(
    view: MatrixFactorizationView,
) -> None:
    view.player.seek(20)
    view.select_user(11)
    text = view.user_text.toPlainText()
    assert "user 12" in text and "hidden favourite genre" in text
    assert "Top 5 unseen" in text and "near " in text
    assert view.user_lines[0].value() == pytest.approx(11.5)


def test_cold_start_compares_model_popularity_and_genre(view: MatrixFactorizationView) -> None:
    view.player.seek(20)
    view.tabs.setCurrentIndex(1)
    view.genre_combo.setCurrentIndex(3)
    view.cold_count.setValue(0)
    text = view.cold_text.toPlainText()
    assert "MF, folded in" in text and "Popularity" in text and "Genre (sports)" in text
    assert "no ratings" in text
    view.cold_count.setValue(8)
    assert "8 rating(s)" in view.cold_text.toPlainText()


def test_als_and_every_method_show_no_nan(view: MatrixFactorizationView) -> None:
    assert view.set_params(method="ALS", rank=3, epochs=5)
    view.player.seek(5)
    frame = current(view)
    assert frame.model is not None and np.isfinite(frame.model.predict()).all()
    assert "ALS, epoch 5 of 5" in view.explanation.text.text()


def test_a_diverging_learning_rate_is_a_warning_not_a_crash(view: MatrixFactorizationView) -> None:
    assert view.set_params(lr=1.0, reg=0.0, rank=10, epochs=50)
    view.player.seek(50)
    assert "diverged" in view.explanation.warning_text()
    assert "nan" not in view.explanation.text.text().lower()


def test_csv_loads_and_bad_rows_are_reported_with_their_line(
    view: MatrixFactorizationView, tmp_path: Path
) -> None:
    rng = np.random.default_rng(0)
    lines = ["user,item,rating"] + [
        f"u{u},v{i},{rng.integers(1, 6)}"
        for u in range(20)
        for i in range(12)
        if rng.random() < 0.5
    ]
    good = tmp_path / "ratings.csv"
    good.write_text("\n".join(lines), encoding="utf-8")
    assert view.load_csv(good).wait()
    assert view.params["data"] == "my CSV (user,item,rating)"
    view.player.seek(10)
    assert current(view).problem is not None
    assert "u0" in view.user_text.toPlainText()
    assert "synthetic" in view.cold_text.toPlainText() or view.tabs.currentIndex() == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("u1,v1,4\nu2,v2,four\n", encoding="utf-8")
    assert not view.load_csv(bad).wait()
    assert "line 2" in view.explanation.warning_text()
    assert current(view).problem is not None  # the previous run stays on screen


def test_choosing_csv_without_a_file_is_a_message(view: MatrixFactorizationView) -> None:
    assert not view.set_params(data="my CSV (user,item,rating)")
    assert "No CSV loaded" in view.explanation.warning_text()
    assert view.params["data"] == "synthetic genres"


def test_tiny_and_extreme_settings_still_run(view: MatrixFactorizationView) -> None:
    # Rank larger than the matrix, few observations: rows and columns with no ratings.
    assert view.set_params(users=5, videos=5, observed=0.3, rank=30, reg=0.0, epochs=5)
    view.player.seek(5)
    frame = current(view)
    assert frame.model is not None and np.isfinite(frame.model.predict()).all()
    assert "exceeds min(users, videos)" in view.explanation.text.text()


def test_no_observed_ratings_is_a_message(view: MatrixFactorizationView) -> None:
    assert not view.set_params(users=5, videos=5, observed=0.02, seed=3)
    assert "no observed ratings" in view.explanation.warning_text()


@pytest.mark.parametrize(
    ("width", "height", "columns"), [(880, 640, 2), (1050, 820, 2), (1800, 1000, 3)]
)
def test_plots_reflow_instead_of_clipping(
    view: MatrixFactorizationView, qtbot: QtBot, width: int, height: int, columns: int
) -> None:
    """Issue 15: at any size every plot keeps ≥ 240 × 160 and lies inside the visible width."""
    view.resize(width, height)
    qtbot.wait(50)
    grid = view.grid
    # The side column narrows before the plots lose a column (core/layout.py), so the grid
    # uses as many columns as its viewport holds, and at most the declared count.
    assert grid.columns == grid.columns_for(grid.viewport().width()) <= columns
    viewport = grid.viewport()
    for plot in view.findChildren(pg.PlotWidget):
        if not plot.isVisible():
            continue
        assert plot.width() >= 240 and plot.height() >= 160, (plot.accessibleName(), plot.size())
        left = plot.mapTo(viewport, QPoint(0, 0)).x()
        assert left >= 0 and left + plot.width() <= viewport.width(), plot.accessibleName()
