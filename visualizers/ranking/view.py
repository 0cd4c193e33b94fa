"""Qt view of the ranking metrics: one user's ranked list and every metric over k.

Left, the list as bars (height and colour = what the user did with each video, best score
first) with the cutoff k; right, precision@k, recall@k, AP@k, NDCG@k and the means over all
users versus k. Every number comes from `state.py`; the player drives k (or the re-ranking).
The two plots sit side by side when there is room and stack when there isn't.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from visualizers.core import palette
from visualizers.core.base import VisualizerView
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import palette_colors, themed_plot
from visualizers.ranking.state import RankingFrame, RankingState, RankingStepper, summary

# Okabe–Ito (visualizers.core.palette); every curve also has its own marker, so colour is
# never the only cue.
RELEVANCE_COLORS = (palette.GREY, palette.SKY_BLUE, palette.BLUE, palette.ORANGE)  # skip … share
CURVES = (  # key, label, colour, marker, dashed
    ("precision", "precision@k", palette.BLUE, "o", False),
    ("recall", "recall@k", palette.VERMILLION, "t", False),
    ("average_precision", "AP@k", palette.PURPLE, "s", False),
    ("ndcg", "NDCG@k", palette.GREEN, "d", False),
    ("mean_average_precision", "MAP@k (all users)", palette.PURPLE, None, True),
    ("mean_ndcg", "mean NDCG@k (all users)", "#009e73", None, True),
)
SIDE_BY_SIDE_WIDTH = 620  # below this the two plots stack (each stays ≥ 240 px wide)


class _Plots(QWidget):
    """Two plots side by side, or stacked when narrow (they never shrink below 240 × 160)."""

    def __init__(self, left: QWidget, right: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for plot in (left, right):
            plot.setMinimumSize(240, 200)
            self._layout.addWidget(plot, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
        super().resizeEvent(event)


class RankingView(VisualizerView):
    """One user's ranked list and precision@k, recall@k, AP@k, NDCG@k (question 14)."""

    def build_plots(self) -> QWidget:
        self.state = RankingState()
        _, foreground = palette_colors(self)
        fg = foreground.name()
        self.ranked_plot = themed_plot(self, "Recommended list, best first", "rank", "")
        self.ranked_plot.setAccessibleName("Ranked list with true relevance")
        self.ranked_plot.setMouseEnabled(x=False, y=False)
        self.ranked_plot.setYRange(0, 3.3, padding=0)
        self.ranked_bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.ranked_plot.addItem(self.ranked_bars)
        self.k_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(fg, width=2, style=Qt.PenStyle.DashLine)
        )
        self.ranked_plot.addItem(self.k_line, ignoreBounds=True)
        self.moved_marker = pg.ScatterPlotItem(size=12, symbol="t1", pen=pg.mkPen(fg), brush=fg)
        self.ranked_plot.addItem(self.moved_marker)
        ticks = [[(0, "skip"), (1, "watch"), (2, "like"), (3, "share")]]
        self.ranked_plot.getPlotItem().getAxis("left").setTicks(ticks)

        self.at_k_plot = themed_plot(self, "Metrics at k", "k", "")
        self.at_k_plot.setMinimumHeight(170)
        self.at_k_plot.setAccessibleName("Ranking metrics versus k")
        self.at_k_plot.setMouseEnabled(x=False, y=False)
        self.at_k_plot.setYRange(0, 1.02, padding=0)
        self.at_k_curves: dict[str, Any] = {}
        for key, label, color, symbol, dashed in CURVES:
            style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
            self.at_k_curves[key] = self.at_k_plot.plot(
                pen=pg.mkPen(color, width=1.5 if dashed else 2, style=style),
                symbol=symbol,
                symbolSize=5,
                symbolBrush=color,
                symbolPen=None,
                name=label,
            )
        self.at_k_line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(fg, width=2, style=Qt.PenStyle.DashLine)
        )
        self.at_k_plot.addItem(self.at_k_line, ignoreBounds=True)
        # The key sits under the plot: a legend inside it would hide the curves it explains.
        marks = {"o": "●", "t": "▼", "s": "■", "d": "◆", None: "╌╌"}
        curve_key = QLabel(
            " ".join(
                f"<span style='color:{color}'>{marks[symbol]}&nbsp;{label.replace(' ', '&nbsp;')}</span>"
                for _, label, color, symbol, _ in CURVES
            ),
            self,
        )
        curve_key.setWordWrap(True)
        curve_key.setTextFormat(Qt.TextFormat.RichText)
        metrics_box = QWidget(self)
        box_layout = QVBoxLayout(metrics_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(0)
        box_layout.addWidget(self.at_k_plot, 1)
        box_layout.addWidget(curve_key)
        return _Plots(self.ranked_plot, metrics_box, self)

    def create_stepper(self, params: dict[str, Value], seed: int) -> RankingStepper:
        return self.state.stepper(params, seed)

    def run_started(self, stepper: Any, first: Any) -> None:
        n = stepper.lists.n_items
        self.ranked_plot.setXRange(0.4, n + 0.6, padding=0)
        self.at_k_plot.setXRange(1, n, padding=0.02)

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, RankingFrame)
        r = frame.metrics
        ks = np.arange(1, r.precision.size + 1)
        for key, curve in self.at_k_curves.items():
            curve.setData(ks, getattr(r, key))
        brushes = [pg.mkBrush(RELEVANCE_COLORS[int(v)]) for v in r.ranked_relevance]
        # A zero-height bar is invisible: draw "skipped" items as a thin stub.
        heights = np.maximum(r.ranked_relevance, 0.06)
        self.ranked_bars.setOpts(
            x=ks, height=heights, width=0.8, brushes=brushes, pens=[None] * ks.size
        )
        if frame.moved is None:
            self.moved_marker.setData([], [])
        else:
            self.moved_marker.setData([frame.moved + 1], [r.ranked_relevance[frame.moved] + 0.2])
        self.k_line.setValue(frame.k + 0.5)
        self.at_k_line.setValue(frame.k)
        self.ranked_plot.setAccessibleDescription(summary(frame))
