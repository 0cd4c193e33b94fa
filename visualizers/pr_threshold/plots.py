"""The precision/recall view's plots (Qt): histograms, metric and cost curves, PR and ROC.

Draws what `state.py` computed: `show_analysis` once per run (curves, fills, optima), then
`show_frame` per step or drag (lines, dots, the confusion panel). During a drag only the
lines and dots move; curves, fills and axes are cached pixmaps until their data changes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visualizers.core import palette
from visualizers.core.plotting import cache_static, palette_colors, themed_plot, title_size
from visualizers.core.reflow_grid import ReflowGrid
from visualizers.pr_threshold.panels import ConfusionPanel
from visualizers.pr_threshold.state import (
    ScoreAnalysis,
    Series,
    ThresholdFrame,
    histogram_heights,
    pr_point,
    roc_point,
    summary,
)

# Okabe–Ito colours (visualizers.core.palette): legible on light and dark, colour-blind safe.
NEGATIVE_COLOR = palette.SKY_BLUE
POSITIVE_COLOR = palette.ORANGE
PRECISION_COLOR = palette.BLUE
RECALL_COLOR = palette.VERMILLION
F1_COLOR = palette.GREEN  # the F1-optimal marker uses it too
COST_COLOR = palette.PURPLE  # the cost-optimal marker uses it too
BASELINE_COLOR = palette.GREY
SERIES_COLORS: dict[Series, str] = {
    "precision": PRECISION_COLOR,
    "recall": RECALL_COLOR,
    "f1": F1_COLOR,
    "cost": COST_COLOR,
    "": "",
}
MAX_DRAWN_POINTS = 2000  # curves are thinned for drawing only; areas use every point
CELL_WIDTH, CELL_HEIGHT = 244, 220  # a plot never shrinks below 240 × 160 inside its cell


def _thin(count: int, limit: int = MAX_DRAWN_POINTS) -> NDArray[np.intp]:
    """At most `limit` evenly spread indices into `count` points, both ends included."""
    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).astype(np.intp))


def _pen(color: str, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> Any:
    return pg.mkPen(color, width=width, style=style)


def _brush(color: str, alpha: int) -> Any:
    qcolor = QColor(color)
    qcolor.setAlpha(alpha)
    return pg.mkBrush(qcolor)


class ThresholdPlots(QWidget):
    """Five plots and the confusion panel in a grid that reflows instead of clipping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _, foreground = palette_colors(self)
        fg = foreground.name()
        self.histogram_plot = themed_plot(self, "Scores by true class", "score", "items")
        self.metrics_plot = themed_plot(self, "Precision, recall, F1", "threshold", "")
        self.cost_plot = themed_plot(self, "Expected cost per item", "threshold", "cost")
        self.pr_plot = themed_plot(self, "Precision–recall curve", "recall", "precision")
        self.roc_plot = themed_plot(self, "ROC curve", "false positive rate", "true positive rate")
        self.metrics_plot.setYRange(0.0, 1.02, padding=0)
        for plot in (self.pr_plot, self.roc_plot):
            plot.setXRange(0.0, 1.0, padding=0.02)
            plot.setYRange(0.0, 1.0, padding=0.02)
            plot.setMouseEnabled(x=False, y=False)
        for plot in (self.histogram_plot, self.metrics_plot, self.cost_plot):
            plot.setMouseEnabled(x=False, y=False)  # a drag should move the threshold, not pan

        # Legends would sit on the data in plots this small: colour the titles instead.
        self.histogram_plot.setTitle(
            f"Scores: <span style='color:{NEGATIVE_COLOR}'>■ negative</span> "
            f"<span style='color:{POSITIVE_COLOR}'>▲ positive</span>",
            color=fg,
            size=title_size(),
        )
        self.metrics_plot.setTitle(
            f"<span style='color:{PRECISION_COLOR}'>precision</span>, "
            f"<span style='color:{RECALL_COLOR}'>recall</span>, "
            f"<span style='color:{F1_COLOR}'>F1</span>",
            color=fg,
            size=title_size(),
        )
        for plot in (self.histogram_plot, self.metrics_plot, self.cost_plot):
            # Scores are probabilities more often than not: "0.4", never "400 (x0.001)".
            plot.getPlotItem().getAxis("bottom").enableAutoSIPrefix(False)

        # Histograms: step outlines filled down to zero.
        self.negative_hist = pg.PlotDataItem(
            stepMode="center",
            fillLevel=0,
            pen=_pen(NEGATIVE_COLOR),
            brush=_brush(NEGATIVE_COLOR, 90),
            name="negative (0)",
        )
        self.positive_hist = pg.PlotDataItem(
            stepMode="center",
            fillLevel=0,
            pen=_pen(POSITIVE_COLOR),
            brush=_brush(POSITIVE_COLOR, 110),
            name="positive (1)",
        )
        self.histogram_plot.addItem(self.negative_hist)
        self.histogram_plot.addItem(self.positive_hist)

        # P/R/F1 curves and the cost curve.
        self.precision_curve = self.metrics_plot.plot(pen=_pen(PRECISION_COLOR), name="precision")
        self.recall_curve = self.metrics_plot.plot(pen=_pen(RECALL_COLOR), name="recall")
        self.f1_curve = self.metrics_plot.plot(pen=_pen(F1_COLOR), name="F1")
        self.cost_curve = self.cost_plot.plot(pen=_pen(COST_COLOR))
        self.cost_point = pg.ScatterPlotItem(
            size=11, pen=pg.mkPen(fg, width=1.5), brush=pg.mkBrush(fg)
        )
        self.cost_plot.addItem(self.cost_point)

        # The threshold: one movable line per threshold-axis plot, kept in sync.
        self.threshold_lines: list[Any] = []
        self.cost_markers: list[Any] = []
        self.f1_markers: list[Any] = []
        for plot in (self.histogram_plot, self.metrics_plot, self.cost_plot):
            cost_marker = pg.InfiniteLine(angle=90, pen=_pen(COST_COLOR, 2, Qt.PenStyle.DashLine))
            f1_marker = pg.InfiniteLine(angle=90, pen=_pen(F1_COLOR, 2, Qt.PenStyle.DotLine))
            line = pg.InfiniteLine(
                angle=90,
                movable=True,
                pen=_pen(fg, 2.5),
                hoverPen=_pen(fg, 4),
            )
            line.setCursor(Qt.CursorShape.SizeHorCursor)
            line.setToolTip("Drag the threshold, or focus the plot and press ←/→")
            line.setZValue(10)
            for item in (cost_marker, f1_marker, line):
                plot.addItem(item, ignoreBounds=True)
            self.cost_markers.append(cost_marker)
            self.f1_markers.append(f1_marker)
            self.threshold_lines.append(line)
        self.threshold_label = pg.InfLineLabel(
            self.threshold_lines[0], text="", position=0.93, anchors=[(0, 0), (0, 0)], color=fg
        )

        # PR and ROC: curve, no-skill baseline, the moving operating point, the optima.
        self.pr_baseline = pg.InfiniteLine(
            angle=0, pen=_pen(BASELINE_COLOR, 1.5, Qt.PenStyle.DashLine)
        )
        self.pr_plot.addItem(self.pr_baseline, ignoreBounds=True)
        self.pr_curve = self.pr_plot.plot(pen=_pen(PRECISION_COLOR))
        self.roc_baseline = self.roc_plot.plot(
            [0, 1], [0, 1], pen=_pen(BASELINE_COLOR, 1.5, Qt.PenStyle.DashLine)
        )
        self.roc_curve = self.roc_plot.plot(pen=_pen(RECALL_COLOR))
        self.curve_optima: list[tuple[Any, Any]] = []
        self.operating_points: list[Any] = []
        for plot in (self.pr_plot, self.roc_plot):
            cost_dot = pg.ScatterPlotItem(
                size=12, symbol="d", pen=pg.mkPen(fg), brush=pg.mkBrush(COST_COLOR)
            )
            f1_dot = pg.ScatterPlotItem(
                size=11, symbol="s", pen=pg.mkPen(fg), brush=pg.mkBrush(F1_COLOR)
            )
            point = pg.ScatterPlotItem(size=13, pen=pg.mkPen(fg, width=2), brush=pg.mkBrush(fg))
            point.setZValue(10)
            for item in (cost_dot, f1_dot, point):
                plot.addItem(item)
            self.curve_optima.append((cost_dot, f1_dot))
            self.operating_points.append(point)
        self.pr_baseline_label = pg.TextItem(color=BASELINE_COLOR, anchor=(1, 1))
        self.pr_plot.addItem(self.pr_baseline_label, ignoreBounds=True)
        roc_label = pg.TextItem("no skill", color=BASELINE_COLOR, anchor=(1, 0), angle=0)
        roc_label.setPos(0.98, 0.9)
        self.roc_plot.addItem(roc_label, ignoreBounds=True)

        # During a drag only the lines and dots move; the curves, fills and axes/grids (the
        # expensive part of a paint) are kept as cached pixmaps until their data or range
        # changes. This takes a full repaint of the five plots from ~60 ms to a few ms.
        plots = (
            self.histogram_plot,
            self.metrics_plot,
            self.cost_plot,
            self.pr_plot,
            self.roc_plot,
        )
        data_items = (
            self.negative_hist,
            self.positive_hist,
            self.precision_curve,
            self.recall_curve,
            self.f1_curve,
            self.cost_curve,
            self.pr_curve,
            self.roc_curve,
            self.roc_baseline,
        )
        cache_static(plots, (item.curve for item in data_items))

        self.confusion = ConfusionPanel(SERIES_COLORS, self)
        for plot, name in (
            (self.histogram_plot, "Score histogram with the threshold"),
            (self.metrics_plot, "Precision, recall and F1 versus threshold"),
            (self.cost_plot, "Expected cost versus threshold"),
        ):
            plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            plot.setAccessibleName(name)
            plot.setAccessibleDescription(
                "Left and Right arrows move the threshold (Shift: faster)"
            )
        self.pr_plot.setAccessibleName("Precision-recall curve")
        self.roc_plot.setAccessibleName("ROC curve")
        # Two columns pair histogram | matrix, the two threshold curves, PR | ROC.
        cells = [
            self.histogram_plot,
            self.confusion,
            self.metrics_plot,
            self.cost_plot,
            self.pr_plot,
            self.roc_plot,
        ]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = ReflowGrid(cells, CELL_WIDTH, CELL_HEIGHT, parent=self)
        layout.addWidget(self.grid)

    def show_analysis(self, analysis: ScoreAnalysis, source_html: str, density: bool) -> None:
        """Draw what is constant for a run: curves, histograms, optima, the source."""
        low, high = analysis.score_range
        pad = max(1e-9, 0.02 * (high - low)) if high > low else 0.5
        for line in self.threshold_lines:
            line.setBounds((low - pad, float(analysis.sweep.thresholds[0]) + pad))
        # The three threshold-axis plots share one x range. Not via setXLink: pyqtgraph aligns
        # linked views by pixel position, which skews plots placed side by side.
        for plot in (self.histogram_plot, self.metrics_plot, self.cost_plot):
            plot.setXRange(low - pad, high + pad, padding=0)
        self.draw_histograms(analysis, density)

        shown = _thin(analysis.curve_thresholds.size)
        x = analysis.curve_thresholds[shown]
        self.precision_curve.setData(x, analysis.curve_precision[shown])
        self.recall_curve.setData(x, analysis.curve_recall[shown])
        self.f1_curve.setData(x, analysis.curve_f1[shown])
        # Cost is constant between scores: draw it as steps over the sweep's thresholds.
        cost_x = analysis.sweep.thresholds
        cost_shown = _thin(cost_x.size)
        self.cost_curve.setData(cost_x[cost_shown], analysis.expected_cost[cost_shown])
        cost_max = float(analysis.expected_cost.max())
        self.cost_plot.setYRange(0.0, cost_max * 1.05 if cost_max > 0 else 1.0, padding=0)

        pr_shown = _thin(analysis.pr_step_recall.size)
        self.pr_curve.setData(
            analysis.pr_step_recall[pr_shown], analysis.pr_step_precision[pr_shown]
        )
        roc_shown = _thin(analysis.roc_fpr.size)
        self.roc_curve.setData(analysis.roc_fpr[roc_shown], analysis.roc_tpr[roc_shown])
        self.pr_baseline.setValue(analysis.prevalence)
        self.pr_baseline_label.setText(f"no skill = {analysis.prevalence:.2f}")
        self.pr_baseline_label.setPos(0.98, analysis.prevalence)
        fg = palette_colors(self)[1].name()
        self.pr_plot.setTitle(
            f"Precision–recall · AP {analysis.average_precision:.3f}", color=fg, size=title_size()
        )
        self.roc_plot.setTitle(f"ROC · AUC {analysis.roc_auc:.3f}", color=fg, size=title_size())

        for marker in self.cost_markers:
            marker.setValue(analysis.cost_optimal_threshold)
        for marker in self.f1_markers:
            marker.setValue(analysis.f1_optimal_threshold)
        cost_counts = analysis.sweep.counts_at(analysis.cost_optimal_threshold)
        f1_counts = analysis.sweep.counts_at(analysis.f1_optimal_threshold)
        (pr_cost, pr_f1), (roc_cost, roc_f1) = self.curve_optima
        for item, (x0, y0) in (
            (pr_cost, pr_point(cost_counts)),
            (pr_f1, pr_point(f1_counts)),
            (roc_cost, roc_point(cost_counts)),
            (roc_f1, roc_point(f1_counts)),
        ):
            item.setData([x0], [y0])
        self.cost_markers[0].setToolTip(f"cheapest threshold {analysis.cost_optimal_threshold:.4g}")
        self.f1_markers[0].setToolTip(f"best-F1 threshold {analysis.f1_optimal_threshold:.4g}")
        self.confusion.source_label.setText(source_html)

    def draw_histograms(self, analysis: ScoreAnalysis, density: bool) -> None:
        negatives, positives = histogram_heights(analysis, density)
        self.histogram_plot.setLabel("left", "density" if density else "items")
        self.negative_hist.setData(analysis.bin_edges, negatives)
        self.positive_hist.setData(analysis.bin_edges, positives)
        top = float(max(negatives.max(), positives.max()))
        self.histogram_plot.setYRange(0.0, top * 1.12 if top > 0 else 1.0, padding=0)

    def show_frame(self, frame: ThresholdFrame) -> None:
        """Move the lines, dots and numbers to this operating point."""
        for line in self.threshold_lines:
            if line.value() != frame.threshold:
                line.setValue(frame.threshold)
        self.threshold_label.setFormat(f"t = {frame.threshold:.3g}")
        # The label sits on the side of the line with more room, so it is never cut off.
        low, high = frame.analysis.score_range
        anchors = [(1, 0), (1, 0)] if frame.threshold > (low + high) / 2 else [(0, 0), (0, 0)]
        if self.threshold_label.anchors != anchors:
            self.threshold_label.anchors = anchors
            self.threshold_label.updatePosition()
        pr_dot, roc_dot = self.operating_points
        for dot, (x, y) in ((pr_dot, pr_point(frame.counts)), (roc_dot, roc_point(frame.counts))):
            dot.setData([x], [y])
        self.cost_point.setData([frame.threshold], [frame.cost])
        self.confusion.show_frame(frame)
        self.histogram_plot.setAccessibleDescription(summary(frame))
