"""The gradient-descent view: data + fitted lines, loss contours with trajectories, loss vs step.

Draws what `GradientDescentState` computes. All plot items are created once in `build_plots`; `run_started` draws what is fixed for
a run (data points, the contour image and lines, all cached as pixmaps); `show_frame`
only hands new points to the moving parts — one `PolylineSet` per plot for all runners
(trajectories and heads, fitted lines, loss curves), which repaints only what moved and
draws a growing trajectory incrementally. Trajectories are read from a per-run cache
filled from the history, so scrubbing backwards is slicing, not recomputation. The start
point is a handle: drag it, click anywhere on the surface, or focus the plot and use the
arrow keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGridLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.explanation import escape
from visualizers.core.frames import Stepper
from visualizers.core.keyboard import ArrowKeys
from visualizers.core.learner_view import LearnerRunHost
from visualizers.core.loading import UserFileLoad
from visualizers.core.palette import PURPLE, SERIES, YELLOW
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import is_dark, palette_colors, themed_plot
from visualizers.core.polylines import PolylineSet
from visualizers.core.registry import VisualizerSpec
from visualizers.gradient_descent.algorithm import (
    GradientDescentFrame,
    GradientDescentStepper,
    LinearRegressionProblem,
)
from visualizers.gradient_descent.spec import CSV_PROBLEM
from visualizers.gradient_descent.state import (
    Dataset,
    GradientDescentState,
    follow_problem,
    inactive_parameters,
    loss_peaks,
    plot_window,
    stepper_for,
    surface,
    surface_colors,
)

GRID = 120  # contour grid resolution per axis
LEVELS = 14  # contour lines
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
        # The surface and its contours are fixed for a run: cache them as pixmaps so a
        # frame blits them instead of re-rasterising thousands of segments.
        self._surface_image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # (A PlotDataItem draws nothing itself: the cache belongs on its curve child.)
        self._contour_lines.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.contour_plot.addItem(self._contour_lines)
        self._minimum_marker = pg.ScatterPlotItem(
            symbol="star",
            size=16,
            brush=pg.mkBrush(YELLOW),
            pen=pg.mkPen(fg, width=1),
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
        self._minimum_marker.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
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
        for static in (self._points, self._optimum_line.curve, self._loss_optimum):
            static.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Axes change only when a range does; cached, a frame whose repaint touches their
        # ticks blits them instead of replaying their drawing.
        for plot in (self.contour_plot, self.data_plot, self.loss_plot):
            for side in ("left", "bottom"):
                axis = plot.getPlotItem().getAxis(side)
                axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

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
        self._build_learner_items(fg)
        return box

    # -- the learner's run ("Animate my code") --------------------------------------------
    learner_legend = "◆ <b>Your code</b>'s path beside the reference's"

    def _build_learner_items(self, fg: QColor) -> None:
        pen = pg.mkPen(PURPLE, width=3, style=Qt.PenStyle.DashLine)
        self.mine_path = pg.PlotDataItem(pen=pen)
        self.mine_head = pg.ScatterPlotItem(
            symbol="d", size=16, brush=pg.mkBrush(PURPLE), pen=pg.mkPen(fg, width=1.5)
        )
        self.mine_fit = pg.PlotDataItem(pen=pen)
        # The loss plot's items are drawn in log10 units (see `_fill_trail`): a curve item,
        # which log mode leaves alone.
        self.mine_loss = pg.PlotCurveItem(pen=pen)
        self.mine_legend = pg.LegendItem(offset=(8, 8), labelTextColor=fg)
        self.mine_legend.setParentItem(self.contour_plot.getPlotItem().vb)
        self.mine_legend.addItem(self.mine_path, "your code")
        for plot, item in (
            (self.contour_plot, self.mine_path),
            (self.contour_plot, self.mine_head),
            (self.data_plot, self.mine_fit),
            (self.loss_plot, self.mine_loss),
        ):
            item.setZValue(25)
            plot.addItem(item, ignoreBounds=True)
        for item in (
            self.mine_path,
            self.mine_head,
            self.mine_fit,
            self.mine_loss,
            self.mine_legend,
        ):
            item.setVisible(False)

    def _draw_learner(self, frame: GradientDescentFrame) -> None:
        self.sync_learner_strip()
        run = self.state.learner
        items = (self.mine_path, self.mine_head, self.mine_fit, self.mine_loss, self.mine_legend)
        if run is None:
            if self.mine_legend.isVisible():
                for item in items:
                    item.setVisible(False)
            return
        for item in items:
            item.setVisible(True)
        path = [p for p in run.per_frame[: frame.step + 1] if p is not None]
        points = np.array(path) if path else np.zeros((0, 2))
        points = points[np.isfinite(points).all(axis=1)]
        self.mine_path.setData(points[:, 0], points[:, 1])
        self.mine_head.setData(points[-1:, 0], points[-1:, 1])
        if len(points) and hasattr(self, "_x_span"):
            w, b = points[-1]
            self.mine_fit.setData(self._x_span, w * self._x_span + b)
        else:
            self.mine_fit.setData([], [])
        losses = run.extra["losses"]
        losses = losses[losses[:, 0] <= frame.step]
        top = self._loss_range[1] + 1.0  # a diverging run leaves the plot, not the axis
        shown = np.minimum(np.log10(np.maximum(losses[:, 1], self._loss_floor_display)), top)
        self.mine_loss.setData(losses[:, 0], shown)

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
        regression = isinstance(problem, LinearRegressionProblem)
        p0, p1 = problem.param_names
        # Compute the start of the run now, so the plot frames every path it takes.
        history = self.history
        path = np.zeros((0, 2))
        if history is not None:
            history.extend_to(min(FIT_AHEAD, self.history_limit) - 1)
            path = np.concatenate([f.thetas for f in history.frames()])
        x0, x1, y0, y1 = plot_window(problem.window, path)

        shade, segments = surface(problem, (x0, x1, y0, y1), GRID, LEVELS)
        self._surface_image.setImage(shade, levels=(float(shade.min()), float(shade.max())))
        background, _ = palette_colors(self)
        rgb = (background.red(), background.green(), background.blue())
        self._surface_image.setLookupTable(surface_colors(rgb, is_dark(self)))
        self._surface_image.setRect(x0, y0, x1 - x0, y1 - y0)
        self._contour_lines.setData(segments[:, 0], segments[:, 1])
        item = self.contour_plot.getPlotItem()
        item.setLabel("bottom", p0)
        item.setLabel("left", p1)
        # Short: a pyqtgraph title's width is a minimum width for the whole plot.
        item.setTitle(f"Loss L({p0}, {p1}): {escape(str(self.params['problem']))}")
        # Limits first: the previous run's limits would clip the new range.
        item.vb.setLimits(xMin=x0, xMax=x1, yMin=y0, yMax=y1)
        item.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        if problem.minimum is not None:
            self._minimum_marker.setData([problem.minimum[0]], [problem.minimum[1]])
        else:
            self._minimum_marker.setData([], [])
        self._start_marker.blockSignals(True)
        self._start_marker.setPos(float(run.start[0]), float(run.start[1]))
        self._start_marker.blockSignals(False)

        self._legend.clear()
        for part in (self._trails, self._fit_lines, self._loss_lines, self._batch_points):
            part.clear()
        for i, runner in enumerate(run.runners[:MAX_RUNNERS]):
            self._legend_samples[i].setVisible(True)
            self._legend.addItem(self._legend_samples[i], escape(runner.label))

        self.data_plot.setVisible(regression)
        if isinstance(problem, LinearRegressionProblem):
            self._points.setData(problem.x, problem.y)
            x_name, y_name = self.state.axis_names()
            self.data_plot.getPlotItem().setLabel("bottom", escape(x_name))
            self.data_plot.getPlotItem().setLabel("left", escape(y_name))
            self._x_span = np.array([float(problem.x.min()), float(problem.x.max())])
            assert problem.minimum is not None
            w, b = problem.minimum
            self._optimum_line.setData(self._x_span, w * self._x_span + b)
            pad_x = 0.05 * float(np.ptp(problem.x))
            pad_y = 0.08 * float(np.ptp(problem.y))
            self.data_plot.getPlotItem().vb.setRange(
                xRange=(float(problem.x.min()) - pad_x, float(problem.x.max()) + pad_x),
                yRange=(float(problem.y.min()) - pad_y, float(problem.y.max()) + pad_y),
                padding=0,
            )
            self._loss_optimum.setVisible(True)
            self._loss_optimum.setPos(np.log10(max(problem.loss_floor, 1e-300)))
        else:
            self._points.setData([], [])
            self._loss_optimum.setVisible(False)
        # A loss of exactly 0 has no logarithm: floor what the log axis shows.
        self._loss_floor_display = max(float(first.losses.max()) * 1e-14, 1e-300)
        # Fixed ranges, widened only when a loss leaves them: auto-ranging every frame
        # would regenerate (and repaint) both axes on every step.
        top = float(first.losses.max())
        bottom = problem.loss_floor if problem.loss_floor > 0 else top * 1e-6
        self._loss_range = [np.log10(max(bottom, self._loss_floor_display)), np.log10(top)]
        loss_item = self.loss_plot.getPlotItem()
        loss_item.setLimits(xMin=0)
        loss_item.vb.disableAutoRange()
        loss_item.vb.setRange(xRange=(0, run.max_steps), padding=0.02)
        self._apply_loss_range()

    def _on_legend_toggled(self, index: int) -> None:
        shown = self._legend_samples[index].isVisible()
        for part in (self._trails, self._fit_lines, self._loss_lines):
            part.set_line_visible(index, shown)

    def _apply_loss_range(self) -> None:
        low, high = self._loss_range
        pad = 0.05 * max(high - low, 1e-3)
        self.loss_plot.getPlotItem().vb.setYRange(low - pad, high + pad, padding=0)

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
        if step >= self._filled:
            self._fill_trail(step)
        shown = np.log10(np.maximum(frame.losses, self._loss_floor_display))
        if shown.min() < self._loss_range[0] or shown.max() > self._loss_range[1]:
            self._loss_range = [
                min(self._loss_range[0], float(shown.min())),
                max(self._loss_range[1], float(shown.max())),
            ]
            self._apply_loss_range()
        k = min(frame.thetas.shape[0], MAX_RUNNERS)
        self._trails.set_lines([self._trail[i, : step + 1] for i in range(k)], frame.thetas[:k])
        every = self._loss_decimation()
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

    def _loss_decimation(self) -> int:
        """Steps per bucket of the loss curves: about one bucket per horizontal pixel."""
        vb = self.loss_plot.getPlotItem().vb
        (x0, x1), _ = vb.viewRange()
        width = max(vb.width(), 1.0)
        return max(1, int((x1 - x0) / width))

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
