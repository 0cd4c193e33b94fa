"""The regularization view: the penalty's shape against the loss contours, paths, errors, slopes.

Draws only: every number comes from `state.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.contours import contour_segments
from visualizers.core.frames import RunPlan, Stepper
from visualizers.core.loading import UserFileLoad
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import (
    SERIES_COLORS,
    STATIC_CACHE,
    cache_static,
    palette_colors,
    themed_plot,
)
from visualizers.core.text import escape
from visualizers.regularization.algorithm import PENALTIES
from visualizers.regularization.state import (
    USER_CSV,
    RegularizationFrame,
    RegularizationState,
    RegularizationStepper,
    read_named_csv,
)

# Okabe–Ito, then the same hues dashed: ten features stay tellable apart without colour.
PATH_COLOURS = (*SERIES_COLORS, "#f0e442", "#999999", "#e69f00", "#0072b2")
TRAIN_COLOUR, VAL_COLOUR, PENALTY_COLOUR, TRAIL_COLOUR = (
    SERIES_COLORS[1],
    SERIES_COLORS[4],
    SERIES_COLORS[2],
    SERIES_COLORS[0],
)
TOUCH_COLOUR = SERIES_COLORS[3]
MUTED = (140, 140, 140)


def _pen(index: int, width: float = 2.0) -> Any:
    style = Qt.PenStyle.SolidLine if index < 6 else Qt.PenStyle.DashLine
    return pg.mkPen(PATH_COLOURS[index % len(PATH_COLOURS)], width=width, style=style)


class RegularizationView(VisualizerView):
    def build_plots(self) -> QWidget:
        self.state = RegularizationState()
        box = QWidget(self)
        _, fg = palette_colors(box)
        self.slice_plot = themed_plot(box, "Loss contours and the penalty", "w₁", "w₂")
        self.slice_plot.setAspectLocked(True)
        self.path_plot = themed_plot(box, "Coefficient paths", "log₁₀ α", "slope")
        self.error_plot = themed_plot(box, "Train vs validation error", "log₁₀ α", "MSE")
        self.bar_plot = themed_plot(box, "Slopes now (× true)", "feature", "slope")

        legend = self.slice_plot.addLegend(offset=(5, 5), labelTextColor=fg.name())
        self.contours = self.slice_plot.plot(connect="pairs", pen=pg.mkPen(MUTED, width=1))
        self.touching = self.slice_plot.plot(
            connect="pairs",
            pen=pg.mkPen(TOUCH_COLOUR, width=2),
            name="loss contour at solution",
        )
        self.region = self.slice_plot.plot(
            pen=pg.mkPen(PENALTY_COLOUR, width=3), name="penalty level set"
        )
        self.trail = self.slice_plot.plot(
            pen=pg.mkPen(TRAIL_COLOUR, width=2), name="coordinate descent"
        )
        self.head = self.slice_plot.plot(
            pen=None, symbol="o", symbolSize=11, symbolBrush=TRAIL_COLOUR, symbolPen=pg.mkPen(fg)
        )
        self.unpenalised = self.slice_plot.plot(
            pen=None,
            symbol="star",
            symbolSize=15,
            symbolBrush="#f0e442",
            symbolPen=pg.mkPen("k"),
            name="no penalty",
        )
        for axis_angle in (0, 90):
            self.slice_plot.addItem(pg.InfiniteLine(pos=0, angle=axis_angle, pen=pg.mkPen(MUTED)))
        legend.setZValue(20)
        legend.setCacheMode(STATIC_CACHE)
        for static in (self.contours, self.touching, self.region):
            static.curve.setCacheMode(STATIC_CACHE)  # fixed for the run: blit, don't redraw

        self.path_curves: list[Any] = []
        self.path_labels: list[pg.TextItem] = []
        for i in range(len(PATH_COLOURS)):
            self.path_curves.append(self.path_plot.plot(pen=_pen(i)))
            label = pg.TextItem("", color=PATH_COLOURS[i], anchor=(0, 0.5))
            self.path_plot.addItem(label)
            self.path_labels.append(label)
        self.path_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(MUTED)))
        self.path_marker = pg.InfiniteLine(angle=90, pen=pg.mkPen(fg, width=1))
        self.path_plot.addItem(self.path_marker)

        err_legend = self.error_plot.addLegend(offset=(5, 5), labelTextColor=fg.name())
        self.train_curve = self.error_plot.plot(
            pen=pg.mkPen(TRAIN_COLOUR, width=2), symbol="o", symbolSize=4, name="training"
        )
        self.val_curve = self.error_plot.plot(
            pen=pg.mkPen(VAL_COLOUR, width=2, style=Qt.PenStyle.DashLine),
            symbol="t",
            symbolSize=5,
            symbolBrush=VAL_COLOUR,
            name="validation",
        )
        self.best_marker = self.error_plot.plot(
            pen=None, symbol="star", symbolSize=14, symbolBrush="#f0e442", name="best validation"
        )
        self.now_errors = self.error_plot.plot(
            pen=None, symbol="o", symbolSize=10, symbolBrush=fg, name="now"
        )
        err_legend.setZValue(20)
        err_legend.setCacheMode(STATIC_CACHE)
        self.error_marker = pg.InfiniteLine(angle=90, pen=pg.mkPen(fg, width=1))
        self.error_plot.addItem(self.error_marker)

        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=TRAIL_COLOUR)
        self.bar_plot.addItem(self.bars)
        self.true_marks = self.bar_plot.plot(
            pen=None, symbol="x", symbolSize=12, symbolPen=pg.mkPen(fg, width=2)
        )
        self.bar_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(MUTED)))

        cache_static(
            (self.slice_plot, self.path_plot, self.error_plot, self.bar_plot),
            (
                self.unpenalised.scatter,
                self.train_curve.curve,
                self.val_curve.curve,
                self.best_marker.scatter,
                self.true_marks.scatter,
                *(c.curve for c in self.path_curves),
            ),
        )

        self.slice_plot.setAccessibleName(
            "Loss contours over two slopes, the penalty's level set and the coordinate-descent path"
        )
        self.path_plot.setAccessibleName("Coefficient paths against log alpha")
        self.error_plot.setAccessibleName("Training and validation error against log alpha")
        self.bar_plot.setAccessibleName("Current slopes as bars, true slopes as crosses")

        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        # Two columns: inside the app, beside the question list, a plot gets ~300 px.
        grid.addWidget(self.slice_plot, 0, 0)
        grid.addWidget(self.path_plot, 0, 1)
        grid.addWidget(self.bar_plot, 1, 0)
        grid.addWidget(self.error_plot, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        return box

    def build_extra_controls(self) -> QWidget | None:
        return self.build_file_loader(
            "Numeric columns with an optional header; the last column is the target y",
            "Load a CSV of features and target",
        )

    def load_csv(self, path: str | Path) -> UserFileLoad:
        """Load the CSV (off the GUI thread) and switch to it; on failure the run stays."""
        return self.load_user_file(
            path,
            read_named_csv,
            self.state.swap_csv,
            loaded=lambda named: self.csv_label.setText(f"Loaded {escape(named[1])}"),
            run_ahead=self.state.stepper_for_csv,  # the run is the slow part: off-thread too
            dataset=USER_CSV,
        )

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        return self.state.stepper(params, seed)

    def heavy_run(self, params: dict[str, Value]) -> bool:
        return self.state.heavy_run(params)

    def plan_run(self, params: dict[str, Value], seed: int) -> RunPlan[Any]:
        return self.state.plan(params, seed)

    def run_started(self, stepper: Any, first: Any) -> None:
        assert isinstance(stepper, RegularizationStepper)
        self._stepper = stepper
        sl = stepper.slice
        span = max(float(sl.loss.max() - sl.loss.min()), 1e-12)
        levels = sl.loss.min() + span * np.geomspace(1e-3, 0.8, 9)
        segments = contour_segments(sl.xs, sl.ys, sl.loss, levels)
        self.contours.setData(segments[:, 0], segments[:, 1])
        touching = contour_segments(sl.xs, sl.ys, sl.loss, np.array([sl.solution_level]))
        self.touching.setData(touching[:, 0], touching[:, 1])
        b = sl.budget
        if stepper.penalty == PENALTIES[0]:
            self.region.setData([b, 0, -b, 0, b], [0, b, 0, -b, 0])
        else:
            t = np.linspace(0, 2 * np.pi, 121)
            self.region.setData(b * np.cos(t), b * np.sin(t))
        self.unpenalised.setData([sl.unpenalised[0]], [sl.unpenalised[1]])
        # The grid reaches past the window, so the contours fill the plot's wider side too.
        self.slice_plot.setRange(
            xRange=(sl.xs[0] / 1.6, sl.xs[-1] / 1.6), yRange=(sl.ys[0] / 1.6, sl.ys[-1] / 1.6)
        )
        names = stepper.data.names
        self.slice_plot.getPlotItem().setLabel("bottom", f"w for {names[0]}")
        self.slice_plot.getPlotItem().setLabel("left", f"w for {names[1]}")

        path = stepper.path
        x = np.log10(path.alphas)
        for i, (curve, label) in enumerate(zip(self.path_curves, self.path_labels, strict=True)):
            if i < path.coefs.shape[1]:
                curve.setData(x, path.coefs[:, i])
                label.setText(names[i])
                label.setPos(float(x[-1]), float(path.coefs[-1, i]))
            else:
                # Emptied, not hidden: a hidden TextItem reappears at a stale position.
                curve.setData([], [])
                label.setText("")
        self.path_plot.setXRange(float(x.min()), float(x.max()) + 0.12 * float(np.ptp(x)))
        log_alpha = float(np.log10(stepper.alpha))
        self.path_marker.setPos(log_alpha)
        self.error_marker.setPos(log_alpha)
        self.train_curve.setData(x, path.train_mse)
        self.val_curve.setData(x, path.val_mse)
        self.best_marker.setData([x[path.best]], [path.val_mse[path.best]])

        p = len(names)
        truth = stepper.data.true_coef
        if truth is not None:
            self.true_marks.setData(np.arange(p), truth)
        else:
            self.true_marks.setData([], [])
        top = max(
            float(np.abs(path.coefs).max()), 0.5 if truth is None else float(np.abs(truth).max())
        )
        self.bar_plot.setXRange(-0.7, p - 0.3, padding=0)
        self.bar_plot.setYRange(-1.1 * top, 1.1 * top)
        axis = self.bar_plot.getPlotItem().getAxis("bottom")
        axis.setTicks([[(i, n) for i, n in enumerate(names)]])

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, RegularizationFrame)
        self.trail.setData(frame.trail[:, 0], frame.trail[:, 1])
        self.head.setData([frame.trail[-1, 0]], [frame.trail[-1, 1]])
        log_alpha = float(np.log10(self._stepper.alpha))
        self.now_errors.setData([log_alpha, log_alpha], [frame.train_mse, frame.val_mse])
        self.bars.setOpts(x=np.arange(len(frame.coef)), height=frame.coef, width=0.6)
