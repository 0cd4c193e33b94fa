"""The precision/recall threshold view: drag a threshold, watch every metric and curve move.

Tab "Threshold": the two classes' score histograms with a draggable threshold line (also
draggable on the metric and cost plots, which share its x axis), the confusion matrix and
the headline numbers, precision/recall/F1 and expected cost versus threshold, and the PR
and ROC curves with the operating point moving along them. The cost-optimal and F1-optimal
thresholds are marked on every plot. The player animates the threshold from high to low.

Tab "Ranking (Q14)": one user's ranked recommendations with k as a slider, and precision@k,
recall@k, AP@k, NDCG@k (plus MAP and mean NDCG over users) versus k.

Everything that depends only on the data is drawn once per run (`run_started`); a drag or a
frame only moves lines and dots and rewrites a few labels, after one binary search.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGraphicsItem,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.frames import Frame
from visualizers.core.plotting import palette_colors, themed_plot
from visualizers.core.text import escape
from visualizers.pr_threshold.algorithm import (
    ScoreAnalysis,
    ThresholdFrame,
    ThresholdSweepStepper,
    analyze_scores,
    operating_point,
)
from visualizers.pr_threshold.data import (
    CsvError,
    LabelledScores,
    breast_cancer_scores,
    load_label_score_csv,
    resample_to_rate,
    synthetic_scores,
)
from visualizers.pr_threshold.ranking import (
    RecommendationLists,
    ranking_metrics,
    synthetic_recommendations,
)
from visualizers.pr_threshold.spec import DATASET_BREAST_CANCER, DATASET_CSV, DATASET_SYNTHETIC

Value = int | float | str | bool

# Okabe–Ito colours: legible on light and dark backgrounds and for colour-blind readers.
NEGATIVE_COLOR = "#56b4e9"  # sky blue
POSITIVE_COLOR = "#e69f00"  # orange
PRECISION_COLOR = "#0072b2"  # blue
RECALL_COLOR = "#d55e00"  # vermillion
F1_COLOR = "#009e73"  # green; the F1-optimal marker uses it too
COST_COLOR = "#cc79a7"  # purple; the cost-optimal marker uses it too
BASELINE_COLOR = "#888888"
RELEVANCE_COLORS = ("#9e9e9e", "#56b4e9", "#0072b2", "#e69f00")  # skipped, watched, liked, shared

# Confusion-matrix cells: light tints with dark text, readable in either palette.
CELL_STYLES = {
    "tp": ("#bfe8d6", "True positive", "a harmful video removed"),
    "fn": ("#f7d9a0", "False negative", "a harmful video missed"),
    "fp": ("#f7c2b0", "False positive", "a harmless video removed"),
    "tn": ("#c9def0", "True negative", "a harmless video left up"),
}
MAX_DRAWN_POINTS = 2000  # curves are thinned for drawing only; areas use every point


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


class PrThresholdView(VisualizerView):
    """Threshold explorer (questions 24, 18, 19) plus the ranking view (question 14)."""

    threshold_moved = Signal(float)  # the user (or `set_threshold`) moved the threshold

    # -- plots -------------------------------------------------------------------------------
    def build_plots(self) -> QWidget:
        # The base calls this from its __init__, first among the hooks: set up state here.
        self._csv_data: LabelledScores | None = None
        self._analysis: ScoreAnalysis | None = None
        self._syncing = False  # True while code (not the user) moves the threshold lines
        self._source = ""
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_threshold_tab(), "Threshold (Q24, Q18)")
        self.tabs.addTab(self._build_ranking_tab(), "Ranking (Q14)")
        return self.tabs

    def _build_threshold_tab(self) -> QWidget:
        tab = QWidget()
        _, foreground = palette_colors(tab)
        fg = foreground.name()
        grid = QGridLayout(tab)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setSpacing(4)

        self.histogram_plot = themed_plot(tab, "Scores by true class", "score", "items")
        self.metrics_plot = themed_plot(tab, "Precision, recall, F1 vs threshold", "threshold", "")
        self.cost_plot = themed_plot(tab, "Expected cost per item", "threshold", "cost")
        self.pr_plot = themed_plot(tab, "Precision–recall curve", "recall", "precision")
        self.roc_plot = themed_plot(tab, "ROC curve", "false positive rate", "true positive rate")
        self.metrics_plot.setYRange(0.0, 1.02, padding=0)
        for plot in (self.pr_plot, self.roc_plot):
            plot.setXRange(0.0, 1.0, padding=0.02)
            plot.setYRange(0.0, 1.0, padding=0.02)
            plot.setMouseEnabled(x=False, y=False)
        for plot in (self.histogram_plot, self.metrics_plot, self.cost_plot):
            plot.setMouseEnabled(x=False, y=False)  # a drag should move the threshold, not pan

        # Legends would sit on the data in plots this small: colour the titles instead.
        self.histogram_plot.setTitle(
            f"Scores of <span style='color:{NEGATIVE_COLOR}'>■ negatives</span> and "
            f"<span style='color:{POSITIVE_COLOR}'>■ positives</span>",
            color=fg,
            size="10pt",
        )
        self.metrics_plot.setTitle(
            f"<span style='color:{PRECISION_COLOR}'>precision</span>, "
            f"<span style='color:{RECALL_COLOR}'>recall</span>, "
            f"<span style='color:{F1_COLOR}'>F1</span> vs threshold",
            color=fg,
            size="10pt",
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
            line.setToolTip("Drag the threshold")
            line.setZValue(10)
            line.sigPositionChanged.connect(self._on_line_dragged)
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
        for data_item in (
            self.negative_hist,
            self.positive_hist,
            self.precision_curve,
            self.recall_curve,
            self.f1_curve,
            self.cost_curve,
            self.pr_curve,
            self.roc_curve,
            self.roc_baseline,
        ):
            data_item.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        for plot in (
            self.histogram_plot,
            self.metrics_plot,
            self.cost_plot,
            self.pr_plot,
            self.roc_plot,
        ):
            for side in ("left", "bottom"):
                axis = plot.getPlotItem().getAxis(side)
                axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        grid.addWidget(self.histogram_plot, 0, 0)
        grid.addWidget(self.metrics_plot, 0, 1)
        grid.addWidget(self._build_confusion_panel(tab), 0, 2)
        grid.addWidget(self.cost_plot, 1, 0)
        grid.addWidget(self.pr_plot, 1, 1)
        grid.addWidget(self.roc_plot, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        return tab

    def _build_confusion_panel(self, parent: QWidget) -> QWidget:
        panel = QFrame(parent)
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        title = QLabel("<b>Confusion matrix at the threshold</b>", panel)
        layout.addWidget(title)
        matrix = QGridLayout()
        matrix.setSpacing(3)
        matrix.addWidget(QLabel("", panel), 0, 0)
        for column, text in ((1, "predicted +"), (2, "predicted −")):
            header = QLabel(text, panel)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            matrix.addWidget(header, 0, column)
        for row, text in ((1, "actual +"), (2, "actual −")):
            matrix.addWidget(QLabel(text, panel), row, 0)
        self.cells: dict[str, QLabel] = {}
        metrics = QFontMetrics(panel.font())
        big = QFont(panel.font())
        big.setPointSizeF(13.0)
        big.setBold(True)
        big_metrics = QFontMetrics(big)
        cell_size = QSize(
            max(big_metrics.horizontalAdvance("200,000"), metrics.horizontalAdvance("TP · 100.0%"))
            + 16,
            big_metrics.lineSpacing() + metrics.lineSpacing() + 12,
        )
        for key, (row, column) in {"tp": (1, 1), "fn": (1, 2), "fp": (2, 1), "tn": (2, 2)}.items():
            color, name, example = CELL_STYLES[key]
            cell = QLabel(panel)
            cell.setObjectName(f"cell_{key}")
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.setStyleSheet(
                f"QLabel {{ background: {color}; color: #1a1a1a; border-radius: 4px;"
                " padding: 3px; }"
            )
            cell.setToolTip(f"{name}: {example}")
            # Fixed sizes, so new text never asks the window for a relayout: a relayout on
            # every drag event re-measures all rich text in the window (~5 ms per label).
            cell.setFixedSize(cell_size)
            matrix.addWidget(cell, row, column)
            self.cells[key] = cell
        layout.addLayout(matrix)
        self.numbers_label = QLabel(panel)
        self.numbers_label.setObjectName("numbers")
        self.numbers_label.setTextFormat(Qt.TextFormat.RichText)
        self.numbers_label.setFixedSize(
            metrics.horizontalAdvance("■ cost / item   0.000 · 0.000") + 40,
            10 * metrics.lineSpacing() + 12,
        )
        layout.addWidget(self.numbers_label)
        layout.addStretch(1)
        self.source_label = QLabel(panel)
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("QLabel { color: palette(mid); font-size: 9pt; }")
        layout.addWidget(self.source_label)
        return panel

    def _build_ranking_tab(self) -> QWidget:
        tab = QWidget()
        _, foreground = palette_colors(tab)
        fg = foreground.name()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(2, 2, 2, 2)

        controls = QHBoxLayout()
        controls.addWidget(QLabel("k", tab))
        self.k_slider = QSlider(Qt.Orientation.Horizontal, tab)
        self.k_slider.setObjectName("ranking_k")
        self.k_slider.setRange(1, 30)
        self.k_slider.setValue(5)
        self.k_slider.setToolTip("How many top recommendations are shown to the user")
        controls.addWidget(self.k_slider, 3)
        self.k_value = QLabel("5", tab)
        self.k_value.setMinimumWidth(24)
        controls.addWidget(self.k_value)
        controls.addSpacing(12)
        controls.addWidget(QLabel("user", tab))
        self.user_spin = QSpinBox(tab)
        self.user_spin.setObjectName("ranking_user")
        self.user_spin.setRange(1, 8)
        controls.addWidget(self.user_spin)
        controls.addSpacing(12)
        controls.addWidget(QLabel("model quality", tab))
        self.quality_spin = QDoubleSpinBox(tab)
        self.quality_spin.setObjectName("ranking_quality")
        self.quality_spin.setRange(0.0, 3.0)
        self.quality_spin.setSingleStep(0.25)
        self.quality_spin.setValue(0.75)
        self.quality_spin.setToolTip("0 ranks at random; 3 is nearly perfect")
        controls.addWidget(self.quality_spin)
        layout.addLayout(controls)

        plots = QHBoxLayout()
        self.ranked_plot = themed_plot(
            tab, "Recommended list, best score first", "rank", "true relevance"
        )
        self.ranked_plot.setMouseEnabled(x=False, y=False)
        self.ranked_plot.setYRange(0, 3.3, padding=0)
        self.ranked_bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.ranked_plot.addItem(self.ranked_bars)
        self.k_line = pg.InfiniteLine(angle=90, pen=_pen(fg, 2, Qt.PenStyle.DashLine))
        self.ranked_plot.addItem(self.k_line, ignoreBounds=True)
        ranked_axis = self.ranked_plot.getPlotItem().getAxis("left")
        ranked_axis.setTicks([[(0, "skip"), (1, "watch"), (2, "like"), (3, "share")]])
        self.at_k_plot = themed_plot(tab, "Metrics at k", "k", "")
        self.at_k_plot.setMouseEnabled(x=False, y=False)
        self.at_k_plot.setYRange(0, 1.02, padding=0)
        self.at_k_plot.addLegend(offset=(-6, -6), labelTextColor=fg).setBrush(_brush("#808080", 40))
        self.at_k_curves = {
            "precision": self.at_k_plot.plot(pen=_pen(PRECISION_COLOR), name="precision@k"),
            "recall": self.at_k_plot.plot(pen=_pen(RECALL_COLOR), name="recall@k"),
            "ap": self.at_k_plot.plot(pen=_pen(COST_COLOR), name="AP@k"),
            "ndcg": self.at_k_plot.plot(pen=_pen(F1_COLOR), name="NDCG@k"),
            "map": self.at_k_plot.plot(
                pen=_pen(COST_COLOR, 1.5, Qt.PenStyle.DashLine), name="MAP@k (all users)"
            ),
            "mean_ndcg": self.at_k_plot.plot(
                pen=_pen(F1_COLOR, 1.5, Qt.PenStyle.DashLine), name="mean NDCG@k (all users)"
            ),
        }
        self.at_k_line = pg.InfiniteLine(angle=90, pen=_pen(fg, 2, Qt.PenStyle.DashLine))
        self.at_k_plot.addItem(self.at_k_line, ignoreBounds=True)
        plots.addWidget(self.ranked_plot, 1)
        plots.addWidget(self.at_k_plot, 1)
        layout.addLayout(plots, 1)
        self.ranking_label = QLabel(tab)
        self.ranking_label.setObjectName("ranking_numbers")
        self.ranking_label.setTextFormat(Qt.TextFormat.RichText)
        self.ranking_label.setWordWrap(True)
        layout.addWidget(self.ranking_label)

        self.k_slider.valueChanged.connect(self._show_ranking_k)
        self.user_spin.valueChanged.connect(self._recompute_ranking)
        self.quality_spin.valueChanged.connect(self._rebuild_recommendations)
        self._rebuild_recommendations()
        return tab

    def build_extra_controls(self) -> QWidget | None:
        box = QGroupBox("Your own scores")
        layout = QVBoxLayout(box)
        self.load_button = QPushButton("Load label,score CSV…", box)
        self.load_button.setObjectName("load_csv")
        self.load_button.setToolTip(
            "One row per item: the true label (0 or 1), then the model's score"
        )
        self.load_button.clicked.connect(self._choose_csv)
        layout.addWidget(self.load_button)
        self.csv_label = QLabel("No CSV loaded.", box)
        self.csv_label.setWordWrap(True)
        layout.addWidget(self.csv_label)
        self.density_check = QCheckBox("Histograms as densities (each class sums to 1)", box)
        self.density_check.setObjectName("density")
        self.density_check.setToolTip(
            "With rare positives, counts hide their distribution; densities show its shape"
        )
        self.density_check.toggled.connect(lambda _checked: self._draw_histograms())
        layout.addWidget(self.density_check)
        return box

    # -- runs ------------------------------------------------------------------------------
    def create_stepper(self, params: dict[str, Value], seed: int) -> ThresholdSweepStepper:
        data = self._labelled_scores(params, seed)
        analysis = analyze_scores(
            data.labels,
            data.scores,
            cost_fp=float(params["cost_fp"]),
            cost_fn=float(params["cost_fn"]),
            beta=float(params["beta"]),
        )
        self._source = data.source
        return ThresholdSweepStepper(analysis, steps=int(params["steps"]))

    def _labelled_scores(self, params: dict[str, Value], seed: int) -> LabelledScores:
        dataset = params["dataset"]
        rate = float(params["positive_rate"])
        if dataset == DATASET_SYNTHETIC:
            return synthetic_scores(
                int(params["n_samples"]), rate, float(params["separation"]), seed
            )
        if dataset == DATASET_BREAST_CANCER:
            data = breast_cancer_scores()  # CsvError (a ValueError) if the bundled file is missing
        elif dataset == DATASET_CSV:
            if self._csv_data is None:
                raise ValueError(
                    "No CSV loaded yet: use “Load label,score CSV…” under the parameters."
                )
            data = self._csv_data
        else:
            raise ValueError(f"unknown dataset {dataset!r}")
        return resample_to_rate(data, rate, seed) if params["rebalance_real"] else data

    def run_started(self, stepper: Any, first: Any) -> None:
        analysis: ScoreAnalysis = stepper.analysis
        self._analysis = analysis
        low, high = analysis.score_range
        pad = max(1e-9, 0.02 * (high - low)) if high > low else 0.5
        for line in self.threshold_lines:
            line.setBounds((low - pad, float(analysis.sweep.thresholds[0]) + pad))
        # The three threshold-axis plots share one x range. Not via setXLink: pyqtgraph aligns
        # linked views by pixel position, which skews plots placed side by side.
        for plot in (self.histogram_plot, self.metrics_plot, self.cost_plot):
            plot.setXRange(low - pad, high + pad, padding=0)
        self._draw_histograms()

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
        self.pr_baseline_label.setText(f"no skill = prevalence {analysis.prevalence:.2f}")
        self.pr_baseline_label.setPos(0.98, analysis.prevalence)
        self.pr_plot.setTitle(
            f"Precision–recall · AP {analysis.average_precision:.3f}", color=self._fg(), size="10pt"
        )
        self.roc_plot.setTitle(f"ROC · AUC {analysis.roc_auc:.3f}", color=self._fg(), size="10pt")

        for marker in self.cost_markers:
            marker.setValue(analysis.cost_optimal_threshold)
        for marker in self.f1_markers:
            marker.setValue(analysis.f1_optimal_threshold)
        cost_counts = analysis.sweep.counts_at(analysis.cost_optimal_threshold)
        f1_counts = analysis.sweep.counts_at(analysis.f1_optimal_threshold)
        (pr_cost, pr_f1), (roc_cost, roc_f1) = self.curve_optima
        pr_cost.setData([cost_counts.recall], [self._curve_precision(cost_counts)])
        pr_f1.setData([f1_counts.recall], [self._curve_precision(f1_counts)])
        roc_cost.setData([cost_counts.false_positive_rate], [cost_counts.recall])
        roc_f1.setData([f1_counts.false_positive_rate], [f1_counts.recall])
        self.cost_markers[0].setToolTip(f"cheapest threshold {analysis.cost_optimal_threshold:.4g}")
        self.f1_markers[0].setToolTip(f"best-F1 threshold {analysis.f1_optimal_threshold:.4g}")
        self.source_label.setText(
            f"{escape(self._source)}<br><span style='color:{COST_COLOR}'>▮</span> cheapest "
            f"threshold {analysis.cost_optimal_threshold:.3g} &nbsp; "
            f"<span style='color:{F1_COLOR}'>▮</span> best F1 {analysis.f1_optimal_threshold:.3g}"
        )

    @staticmethod
    def _curve_precision(counts: Any) -> float:
        """Where a point sits on the PR curve: flagging nothing is drawn at precision 1."""
        return float(counts.precision) if counts.tp + counts.fp else 1.0

    def _fg(self) -> str:
        return palette_colors(self)[1].name()

    def _draw_histograms(self) -> None:
        analysis = self._analysis
        if analysis is None:
            return
        negatives = analysis.negative_counts.astype(np.float64)
        positives = analysis.positive_counts.astype(np.float64)
        if self.density_check.isChecked():
            width = np.diff(analysis.bin_edges)
            negatives = negatives / max(1.0, negatives.sum()) / width
            positives = positives / max(1.0, positives.sum()) / width
            self.histogram_plot.setLabel("left", "density")
        else:
            self.histogram_plot.setLabel("left", "items")
        self.negative_hist.setData(analysis.bin_edges, negatives)
        self.positive_hist.setData(analysis.bin_edges, positives)
        top = float(max(negatives.max(), positives.max()))
        self.histogram_plot.setYRange(0.0, top * 1.12 if top > 0 else 1.0, padding=0)

    # -- frames and drags ---------------------------------------------------------------------
    def show_frame(self, frame: Frame) -> None:
        assert isinstance(frame, ThresholdFrame)
        self._render(frame)

    def set_threshold(self, threshold: float) -> None:
        """Move the threshold as a drag would: pause the animation, update everything."""
        analysis = self._analysis
        if analysis is None:
            return
        self.player.pause()
        frame = operating_point(analysis, float(threshold), step=self.player.index)
        self._render(frame)
        self.explanation.set_frame(frame)
        self.threshold_moved.emit(frame.threshold)

    def _on_line_dragged(self, line: Any) -> None:
        if not self._syncing:
            self.set_threshold(float(line.value()))

    def _render(self, frame: ThresholdFrame) -> None:
        counts = frame.counts
        analysis = frame.analysis
        self._syncing = True
        try:
            for line in self.threshold_lines:
                if line.value() != frame.threshold:
                    line.setValue(frame.threshold)
        finally:
            self._syncing = False
        self.threshold_label.setFormat(f"t = {frame.threshold:.3g}")
        pr_point, roc_point = self.operating_points
        pr_point.setData([counts.recall], [self._curve_precision(counts)])
        roc_point.setData([counts.false_positive_rate], [counts.recall])
        cost = (analysis.cost_fp * counts.fp + analysis.cost_fn * counts.fn) / counts.total
        self.cost_point.setData([frame.threshold], [cost])

        total = counts.total
        for key, value in (
            ("tp", counts.tp),
            ("fn", counts.fn),
            ("fp", counts.fp),
            ("tn", counts.tn),
        ):
            _, name, example = CELL_STYLES[key]
            self.cells[key].setText(
                f"<b style='font-size:13pt'>{value:,}</b><br>"
                f"{key.upper()} · {100.0 * value / total:.1f}%"
            )
            self.cells[key].setToolTip(f"{name}: {example}")
        flagged = counts.tp + counts.fp
        precision = f"{counts.precision:.3f}" if flagged else "— (0/0)"
        rows = [
            ("precision", precision, PRECISION_COLOR),
            ("recall", f"{counts.recall:.3f}", RECALL_COLOR),
            ("F1", f"{counts.f_beta(1.0):.3f}", F1_COLOR),
        ]
        if analysis.beta != 1.0:
            rows.append((f"F{analysis.beta:g}", f"{counts.f_beta(analysis.beta):.3f}", F1_COLOR))
        rows += [
            ("accuracy", f"{counts.accuracy:.3f}", ""),
            ("  if none flagged", f"{1.0 - analysis.prevalence:.3f}", ""),
            ("specificity", f"{counts.specificity:.3f}", ""),
            ("cost / item", f"{cost:.4g}", COST_COLOR),
            ("AP · AUC", f"{analysis.average_precision:.3f} · {analysis.roc_auc:.3f}", ""),
        ]
        html_rows = "".join(
            "<tr><td style='padding-right:10px'>"
            + (f"<span style='color:{color}'>■</span> " if color else "&nbsp;&nbsp;&nbsp;")
            + f"{name}</td><td align='right'><b>{value}</b></td></tr>"
            for name, value, color in rows
        )
        self.numbers_label.setText(f"<table cellspacing='0'>{html_rows}</table>")

    # -- CSV -----------------------------------------------------------------------------------
    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Load label,score CSV", "", "CSV files (*.csv *.txt);;All files (*)"
        )
        if path:
            self.load_csv(path)

    def load_csv(self, path: str) -> bool:
        """Load a user CSV and switch to it; a bad file leaves the current run and says why."""
        try:
            data = load_label_score_csv(path)
        except CsvError as error:
            self.show_message(f"Couldn't load the CSV: {error}")
            return False
        previous = self._csv_data
        self._csv_data = data
        if self.set_params(dataset=DATASET_CSV):
            self.csv_label.setText(escape(data.source))
            return True
        self._csv_data = previous  # rejected (e.g. one class only): the message is showing
        return False

    # -- ranking tab ---------------------------------------------------------------------------
    def _rebuild_recommendations(self) -> None:
        self._lists: RecommendationLists = synthetic_recommendations(
            n_users=8, n_items=30, model_quality=self.quality_spin.value(), seed=self.seed
        )
        self._recompute_ranking()

    def _recompute_ranking(self) -> None:
        user = self.user_spin.value() - 1
        self._ranking = ranking_metrics(self._lists, user)
        ks = np.arange(1, self._lists.n_items + 1)
        r = self._ranking
        for key, values in (
            ("precision", r.precision),
            ("recall", r.recall),
            ("ap", r.average_precision),
            ("ndcg", r.ndcg),
            ("map", r.mean_average_precision),
            ("mean_ndcg", r.mean_ndcg),
        ):
            self.at_k_curves[key].setData(ks, values)
        brushes = [pg.mkBrush(RELEVANCE_COLORS[int(v)]) for v in r.ranked_relevance]
        # A zero-height bar is invisible: draw "skipped" items as a thin stub.
        heights = np.maximum(r.ranked_relevance, 0.06)
        self.ranked_bars.setOpts(
            x=ks, height=heights, width=0.8, brushes=brushes, pens=[None] * ks.size
        )
        self.ranked_plot.setXRange(0.4, ks.size + 0.6, padding=0)
        self.at_k_plot.setXRange(1, ks.size, padding=0.02)
        self._show_ranking_k(self.k_slider.value())

    def _show_ranking_k(self, k: int) -> None:
        r = self._ranking
        self.k_value.setText(str(k))
        self.k_line.setValue(k + 0.5)
        self.at_k_line.setValue(k)
        i = k - 1
        relevant = int(np.count_nonzero(r.ranked_relevance > 0))
        hits = int(np.count_nonzero(r.ranked_relevance[:k] > 0))
        self.ranking_label.setText(
            f"<b>User {self.user_spin.value()}, top {k}</b>: {hits} of the {k} shown are "
            f"relevant → precision@{k} <b>{r.precision[i]:.2f}</b>; they are {hits} of the "
            f"user's {relevant} relevant videos → recall@{k} <b>{r.recall[i]:.2f}</b>. "
            f"AP@{k} <b>{r.average_precision[i]:.2f}</b> rewards putting the hits first; "
            f"NDCG@{k} <b>{r.ndcg[i]:.2f}</b> also rewards putting the <i>most</i> relevant "
            "(shared, liked) first, discounting rank r by 1/log₂(r+1).<br>"
            f"Over all {self._lists.n_users} users: MAP@{k} "
            f"<b>{r.mean_average_precision[i]:.2f}</b>, mean NDCG@{k} "
            f"<b>{r.mean_ndcg[i]:.2f}</b>. Offline metrics shortlist models; an A/B test on "
            "watch time decides."
        )
