"""The threshold view: drag, arrow keys, player, imbalance, costs, data sources, reflow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from visualizers.core.registry import for_question, get
from visualizers.pr_threshold.spec import DATASET_BREAST_CANCER, DATASET_CSV, DATASET_SYNTHETIC
from visualizers.pr_threshold.state import ThresholdFrame
from visualizers.pr_threshold.view import PrThresholdView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[PrThresholdView]:
    spec = get("pr_threshold")
    assert spec is not None
    widget = spec.load_view_class()(spec)
    assert isinstance(widget, PrThresholdView)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    yield widget
    widget.shutdown()


def current(view: PrThresholdView) -> ThresholdFrame:
    frame = view.current_frame
    assert isinstance(frame, ThresholdFrame)
    return frame


def test_registered_for_its_questions() -> None:
    for question in (24, 18, 19):
        assert "pr_threshold" in [s.id for s in for_question(question)]


def test_player_sweeps_threshold_from_high_to_low(view: PrThresholdView) -> None:
    first = current(view)
    assert first.counts.tp + first.counts.fp == 0
    view.player.step_forward()
    view.player.step_forward()
    assert current(view).threshold < first.threshold
    assert view.threshold_lines[0].value() == pytest.approx(current(view).threshold)
    view.player.seek(10_000)
    last = current(view)
    assert last.finished and last.counts.fn + last.counts.tn == 0
    view.player.step_back()
    assert view.player.index == len(view.player.history or []) - 2
    assert view.run_self_test() == []


def test_dragging_the_line_updates_every_plot(view: PrThresholdView, qtbot: QtBot) -> None:
    view.player.play()
    with qtbot.waitSignal(view.threshold_moved, timeout=1000) as moved:
        view.threshold_lines[0].setValue(0.5)  # what a mouse drag does
    assert moved.args == [0.5]
    assert not view.player.playing  # a drag takes over from the animation
    analysis = current(view).analysis
    counts = analysis.sweep.counts_at(0.5)
    assert all(line.value() == pytest.approx(0.5) for line in view.threshold_lines)
    assert f"{counts.tp:,}" in view.cells["tp"].text()
    assert f"{counts.fp:,}" in view.cells["fp"].text()
    x, y = view.operating_points[0].getData()
    assert (x[0], y[0]) == pytest.approx((counts.recall, counts.precision))
    x, y = view.operating_points[1].getData()
    assert (x[0], y[0]) == pytest.approx((counts.false_positive_rate, counts.recall))
    assert "Threshold 0.5" in view.explanation.text.text()
    # The metric plot's line drives the same update.
    view.threshold_lines[1].setValue(0.3)
    assert view.threshold_lines[0].value() == pytest.approx(0.3)


def test_imbalance_moves_pr_but_barely_roc(view: PrThresholdView) -> None:
    view.set_params(positive_rate=0.5, n_samples=20_000)
    balanced = current(view).analysis
    view.set_params(positive_rate=0.02)
    rare = current(view).analysis
    assert rare.prevalence == pytest.approx(0.02)
    assert view.pr_baseline.value() == pytest.approx(0.02)
    assert rare.average_precision < balanced.average_precision - 0.2
    assert abs(rare.roc_auc - balanced.roc_auc) < 0.03
    view.set_threshold(1.0)  # flag nothing: accuracy 98%
    assert "98.0%" in view.explanation.text.text()


def test_costs_move_the_optimal_threshold(view: PrThresholdView) -> None:
    view.set_params(cost_fp=1.0, cost_fn=1.0)
    even = current(view).analysis.cost_optimal_threshold
    view.set_params(cost_fn=20.0)
    cautious = current(view).analysis.cost_optimal_threshold
    assert cautious < even  # expensive misses: flag more
    assert all(marker.value() == pytest.approx(cautious) for marker in view.cost_markers)
    f1 = current(view).analysis.f1_optimal_threshold
    assert all(marker.value() == pytest.approx(f1) for marker in view.f1_markers)


def test_real_dataset(view: PrThresholdView) -> None:
    assert view.set_params(dataset=DATASET_BREAST_CANCER)
    analysis = current(view).analysis
    assert analysis.sweep.size == 569
    assert 0.9 < analysis.roc_auc < 0.99
    assert view.set_params(rebalance_real=True, positive_rate=0.05)
    assert current(view).analysis.prevalence == pytest.approx(0.05, abs=0.005)


def test_csv_loading_and_its_errors(view: PrThresholdView, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("label,score\n1,0.9\n0,0.1\n1,0.6\n0,0.6\n0,0.3\n", encoding="utf-8")
    assert view.load_csv(str(good)).wait()
    assert view.params["dataset"] == DATASET_CSV
    assert current(view).analysis.sweep.size == 5

    bad = tmp_path / "bad.csv"
    bad.write_text("label,score\n1,0.9\n0,oops\n", encoding="utf-8")
    assert not view.load_csv(str(bad)).wait()
    assert "row 3" in view.explanation.warning_text()
    assert current(view).analysis.sweep.size == 5  # the previous run stays

    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert not view.load_csv(str(empty)).wait()
    assert "no data rows" in view.explanation.warning_text()

    nan = tmp_path / "nan.csv"
    nan.write_text("1,0.2\n0,nan\n", encoding="utf-8")
    assert not view.load_csv(str(nan)).wait()
    assert "NaN" in view.explanation.warning_text()

    one_class = tmp_path / "one_class.csv"
    one_class.write_text("0,0.2\n0,0.4\n", encoding="utf-8")
    assert not view.load_csv(str(one_class)).wait()
    assert "need both classes" in view.explanation.warning_text()
    assert current(view).analysis.sweep.size == 5

    equal = tmp_path / "equal.csv"
    equal.write_text("0,0.5\n1,0.5\n1,0.5\n", encoding="utf-8")
    assert view.load_csv(str(equal)).wait()
    assert view.explanation.warning_text() == ""
    view.player.seek(50)
    assert current(view).analysis.roc_auc == 0.5
    assert "All scores are equal" in view.explanation.text.text()


def test_csv_choice_without_a_file_is_a_message(view: PrThresholdView) -> None:
    assert not view.set_params(dataset=DATASET_CSV)
    assert "No CSV loaded" in view.explanation.warning_text()
    assert view.params["dataset"] == DATASET_SYNTHETIC


def test_density_toggle(view: PrThresholdView) -> None:
    view.density_check.setChecked(True)
    analysis = current(view).analysis
    _, density = view.positive_hist.getData()
    assert np.sum(density * np.diff(analysis.bin_edges)) == pytest.approx(1.0)


def test_arrow_keys_move_the_focused_threshold(view: PrThresholdView, qtbot: QtBot) -> None:
    view.set_threshold(0.5)
    low, high = current(view).analysis.score_range
    plot = view.threshold_plots.histogram_plot
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert view.threshold_lines[0].value() == pytest.approx(0.5 + (high - low) / 100)
    qtbot.keyClick(plot, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert view.threshold_lines[0].value() == pytest.approx(0.5 - 9 * (high - low) / 100)
    assert view.player.index == 0  # the arrows moved the threshold, not the player
    assert "precision" in plot.accessibleDescription()


def test_export_png(view: PrThresholdView, tmp_path: Path) -> None:
    path = view.export_png(tmp_path / "shot.png")
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("width", "height", "columns"), [(880, 640, 2), (1050, 820, 2), (1800, 1000, 3)]
)
def test_plots_reflow_instead_of_clipping(
    view: PrThresholdView, qtbot: QtBot, width: int, height: int, columns: int
) -> None:
    """Issue 15: at any size every plot keeps ≥ 240 × 160 and lies inside the visible width."""
    view.resize(width, height)
    qtbot.wait(50)
    grid = view.threshold_plots.grid
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
