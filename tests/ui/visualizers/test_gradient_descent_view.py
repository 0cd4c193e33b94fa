"""The gradient-descent view: shortcuts, parameters, click-to-start, race, CSV, export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QWidget
from pytestqt.qtbot import QtBot

from visualizers.core.registry import get
from visualizers.gradient_descent.algorithm import GradientDescentFrame
from visualizers.gradient_descent.view import FIT_AHEAD, GradientDescentView

VIEW_CLASS = GradientDescentView
VIEW_SIZE = (1200, 800)


def frame(view: GradientDescentView) -> GradientDescentFrame:
    current = view.current_frame
    assert isinstance(current, GradientDescentFrame)
    return current


def test_keyboard_shortcuts_drive_the_player(qtbot: QtBot, view: GradientDescentView) -> None:
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.player.index == 2
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.player.index == 1
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.player.playing
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not view.player.playing
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.player.index == 0
    shortcut = view.shortcuts["toggle"]
    assert shortcut.context() == Qt.ShortcutContext.WidgetWithChildrenShortcut


def test_two_views_do_not_share_shortcuts(qtbot: QtBot, view: GradientDescentView) -> None:
    spec = get("gradient_descent")
    assert spec is not None
    other = GradientDescentView(spec)
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_Right)
    assert other.player.index == 1 and view.player.index == 0


def test_explanation_shows_the_update_with_live_numbers(view: GradientDescentView) -> None:
    view.player.step_forward()
    text = view.explanation.text.text()
    f = frame(view)
    assert "w ← w − η·∂L/∂w = " in text
    assert f"<b>{f.thetas[0, 0]:.4g}</b>" in text


def test_parameter_edit_restarts_debounced_from_the_same_seed(
    qtbot: QtBot, view: GradientDescentView
) -> None:
    for _ in range(10):
        view.player.step_forward()
    before = frame(view)
    spin = view.parameter_panel._numbers["learning_rate"].spin
    assert isinstance(spin, QDoubleSpinBox)
    for value in (0.01, 0.02, 0.05, 0.1):  # a drag: many edits, one restart
        spin.setValue(value)
    assert view.params["learning_rate"] == 0.1 and view.player.index == 10
    with qtbot.waitSignal(view.player.history_replaced, timeout=2000):
        pass
    assert view.player.index == 0
    for _ in range(10):
        view.player.step_forward()
    np.testing.assert_array_equal(frame(view).thetas, before.thetas)  # same seed, same run


def test_bad_parameters_keep_the_previous_run(view: GradientDescentView) -> None:
    view.player.seek(5)
    history = view.player.history
    assert not view.set_params(problem="CSV file")
    assert "Load CSV" in view.explanation.warning_text()
    assert view.player.history is history and view.params["problem"] == "synthetic line"
    assert view.parameter_panel.values()["problem"] == "synthetic line"


def test_click_on_contour_chooses_the_start(qtbot: QtBot, view: GradientDescentView) -> None:
    vb = view.contour_plot.getPlotItem().vb
    scene_point = vb.mapViewToScene(QPointF(3.0, 2.5))
    widget_point = view.contour_plot.mapFromScene(scene_point)
    qtbot.mouseClick(view.contour_plot.viewport(), Qt.MouseButton.LeftButton, pos=widget_point)
    start = frame(view).thetas[0]
    assert start == pytest.approx((3.0, 2.5), abs=0.1)


def test_race_draws_three_trajectories(view: GradientDescentView) -> None:
    view.set_params(compare="optimizers")
    view.player.seek(30)
    assert frame(view).thetas.shape == (3, 2)
    for path in view._paths:
        x, _ = path.getData()
        assert x is not None and len(x) == 31
    assert "Momentum" in view.explanation.text.text()


@pytest.mark.parametrize("surface", ["elongated bowl", "saddle", "Rosenbrock"])
def test_surfaces_hide_the_data_plot(view: GradientDescentView, surface: str) -> None:
    view.set_params(problem=surface, learning_rate=0.001)
    view.player.seek(20)
    assert view.data_plot.isHidden()
    assert view.current_frame is not None and view.current_frame.error is None


def test_divergence_shows_a_warning_and_draws_no_nan(view: GradientDescentView) -> None:
    view.set_params(problem="elongated bowl", learning_rate=0.5)
    view.player.seek(200)
    assert view.player.history is not None and view.player.history.complete
    assert "too large for this curvature" in view.explanation.warning_text()
    for item in (view._paths[0], view._loss_curves[0]):
        x, y = item.getData()
        assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))


def test_loading_a_csv(tmp_path: Path, view: GradientDescentView) -> None:
    good = tmp_path / "good.csv"
    good.write_text("hours,score\n1,52\n2,55\n3,61\n4,64\n5,70\n", encoding="utf-8")
    assert view.load_csv(good).wait()
    assert view.params["problem"] == "CSV file"
    assert "good.csv: 5 rows" in view.csv_label.text()
    view.player.seek(50)
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,four\n", encoding="utf-8")
    history = view.player.history
    assert not view.load_csv(bad).wait()
    assert "bad.csv: row 3 is not numeric" in view.explanation.warning_text()
    assert view.player.history is history
    # Parsed fine, but the run it leads to is refused: the previous data come back.
    huge = tmp_path / "huge.csv"
    huge.write_text("x,y\n1,1e200\n2,3\n3,4\n", encoding="utf-8")
    data_before = view.state.csv
    assert not view.load_csv(huge).wait()
    assert "rescale the column" in view.explanation.warning_text().lower()
    assert view.state.csv is data_before and view.player.history is history
    assert "good.csv" in view.csv_label.text()


def test_mini_batches_are_highlighted(view: GradientDescentView) -> None:
    view.set_params(batch_mode="mini-batch", batch_size=5)
    view.player.step_forward()
    x, _ = view._batch_points.getData()
    assert len(x) == 5


def test_png_and_gif_export(tmp_path: Path, view: GradientDescentView) -> None:
    png = view.export_png(tmp_path / "shot.png")
    with Image.open(png) as image:
        assert image.size[0] > 100
    gif = view.export_gif(tmp_path / "run", max_frames=12, parent_for_progress=view)
    assert gif is not None and gif.suffix == ".gif"
    with Image.open(gif) as image:
        assert getattr(image, "n_frames", 1) == 12
    assert view.player.index == 0  # export leaves the view where it was


def test_self_test_and_shutdown(view: GradientDescentView) -> None:
    assert view.run_self_test() == []
    view.player.play()
    view.shutdown()
    assert not view.player.playing
    assert isinstance(view.plots, QWidget)


# -- issue 15: controls that do nothing, Rosenbrock's η, paths in view, the start handle ----
def _drag(qtbot: QtBot, widget: QWidget, start: QPointF, end: QPointF) -> None:
    """A real press-move-release sequence on `widget`, in steps, left button held."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    def send(kind: QEvent.Type, at: QPointF, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(
            kind,
            at,
            widget.mapToGlobal(at),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for t in np.linspace(0.1, 1.0, 8):
        send(QEvent.Type.MouseMove, start + (end - start) * float(t), Qt.MouseButton.LeftButton)
        qtbot.wait(5)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def _to_widget(view: GradientDescentView, x: float, y: float) -> QPointF:
    vb = view.contour_plot.getPlotItem().vb
    return QPointF(view.contour_plot.mapFromScene(vb.mapViewToScene(QPointF(x, y))))


