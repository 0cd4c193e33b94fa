"""The missing-data view: the holes and what fills them, the distribution, slope bias and error.

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
from visualizers.missing_data.state import (
    METHODS,
    SHORT_NAMES,
    USER_CSV,
    MissingDataFrame,
    MissingDataState,
    MissingDataStepper,
    read_named_csv,
)

OBSERVED = (150, 150, 150, 160)
TRUTH_COLOUR, FILLED_COLOUR, BAR_COLOUR, RMSE_COLOUR = (
    SERIES_COLORS[5],
    SERIES_COLORS[4],
    SERIES_COLORS[0],
    SERIES_COLORS[3],
)


class MissingDataView(VisualizerView):
    def build_plots(self) -> QWidget:
        self.state = MissingDataState()
        box = QWidget(self)
        _, fg = palette_colors(box)
        self.scatter_plot = themed_plot(box, "Hidden values and fills")
        legend = self.scatter_plot.addLegend(offset=(5, 5), labelTextColor=fg.name(), colCount=3)
        self.observed = self.scatter_plot.plot(
            pen=None,
            symbol="o",
            symbolSize=5,
            symbolBrush=OBSERVED,
            symbolPen=None,
            name="observed",
        )
        self.errors = self.scatter_plot.plot(connect="pairs", pen=pg.mkPen(FILLED_COLOUR, width=1))
        self.hidden = self.scatter_plot.plot(
            pen=None,
            symbol="o",
            symbolSize=8,
            symbolBrush=None,
            symbolPen=pg.mkPen(TRUTH_COLOUR, width=1.5),
            name="truth",
        )
        self.filled = self.scatter_plot.plot(
            pen=None,
            symbol="x",
            symbolSize=9,
            symbolPen=pg.mkPen(FILLED_COLOUR, width=2),
            name="filled",
        )
        legend.setZValue(20)
        legend.setCacheMode(STATIC_CACHE)

        self.hist_plot = themed_plot(box, "Distribution: true vs after", "", "rows")
        self.hist_bars = pg.BarGraphItem(x=[], height=[], width=1.0, brush=BAR_COLOUR)
        self.hist_plot.addItem(self.hist_bars)
        self.true_hist = self.hist_plot.plot(
            pen=pg.mkPen(TRUTH_COLOUR, width=2.5), stepMode="center"
        )

        self.slope_plot = themed_plot(box, "Regression slope per method", "", "slope")
        self.slope_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=BAR_COLOUR)
        self.slope_plot.addItem(self.slope_bars)
        self.true_slope = pg.InfiniteLine(
            angle=0, pen=pg.mkPen(TRUTH_COLOUR, width=2, style=Qt.PenStyle.DashLine)
        )
        self.slope_plot.addItem(self.true_slope)
        self.rmse_plot = themed_plot(box, "Error vs hidden truth", "", "RMSE")
        self.rmse_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=RMSE_COLOUR)
        self.rmse_plot.addItem(self.rmse_bars)
        self.no_rmse = pg.TextItem("", color=fg, anchor=(0.5, 1.0))
        self.rmse_plot.addItem(self.no_rmse)
        ticks = [[(i, name) for i, name in enumerate(SHORT_NAMES)]]
        for plot in (self.slope_plot, self.rmse_plot):
            plot.getPlotItem().getAxis("bottom").setTicks(ticks)
            plot.setXRange(-0.6, len(METHODS) - 0.4, padding=0)
            plot.getPlotItem().getViewBox().setMouseEnabled(x=False, y=False)

        cache_static(
            (self.scatter_plot, self.hist_plot, self.slope_plot, self.rmse_plot),
            (self.observed.scatter, self.hidden.scatter, self.true_hist.curve),
        )

        self.scatter_plot.setAccessibleName(
            "Observed values, hidden true values and the values filled in"
        )
        self.hist_plot.setAccessibleName(
            "Distribution of the damaged column: true vs after handling"
        )
        self.slope_plot.setAccessibleName(
            "Regression slope of the damaged column per method, true slope as a line"
        )
        self.rmse_plot.setAccessibleName(
            "Error of the filled values against the hidden truth per method"
        )

        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.scatter_plot, 0, 0)
        grid.addWidget(self.hist_plot, 0, 1)
        grid.addWidget(self.slope_plot, 1, 0)
        grid.addWidget(self.rmse_plot, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        return box

    def build_extra_controls(self) -> QWidget | None:
        return self.build_file_loader(
            "Numeric columns, no gaps: the first loses values, the second drives MAR, the last "
            "is the regression target",
            "Load a CSV to damage and impute",
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
        assert isinstance(stepper, MissingDataStepper)
        self._stepper = stepper
        exp = stepper.experiment
        names = exp.table.names
        item = self.scatter_plot.getPlotItem()
        item.setLabel("bottom", f"{names[1]} (drives MAR)")
        item.setLabel("left", f"{names[0]} (loses values)")
        self.hist_plot.getPlotItem().setLabel("bottom", names[0])
        # Headroom above the points for the legend.
        low, high = float(exp.truth.min()), float(exp.truth.max())
        self.scatter_plot.setYRange(low, high + 0.22 * (high - low), padding=0.03)
        driver = exp.table.X[:, 1]
        self.scatter_plot.setXRange(float(driver.min()), float(driver.max()), padding=0.03)
        edges = exp.edges
        self.true_hist.setData(edges, exp.histogram(exp.truth))
        top = max(exp.histogram(r.column).max() for r in exp.results)
        self.hist_plot.setYRange(0, top * 1.08, padding=0)
        self.hist_plot.setXRange(float(edges[0]), float(edges[-1]), padding=0.02)
        slopes = [r.slope for r in exp.results] + [exp.true_slope, 0.0]
        self.slope_plot.setYRange(min(slopes) * 1.1, max(slopes) * 1.1, padding=0.05)
        self.true_slope.setPos(exp.true_slope)
        rmse = [r.rmse for r in exp.results if np.isfinite(r.rmse)]
        self.rmse_plot.setYRange(0, max(rmse) * 1.1, padding=0)
        self.no_rmse.setPos(0.0, max(rmse) * 0.3)
        self.slope_plot.getPlotItem().setLabel("left", f"slope of {names[0]}")

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, MissingDataFrame)
        exp = self._stepper.experiment
        X, mask = exp.table.X, exp.mask
        self.observed.setData(X[~mask, 1], X[~mask, 0])
        self.hidden.setData(X[mask, 1], X[mask, 0])
        done = frame.method + 1
        if frame.method < 0:
            self.filled.setData([], [])
            self.errors.setData([], [])
            self.hist_bars.setOpts(x=[], height=[])
        else:
            result = exp.results[frame.method]
            rows = result.rows
            holes = mask[rows]
            x = X[rows, 1][holes]
            truth, guess = X[rows, 0][holes], result.column[holes]
            self.filled.setData(x, guess)
            self.errors.setData(np.repeat(x, 2), np.column_stack([truth, guess]).ravel())
            edges = exp.edges
            self.hist_bars.setOpts(
                x=(edges[:-1] + edges[1:]) / 2,
                height=exp.histogram(result.column),
                width=float(edges[1] - edges[0]) * 0.9,
            )
        index = np.arange(done)
        self.slope_bars.setOpts(x=index, height=[r.slope for r in exp.results[:done]])
        text = "n/a" if done > 0 else ""  # emptied, not hidden (a hidden one goes stale)
        if self.no_rmse.toPlainText() != text:
            self.no_rmse.setText(text)
        rmse = np.array([r.rmse for r in exp.results[:done]])
        shown = np.isfinite(rmse)
        self.rmse_bars.setOpts(x=index[shown], height=rmse[shown])
