"""The bias–variance view: the fan of fits, the error terms against complexity, and their split.

Draws only: every number comes from `state.py`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from visualizers.bias_variance.algorithm import FAMILIES
from visualizers.bias_variance.state import (
    BiasVarianceFrame,
    BiasVarianceState,
    BiasVarianceStepper,
)
from visualizers.core.base import VisualizerView
from visualizers.core.frames import Stepper
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import (
    SERIES_COLORS,
    STATIC_CACHE,
    cache_static,
    is_dark,
    palette_colors,
    themed_plot,
)

BIAS_COLOUR, VARIANCE_COLOUR, ERROR_COLOUR, TRUTH_COLOUR = (
    SERIES_COLORS[0],
    SERIES_COLORS[1],
    SERIES_COLORS[2],
    SERIES_COLORS[5],
)
NOISE_COLOUR = (150, 150, 150)
FAN_LIMIT = 40  # fits drawn; the error terms always use every training set
FLOOR = 1e-5  # log axis: a term of exactly 0 is drawn at this height
Y_LIMIT = 2.6


class BiasVarianceView(VisualizerView):
    def build_plots(self) -> QWidget:
        self.state = BiasVarianceState()
        box = QWidget(self)
        bg, fg = palette_colors(box)
        # An opaque blend of text and background colours: alpha-blending 6,000 line
        # segments on every frame cost most of the frame time.
        share = 0.35 if is_dark(box) else 0.3
        fan_colour = tuple(
            round(share * f + (1 - share) * b)
            for f, b in (
                (fg.red(), bg.red()),
                (fg.green(), bg.green()),
                (fg.blue(), bg.blue()),
            )
        )
        self.fan_plot = themed_plot(box, "Fits to every training set", "x", "y")
        legend = self.fan_plot.addLegend(offset=(5, 5), labelTextColor=fg.name(), colCount=2)
        self.fan = self.fan_plot.plot(
            pen=pg.mkPen(fan_colour, width=1),
            name=f"{FAN_LIMIT} fits",
        )
        self.truth = self.fan_plot.plot(
            pen=pg.mkPen(TRUTH_COLOUR, width=3, style=Qt.PenStyle.DashLine), name="truth"
        )
        self.mean_fit = self.fan_plot.plot(pen=pg.mkPen(BIAS_COLOUR, width=3), name="mean fit")
        self.truth.setZValue(5)  # dashed over the mean fit: where they agree, both show
        self.points = self.fan_plot.plot(
            pen=None,
            symbol="o",
            symbolSize=7,
            symbolBrush=VARIANCE_COLOUR,
            symbolPen=pg.mkPen(fg),
            name="one set",
        )
        legend.setZValue(20)
        legend.setCacheMode(STATIC_CACHE)
        self.fan_plot.setXRange(0, 1, padding=0.02)
        self.fan_plot.setYRange(-Y_LIMIT, Y_LIMIT, padding=0)

        self.error_plot = themed_plot(box, "Error vs complexity (log)", "degree", "")
        self.error_plot.setLogMode(False, True)
        err_legend = self.error_plot.addLegend(offset=(5, 5), labelTextColor=fg.name(), colCount=2)
        self.bias_curve = self.error_plot.plot(
            pen=pg.mkPen(BIAS_COLOUR, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=BIAS_COLOUR,
            name="bias²",
        )
        self.variance_curve = self.error_plot.plot(
            pen=pg.mkPen(VARIANCE_COLOUR, width=2),
            symbol="s",
            symbolSize=6,
            symbolBrush=VARIANCE_COLOUR,
            name="variance",
        )
        self.noise_curve = self.error_plot.plot(
            pen=pg.mkPen(NOISE_COLOUR, width=2, style=Qt.PenStyle.DashLine), name="noise σ²"
        )
        self.expected_curve = self.error_plot.plot(
            pen=pg.mkPen(ERROR_COLOUR, width=3),
            symbol="t",
            symbolSize=8,
            symbolBrush=ERROR_COLOUR,
            name="expected",
        )
        self.measured = self.error_plot.plot(
            pen=None,
            symbol="x",
            symbolSize=10,
            symbolPen=pg.mkPen(fg, width=2),
            name="measured",
        )
        err_legend.setZValue(20)
        err_legend.setCacheMode(STATIC_CACHE)
        self.complexity_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(fg, width=1))
        self.error_plot.addItem(self.complexity_line)

        self.split_plot = themed_plot(box, "", "expected error now", "")
        self.split_plot.getPlotItem().getViewBox().setMouseEnabled(x=False, y=False)
        self.split_bars = [  # one horizontal bar in three segments: bias², variance, σ²
            pg.BarGraphItem(x0=[0], width=[0], y=[0], height=0.7, brush=colour, pen=pg.mkPen(fg))
            for colour in (BIAS_COLOUR, VARIANCE_COLOUR, NOISE_COLOUR)
        ]
        for bar in self.split_bars:
            self.split_plot.addItem(bar)
        self.split_text = pg.TextItem("", color=fg, anchor=(0, 0))
        self.split_plot.addItem(self.split_text)
        self.split_plot.getPlotItem().getAxis("left").setTicks([[]])
        self.split_plot.getPlotItem().getAxis("bottom").enableAutoSIPrefix(False)
        self.split_plot.setYRange(-0.5, 2.3, padding=0)

        cache_static(
            (self.fan_plot, self.error_plot, self.split_plot),
            (self.truth.curve, self.points.scatter, self.noise_curve.curve),
        )

        self.fan_plot.setAccessibleName("Fits to every training set, their mean and the true curve")
        self.error_plot.setAccessibleName(
            "Bias squared, variance, noise and expected error against complexity"
        )
        self.split_plot.setAccessibleName(
            "The current expected error split into bias squared, variance and noise"
        )

        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        # Two columns: inside the app, beside the question list, a plot gets ~300 px.
        grid.addWidget(self.fan_plot, 0, 0, 2, 1)
        grid.addWidget(self.error_plot, 0, 1)
        grid.addWidget(self.split_plot, 1, 1)
        grid.setRowStretch(0, 4)
        grid.setRowStretch(1, 1)
        return box

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        return self.state.stepper(params, seed)

    def run_started(self, stepper: Any, first: Any) -> None:
        assert isinstance(stepper, BiasVarianceStepper)
        self._stepper = stepper
        s = stepper.simulation
        self.truth.setData(s.x_eval, s.truth)
        self.points.setData(s.x, np.clip(s.Y[:, 0], -Y_LIMIT, Y_LIMIT))
        sets = min(s.Y.shape[1], FAN_LIMIT)
        # All fits in one item: NaN-free, 'connect' breaks the line between fits.
        self._fan_x = np.tile(s.x_eval, sets)
        connect = np.ones(sets * len(s.x_eval), dtype=bool)
        connect[len(s.x_eval) - 1 :: len(s.x_eval)] = False
        self._fan_connect = connect
        label = "degree" if s.family == FAMILIES[0] else "complexity n / k"
        self.error_plot.getPlotItem().setLabel("bottom", label)
        c = s.complexity
        self.error_plot.setXRange(float(c.min()), float(c.max()), padding=0.04)
        top = max(float(np.max(s.expected)), 1.0)
        low = max(min(float(np.min(s.bias2)), float(np.min(s.variance)), s.noise_var), FLOOR)
        # Headroom above the curves for the legend.
        self.error_plot.setYRange(np.log10(low) - 0.2, min(np.log10(top), 5.0) + 1.6, padding=0)
        self.noise_curve.setData([c.min(), c.max()], [s.noise_var, s.noise_var])
        total = float(np.max(np.minimum(s.expected, 3 * s.expected[s.best] + 1.0)))
        self.split_plot.setXRange(0, total * 1.02, padding=0)

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, BiasVarianceFrame)
        s = self._stepper.simulation
        i = frame.index
        fits = np.clip(s.predictions[i, :FAN_LIMIT], -10 * Y_LIMIT, 10 * Y_LIMIT)
        self.fan.setData(self._fan_x, fits.ravel(), connect=self._fan_connect, skipFiniteCheck=True)
        self.mean_fit.setData(
            s.x_eval, np.clip(s.predictions[i].mean(axis=0), -10 * Y_LIMIT, 10 * Y_LIMIT)
        )
        c = s.complexity[: i + 1]
        self.bias_curve.setData(c, np.maximum(s.bias2[: i + 1], FLOOR))
        self.variance_curve.setData(c, np.maximum(s.variance[: i + 1], FLOOR))
        self.expected_curve.setData(c, s.expected[: i + 1])
        self.measured.setData(c, s.measured[: i + 1])
        self.complexity_line.setPos(float(s.complexity[i]))
        left = 0.0
        values = (s.bias2[i], s.variance[i], s.noise_var)
        for bar, value in zip(self.split_bars, values, strict=True):
            bar.setOpts(x0=[left], width=[value], y=[0], height=0.7)
            left += value
        self.split_text.setText(
            f"bias² {values[0]:.2g} + var {values[1]:.2g} + σ² {values[2]:.2g}"
            f" = {s.expected[i]:.3g}"
        )
        self.split_text.setPos(0.0, 2.2)