def test_dragging_the_start_handle_restarts_from_where_it_is_dropped(
    qtbot: QtBot, view: GradientDescentView
) -> None:
    view.set_params(problem="saddle", start_u=-0.5, start_v=0.5)  # start at (−1, 1)
    _drag(
        qtbot,
        view.contour_plot.viewport(),
        _to_widget(view, -1.0, 1.0),
        _to_widget(view, 1.0, -1.0),
    )
    assert frame(view).thetas[0] == pytest.approx((1.0, -1.0), abs=0.08)
    assert view.player.index == 0


def test_arrow_keys_move_the_start_when_the_surface_has_focus(
    qtbot: QtBot, view: GradientDescentView
) -> None:
    view.set_params(problem="saddle", start_u=0.0, start_v=0.0)
    view.activateWindow()
    view.contour_plot.setFocus()
    qtbot.waitUntil(view.contour_plot.hasFocus)
    qtbot.keyClick(view.contour_plot, Qt.Key.Key_Right)
    qtbot.keyClick(view.contour_plot, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert view.params["start_u"] == pytest.approx(0.04)
    assert view.params["start_v"] == pytest.approx(0.2)
    assert view.player.index == 0  # the arrows moved the start, not the player
    qtbot.keyClick(view.contour_plot, Qt.Key.Key_Space)
    assert view.player.playing  # other keys still reach the player
    view.player.pause()


def test_controls_that_do_nothing_are_disabled(view: GradientDescentView) -> None:
    editors = view.parameter_panel.editors
    assert editors["n_points"].isEnabled() and not editors["momentum"].isEnabled()
    view.set_params(problem="Rosenbrock", optimizer="momentum")
    assert not editors["n_points"].isEnabled() and not editors["batch_mode"].isEnabled()
    assert editors["momentum"].isEnabled()
    assert "synthetic" in editors["slope"].toolTip()
    view.set_params(compare="optimizers")
    assert not editors["optimizer"].isEnabled()


def test_switching_to_rosenbrock_in_the_panel_brings_its_own_step_size(
    qtbot: QtBot, view: GradientDescentView
) -> None:
    combo = view.parameter_panel.editors["problem"]
    assert isinstance(combo, QComboBox)
    with qtbot.waitSignal(view.player.history_replaced, timeout=2000):
        combo.setCurrentText("Rosenbrock")
    assert view.params["learning_rate"] == pytest.approx(0.001)
    view.player.seek(50)
    assert frame(view).status == ("running",)  # it used to diverge at step 2


def test_every_path_stays_inside_the_plot(view: GradientDescentView, qtbot: QtBot) -> None:
    # η = 0.3 on the bowl overshoots by 3.5× a step before it is stopped: far outside the
    # surface's own window (−4…4 × −2.5…2.5), which used to cut its path off.
    view.set_params(problem="elongated bowl", compare="learning rates", learning_rate=0.1)
    history = view.history
    assert history is not None
    # The first frame is painted before the run's start is computed (next event-loop
    # turn), which then grows the window to hold every path.
    assert len(history.frames()) == 1
    qtbot.waitUntil(lambda: len(history.frames()) >= FIT_AHEAD or history.complete)
    path = np.concatenate([f.thetas for f in history.frames()])
    assert np.abs(path[:, 1]).max() > 2.5
    (x0, x1), (y0, y1) = view.contour_plot.getPlotItem().vb.viewRange()
    assert x0 <= path[:, 0].min() and path[:, 0].max() <= x1
    assert y0 <= path[:, 1].min() and path[:, 1].max() <= y1
    view.set_params(problem="saddle", compare="off")  # a new problem: its own window again
    (x0, x1), _ = view.contour_plot.getPlotItem().vb.viewRange()
    assert (x0, x1) == pytest.approx((-2.0, 2.0))


def test_controls_created_here_have_accessible_names(view: GradientDescentView) -> None:
    for widget in (
        view.load_csv_button,
        view.preset_combo,
        view.reset_defaults_button,
        view.contour_plot,
        view.loss_plot,
    ):
        assert widget.accessibleName(), widget
