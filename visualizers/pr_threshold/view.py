"""The precision/recall threshold view: drag a threshold, watch every metric and curve move.

The two classes' score histograms with a draggable threshold line (also draggable on the
metric and cost plots, which share its x axis, and movable with ←/→ when one of those plots
has keyboard focus), the confusion matrix and the headline numbers, precision/recall/F1 and
expected cost versus threshold, and the PR and ROC curves with the operating point moving
along them. The cost-optimal and F1-optimal thresholds are marked on every plot. The player
animates the threshold from high to low. The plots reflow into fewer columns when narrow.

Every number comes from `state.py`. Everything that depends only on the data is drawn once
per run (`run_started`); a drag or a frame only moves lines and dots and rewrites a few
labels, after one binary search.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.frames import Frame, RunPlan
from visualizers.core.loading import UserFileLoad
from visualizers.pr_threshold.plots import COST_COLOR, F1_COLOR, ThresholdPlots
from visualizers.pr_threshold.spec import DATASET_CSV
from visualizers.pr_threshold.state import (
    PreparedCsv,
    PrThresholdState,
    ScoreAnalysis,
    ThresholdFrame,
    ThresholdSweepStepper,
    escape,
    operating_point,
    prepare_csv,
)

Value = int | float | str | bool
ARROW_STEPS = 100  # ←/→ move the threshold by 1/100 of the score range (Shift: 1/10)


class _ArrowKeys(QObject):
    """Left/Right on a focused threshold plot move the threshold (before the player's keys)."""

    def __init__(self, view: PrThresholdView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key goes to the plot, not to the player's step shortcut
            return True
        big = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        direction = 1 if event.key() == Qt.Key.Key_Right else -1
        self._view.nudge_threshold(direction * (10 if big else 1))
        return True


class PrThresholdView(VisualizerView):
    """Threshold explorer (questions 24, 18, 19)."""

    threshold_moved = Signal(float)  # the user (or `set_threshold`) moved the threshold

    def build_plots(self) -> QWidget:
        # The base calls this from its __init__, first among the hooks: set up state here.
        self.state = PrThresholdState()
        self._analysis: ScoreAnalysis | None = None
        self._frame: ThresholdFrame | None = None
        self._syncing = False  # True while code (not the user) moves the threshold lines
        plots = ThresholdPlots(self)
        keys = _ArrowKeys(self)
        for plot in (plots.histogram_plot, plots.metrics_plot, plots.cost_plot):
            plot.installEventFilter(keys)
        for line in plots.threshold_lines:
            line.sigPositionChanged.connect(self._on_line_dragged)
        # The items the rest of the app and the tests reach, under their usual names.
        self.threshold_plots = plots
        self.threshold_lines, self.operating_points = plots.threshold_lines, plots.operating_points
        self.cost_markers, self.f1_markers = plots.cost_markers, plots.f1_markers
        self.pr_baseline, self.positive_hist = plots.pr_baseline, plots.positive_hist
        self.cells, self.numbers_label = plots.confusion.cells, plots.confusion.numbers_label
        self.source_label = plots.confusion.source_label
        return plots

    def build_extra_controls(self) -> QWidget | None:
        box = QGroupBox("Your own scores")
        layout = QVBoxLayout(box)
        loader = self.build_file_loader(
            "One row per item: the true label (0 or 1), then the model's score",
            "Load label, score CSV",
            button_text="Load scores CSV…",
            label_text="No CSV loaded.",
            dialog_title="Load a CSV of labels and scores",
        )
        self.load_button = self.load_csv_button
        self.load_button.setObjectName("load_csv")
        layout.addWidget(loader)
        self.density_check = QCheckBox("Histograms as densities (each class sums to 1)", box)
        self.density_check.setObjectName("density")
        self.density_check.setAccessibleName("Histograms as densities")
        self.density_check.setToolTip(
            "Histograms as densities (each class sums to 1): with rare positives, counts"
            " hide their distribution; densities show its shape"
        )
        # Short on screen: a check box can't wrap, and its text set the side column's width
        # (609 px at 200 % text); the whole sentence is the tooltip.
        self.density_check.setText("Densities")
        self.density_check.toggled.connect(lambda _checked: self._draw_histograms())
        layout.addWidget(self.density_check)
        return box

    # -- runs ------------------------------------------------------------------------------
    def create_stepper(self, params: dict[str, Value], seed: int) -> ThresholdSweepStepper:
        return self.state.stepper(params, seed)

    def heavy_run(self, params: dict[str, Value]) -> bool:
        return self.state.heavy_run(params)

    def plan_run(self, params: dict[str, Value], seed: int) -> RunPlan[ThresholdFrame]:
        return self.state.plan(params, seed)

    def run_started(self, stepper: Any, first: Any) -> None:
        analysis: ScoreAnalysis = stepper.analysis
        self._analysis = analysis
        source = self.state.source_html(analysis, COST_COLOR, F1_COLOR)
        self.threshold_plots.show_analysis(analysis, source, self.density_check.isChecked())

    def _draw_histograms(self) -> None:
        if self._analysis is not None:
            self.threshold_plots.draw_histograms(self._analysis, self.density_check.isChecked())

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

    def nudge_threshold(self, steps: int) -> None:
        """Move the threshold by `steps` hundredths of the score range (the arrow keys)."""
        if self._analysis is None or self._frame is None:
            return
        low, high = self._analysis.score_range
        span = (high - low) or 1.0
        top = float(self._analysis.sweep.thresholds[0])
        target = self._frame.threshold + steps * span / ARROW_STEPS
        self.set_threshold(min(max(target, low), top))

    def _on_line_dragged(self, line: Any) -> None:
        if not self._syncing:
            self.set_threshold(float(line.value()))

    def _render(self, frame: ThresholdFrame) -> None:
        self._frame = frame
        self._syncing = True
        try:
            self.threshold_plots.show_frame(frame)
        finally:
            self._syncing = False

    def load_csv(self, path: str | Path) -> UserFileLoad:
        """Load a user CSV (off the GUI thread) and switch to it; a bad file keeps the run.

        A run refused after loading (e.g. one class only) puts the previous data back.
        """

        ahead = {**self.params, "dataset": DATASET_CSV}  # the analysis is computed off-thread too

        def loaded(prepared: PreparedCsv) -> None:
            self.csv_label.setText(escape(prepared.data.source))

        return self.load_user_file(
            path,
            lambda file: prepare_csv(file, ahead),
            self.state.swap_prepared,
            loaded=loaded,
            dataset=DATASET_CSV,
        )
