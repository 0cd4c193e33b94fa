"""The gradient-descent view: data + fitted lines, loss contours with trajectories, loss vs step.

Draws what `GradientDescentState` computes (the surface via `plots.py`, a learner's run via
`learner_overlay.py`). Plot items are created once in `build_plots`; `run_started` draws
what is fixed for a run (data, contour image and lines, cached as pixmaps); `show_frame`
only hands new points to the moving parts — one `PolylineSet` per plot for all runners,
which repaints only what moved and draws a growing trajectory incrementally. Trajectories
come from a per-run cache filled from the history, so scrubbing back is slicing. The start
point is a handle: drag it, click the surface, or focus the plot and use the arrow keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QWidget,
)

from visualizers.core.after_paint import AfterPaint
from visualizers.core.base import VisualizerView
from visualizers.core.explanation import escape
from visualizers.core.frames import History, Stepper
from visualizers.core.keyboard import ArrowKeys
from visualizers.core.learner_view import LearnerRunHost
from visualizers.core.loading import UserFileLoad
from visualizers.core.palette import SERIES, YELLOW
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import cache_static, is_dark, palette_colors, themed_plot
from visualizers.core.polylines import PolylineSet
from visualizers.core.registry import VisualizerSpec
from visualizers.gradient_descent.algorithm import (
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
    Problem,
)
from visualizers.gradient_descent.plots import (
    Window,
    draw_surface,
    frame_loss_plot,
    loss_decimation,
    show_loss_range,
)
from visualizers.gradient_descent.spec import CSV_PROBLEM
from visualizers.gradient_descent.state import (
    Dataset,
    GradientDescentState,
    data_ranges,
    follow_problem,
    inactive_parameters,
    loss_axis,
    loss_peaks,
    plot_window,
    stepper_for,
)

if TYPE_CHECKING:
    from visualizers.gradient_descent.learner_overlay import LearnerPathOverlay

MAX_RUNNERS = 3
FIT_AHEAD = 250  # frames computed when a run starts, so the view can frame their paths


class GradientDescentView(
    LearnerRunHost, VisualizerView[GradientDescentState, GradientDescentFrame]
):
    """Linear regression / 2-D surfaces descended by one optimizer or a race of three."""

    frames_ahead_on_load = FIT_AHEAD  # run_started frames them all: compute them off-thread

    # -- construction --------------------------------------------------------------------
    def create_state(self, spec: VisualizerSpec) -> GradientDescentState:
        return GradientDescentState()

    def build_plots(self) -> QWidget:
        # Per runner, contiguous: a frame's trail is a view of the first step + 1 rows.
        self._trail = np.zeros((MAX_RUNNERS, self.history_limit, 2))
        # (step, log10 of the shown loss): the loss plot's points, also zero-copy views.
        self._trail_loss = np.zeros((MAX_RUNNERS, self.history_limit, 2))
        self._trail_loss[:, :, 0] = np.arange(self.history_limit)
        self._filled = 0  # frames of the current run copied into the trail cache
        self._window: Window | None = None  # the contour plot's, over the paths so far
        self._loss_floor_display = 1e-300
        self._loss_range = [0.0, 1.0]  # log10 of the loss axis's shown range

        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.contour_plot = themed_plot(box, "Loss surface L(w, b)", "w", "b")
        self.contour_plot.setAccessibleName("Loss surface with the optimizers' paths")
        self.contour_plot.setAccessibleDescription(
            "Drag the start handle, click to place it, or use the arrow keys to move it"
        )
        self.data_plot = themed_plot(box, "Data and fitted line", "x", "y")
        self.data_plot.setAccessibleName("Data and fitted lines")
        self.loss_plot = themed_plot(box, "Loss per step (log scale)", "step", "L")
        self.loss_plot.setAccessibleName("Loss per step")
        self.loss_plot.getPlotItem().setLogMode(x=False, y=True)
        grid.addWidget(self.contour_plot, 0, 0, 2, 1)
        grid.addWidget(self.data_plot, 0, 1)
        grid.addWidget(self.loss_plot, 1, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 4)

        _, fg = palette_colors(self)
        muted = QColor(fg)
        muted.setAlphaF(0.35)
        self._surface_image = pg.ImageItem(axisOrder="row-major")
        self._surface_image.setZValue(-20)
        self.contour_plot.addItem(self._surface_image)
        self._contour_lines = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(muted, width=1))
        self._contour_lines.setZValue(-10)
        self.contour_plot.addItem(self._contour_lines)
        self._surface = (self._surface_image, self._contour_lines)
        self._after_paint = AfterPaint(self.contour_plot.viewport())
        self._minimum_marker = pg.ScatterPlotItem(
            symbol="star", size=16, brush=pg.mkBrush(YELLOW), pen=pg.mkPen(fg, width=1)
        )
        self.contour_plot.addItem(self._minimum_marker)
        # The start point: a handle to drag (press, move, release restarts from there).
        self._start_marker = pg.TargetItem(
            movable=True, size=15, symbol="crosshair", pen=pg.mkPen(fg, width=2)
        )
        self._start_marker.setToolTip("Start point: drag it, or click the surface to move it")
        self._start_marker.setZValue(20)
        self.contour_plot.addItem(self._start_marker)
        self._start_marker.sigPositionChangeFinished.connect(self._on_start_dropped)
        self._legend = self.contour_plot.getPlotItem().addLegend(
            offset=(-8, -8), labelTextColor=fg, brush=pg.mkBrush(self.palette().base().color())
        )

        self._points = pg.ScatterPlotItem(size=6, pen=pg.mkPen(None), brush=pg.mkBrush(muted))
        self.data_plot.addItem(self._points)
        self._batch_points = PolylineSet(
            [], marker_brushes=[pg.mkBrush(None)], marker_pen=pg.mkPen(fg, width=1.5), marker_size=9
        )
        self.data_plot.addItem(self._batch_points)
        self._optimum_line = pg.PlotDataItem(pen=pg.mkPen(fg, width=1, style=Qt.PenStyle.DashLine))
        self.data_plot.addItem(self._optimum_line)
        self._loss_optimum = pg.InfiniteLine(
            angle=0,
            pen=pg.mkPen(fg, width=1, style=Qt.PenStyle.DashLine),
            label="least-squares optimum",
            labelOpts={"color": fg, "position": 0.6},
        )
        self.loss_plot.addItem(self._loss_optimum)
        # Fixed for a run, blitted by a frame: the surface and its thousands of contour
        # segments (a PlotDataItem draws nothing itself: the cache is on its curve), the
        # markers, the data and the optimum, and the axes.
        fixed = [self._surface_image, self._contour_lines.curve, self._minimum_marker]
        fixed += [self._points, self._optimum_line.curve, self._loss_optimum]
        cache_static((self.contour_plot, self.data_plot, self.loss_plot), fixed)

        # The moving parts: one item per plot for all runners (trajectories and their
        # heads; fitted lines; loss curves), not one PlotDataItem per runner and part.
        pens = [pg.mkPen(SERIES[i], width=2) for i in range(MAX_RUNNERS)]
        self._trails = PolylineSet(
            pens,
            marker_brushes=[pg.mkBrush(SERIES[i]) for i in range(MAX_RUNNERS)],
            marker_pen=pg.mkPen(fg, width=1),
            marker_size=11,
            layered=True,  # trails only grow while playing: draw just the new segments
        )
        self._fit_lines = PolylineSet(pens)
        self._loss_lines = PolylineSet(pens)
        self.contour_plot.addItem(self._trails)
        self.data_plot.addItem(self._fit_lines)
        self.loss_plot.addItem(self._loss_lines)
        self._paths = [self._trails.line(i) for i in range(MAX_RUNNERS)]
        self._loss_curves = [self._loss_lines.line(i) for i in range(MAX_RUNNERS)]
        # The legend draws its samples from these stand-ins (never added to a plot);
        # clicking an entry toggles the stand-in, which hides that runner's drawings.
        self._legend_samples: list[pg.PlotDataItem] = []
        for i in range(MAX_RUNNERS):
            sample = pg.PlotDataItem(pen=pens[i])
            sample.visibleChanged.connect(lambda i=i: self._on_legend_toggled(i))
            self._legend_samples.append(sample)

        self.contour_plot.scene().sigMouseClicked.connect(self._on_contour_clicked)
        self.contour_plot.setToolTip(
            "Drag the start point or click to move it; with the plot focused, arrow keys "
            "move it (Shift: bigger steps)"
        )
        self._keys = ArrowKeys(self.contour_plot)
        self._keys.nudged.connect(self._on_start_nudged)
        self._overlay: LearnerPathOverlay | None = None  # built with a learner's first run
        return box

    # -- the learner's run ("Animate my code") --------------------------------------------
    learner_legend = "◆ <b>Your code</b>'s path beside the reference's"

    @property
    def learner_overlay(self) -> LearnerPathOverlay:
        """The learner's items on the three plots (built when first needed, then kept)."""
        if self._overlay is None:
            from visualizers.gradient_descent.learner_overlay import LearnerPathOverlay

            fg = palette_colors(self)[1]
            plots = (self.contour_plot, self.data_plot, self.loss_plot)
            self._overlay = LearnerPathOverlay(*plots, fg)
        return self._overlay

    def _draw_learner(self, frame: GradientDescentFrame) -> None:
        self.sync_learner_strip()
        if self.state.learner is None and self._overlay is None:
            return  # no run shown yet: nothing to draw or hide
        top = self._loss_range[1] + 1.0  # a diverging run leaves the plot, not the axis
        x_span = getattr(self, "_x_span", None)
        self.learner_overlay.draw(
            self.state.learner, frame.step, x_span, self._loss_floor_display, top
        )

    def build_extra_controls(self) -> QWidget | None:
        return self.build_file_loader(
            "Fit your own data: a CSV with two numeric columns, x and y (header optional)",
            "Load a CSV of x and y",
            dialog_title="Load a two-column CSV",
        )

    # -- runs ----------------------------------------------------------------------------
    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[GradientDescentFrame]:
        return self.state.stepper(params, seed)

    def explain(self, frame: GradientDescentFrame) -> str:
        return self.state.explain(frame)

    def summary(self, frame: GradientDescentFrame) -> str:
        return self.state.summary(frame)

    def inactive_parameters(self) -> Mapping[str, str]:
        return inactive_parameters(self.params)

    def adjust_edit(self, edited: dict[str, Value]) -> dict[str, Value]:
        return follow_problem(self.params, edited)

    def run_started(
        self, stepper: Stepper[GradientDescentFrame], first: GradientDescentFrame
    ) -> None:
        if isinstance(stepper, GradientDescentStepper) and stepper is not self.state.stepper_now:
            self.state.adopt_run(stepper, self.params)  # built on the loading worker
        run = self.state.current()
        self._filled = 0
        problem = run.problem
        # Framed on the frames so far; the rest of the first FIT_AHEAD after the next paint.
        history = self.history
        self._frame_paths(problem, new_run=True)
        if history is not None and len(history.frames()) < FIT_AHEAD and not history.complete:
            self._after_paint.call(lambda: self._fit_ahead(history))
        if problem.minimum is not None:
            self._minimum_marker.setData([problem.minimum[0]], [problem.minimum[1]])
        else:
            self._minimum_marker.setData([], [])
        with QSignalBlocker(self._start_marker):
            self._start_marker.setPos(float(run.start[0]), float(run.start[1]))

        self._legend.clear()
        for part in (self._trails, self._fit_lines, self._loss_lines, self._batch_points):
            part.clear()
        for i, runner in enumerate(run.runners[:MAX_RUNNERS]):
            self._legend_samples[i].setVisible(True)
            self._legend.addItem(self._legend_samples[i], escape(runner.label))

        self.data_plot.setVisible(isinstance(problem, LinearRegressionProblem))
        if isinstance(problem, LinearRegressionProblem):
            self._points.setData(problem.x, problem.y)
            x_name, y_name = self.state.axis_names()
            self.data_plot.getPlotItem().setLabel("bottom", escape(x_name))
            self.data_plot.getPlotItem().setLabel("left", escape(y_name))
            self._x_span = np.array([float(problem.x.min()), float(problem.x.max())])
            assert problem.minimum is not None
            w, b = problem.minimum
            self._optimum_line.setData(self._x_span, w * self._x_span + b)
            x_range, y_range = data_ranges(problem.x, problem.y)
            self.data_plot.getPlotItem().vb.setRange(xRange=x_range, yRange=y_range, padding=0)
            self._loss_optimum.setVisible(True)
            self._loss_optimum.setPos(np.log10(max(problem.loss_floor, 1e-300)))
        else:
            self._points.setData([], [])
            self._loss_optimum.setVisible(False)
        self._loss_floor_display, (low, high) = loss_axis(
            float(first.losses.max()), problem.loss_floor
        )
        self._loss_range = [low, high]
        frame_loss_plot(self.loss_plot, run.max_steps, low, high)

    def _frame_paths(self, problem: Problem, new_run: bool = False) -> None:
        """Draw the loss surface over a window holding every path computed so far."""
        history = self.history
        path = np.concatenate([f.thetas for f in history.frames()]) if history else np.zeros((0, 2))
        window = plot_window(problem.window, path)
        if new_run or window != self._window:
            self._window = window
            colors = (palette_colors(self)[0], is_dark(self))
            name = str(self.params["problem"])
            draw_surface(self.contour_plot, self._surface, problem, window, name, colors)

    def _fit_ahead(self, history: History[GradientDescentFrame]) -> None:
        """After the run's first paint: its first FIT_AHEAD frames, framed (same run only)."""
        if history is self.history:
            history.extend_to(min(FIT_AHEAD, self.history_limit) - 1)
            self._frame_paths(self.state.current().problem)

    def _on_legend_toggled(self, index: int) -> None:
        shown = self._legend_samples[index].isVisible()
        for part in (self._trails, self._fit_lines, self._loss_lines):
            part.set_line_visible(index, shown)

    # -- frames --------------------------------------------------------------------------
    def _fill_trail(self, upto: int) -> None:
        history = self.history
        if history is None:
            return
        for index in range(self._filled, upto + 1):
            frame = history[index]
            k = frame.thetas.shape[0]
            self._trail[:k, index] = frame.thetas
            self._trail_loss[:k, index, 1] = np.log10(
                np.maximum(frame.losses, self._loss_floor_display)
            )
        self._filled = max(self._filled, upto + 1)

    def show_frame(self, frame: GradientDescentFrame) -> None:
        problem = self.state.current().problem
        step = frame.step
        self._fill_trail(step)  # (nothing to copy when the frame's trail is cached)
        shown = np.log10(np.maximum(frame.losses, self._loss_floor_display))
        if shown.min() < self._loss_range[0] or shown.max() > self._loss_range[1]:
            self._loss_range = [
                min(self._loss_range[0], float(shown.min())),
                max(self._loss_range[1], float(shown.max())),
            ]
            show_loss_range(self.loss_plot, *self._loss_range)
        k = min(frame.thetas.shape[0], MAX_RUNNERS)
        self._trails.set_lines([self._trail[i, : step + 1] for i in range(k)], frame.thetas[:k])
        every = loss_decimation(self.loss_plot)
        self._loss_lines.set_lines(
            [loss_peaks(self._trail_loss[i, : step + 1], every) for i in range(k)]
        )
        if isinstance(problem, LinearRegressionProblem):
            x = self._x_span
            self._fit_lines.set_lines(
                [np.column_stack([x, w * x + b]) for w, b in frame.thetas[:k]]
            )
            idx = frame.batch
            self._batch_points.set_markers(np.column_stack([problem.x[idx], problem.y[idx]]))
        self._draw_learner(frame)

    # -- interaction ---------------------------------------------------------------------
    def _on_contour_clicked(self, event: MouseClickEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        vb = self.contour_plot.getPlotItem().vb
        scene_pos: QPointF = event.scenePos()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return
        point = vb.mapSceneToView(scene_pos)
        self.start_at(point.x(), point.y())

    def _on_start_dropped(self) -> None:
        pos = self._start_marker.pos()
        self.start_at(float(pos.x()), float(pos.y()))

    def _on_start_nudged(self, dx: int, dy: int, big: bool) -> None:
        self.player.pause()
        self.set_params(**self.state.nudged_start(dx, dy, big))

    def start_at(self, x: float, y: float) -> None:
        """Restart the run from parameter-space point (x, y) of the contour plot."""
        self.player.pause()
        self.set_params(**self.state.start_values(x, y))

    def load_csv(self, path: str | Path) -> UserFileLoad:
        """Use a user's CSV as the data (read off the GUI thread); a bad file keeps the run."""
        name = escape(Path(path).name)

        def loaded(data: Dataset) -> None:
            self.csv_label.setText(f"{name}: {data.x.size} rows ({data.x_name}, {data.y_name})")

        return self.load_user_file(
            path,
            self.state.read_csv,
            self.state.swap_csv,
            loaded=loaded,
            # The run and its first FIT_AHEAD frames (a gradient over every row each) are
            # computed on the worker too: 2.6 s on the GUI thread for 100,000 rows.
            run_ahead=lambda data, params, seed: stepper_for(params, seed, data),
            problem=CSV_PROBLEM,
        )
