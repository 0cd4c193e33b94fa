"""The cross-validation view: folds as coloured rows, scores per fold, leakage and nested CV.

Draws only: every number comes from `state.py`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

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
from visualizers.cross_validation.state import (
    K_GRID,
    STRATEGIES,
    USER_SHADES,
    CrossValidationFrame,
    CrossValidationState,
    CrossValidationStepper,
    fold_chart,
    fold_rows,
)

TRAIN_COLOUR, TEST_COLOUR, POSITIVE_COLOUR = SERIES_COLORS[1], SERIES_COLORS[0], SERIES_COLORS[2]
LEAK_COLOUR, HONEST_COLOUR = SERIES_COLORS[4], SERIES_COLORS[1]
STRATEGY_STYLE = (  # (colour, symbol): symbols tell the series apart without colour
    (SERIES_COLORS[0], "o"),
    (SERIES_COLORS[2], "s"),
    (SERIES_COLORS[3], "t"),
    (SERIES_COLORS[5], "d"),
)
MUTED = (140, 140, 140)


class CrossValidationView(VisualizerView):
    def build_plots(self) -> QWidget:
        self.state = CrossValidationState()
        box = QWidget(self)
        background, fg = palette_colors(box)
        self._background = background
        self._dark = is_dark(box)
        self.fold_plot = themed_plot(box, "Folds: one row per split", "sample (time order)")
        self.fold_plot.getPlotItem().getViewBox().setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem()
        self.fold_plot.addItem(self.image)
        self.highlight = self.fold_plot.plot(pen=pg.mkPen(fg, width=2.5))
        legend = self.fold_plot.addLegend(offset=(-5, 2), labelTextColor=fg.name(), colCount=4)
        grey = "#5a5d62" if self._dark else "#c8c8c8"
        for name, colour in (
            ("train", TRAIN_COLOUR),
            ("test", TEST_COLOUR),
            ("unused", grey),
            ("positive", POSITIVE_COLOUR),
        ):
            legend.addItem(pg.BarGraphItem(x=[], height=[], width=1, brush=colour), name)
        legend.setZValue(20)
        legend.setCacheMode(STATIC_CACHE)

        self.score_plot = themed_plot(box, "Accuracy per fold", "fold", "accuracy")
        self.score_curves = []
        self.spread = []
        for colour, symbol in STRATEGY_STYLE:
            self.score_curves.append(
                self.score_plot.plot(
                    pen=pg.mkPen(colour, width=1.5),
                    symbol=symbol,
                    symbolBrush=colour,
                    symbolSize=9,
                )
            )
            bar = pg.ErrorBarItem(pen=pg.mkPen(colour, width=2), beam=0.15)
            self.score_plot.addItem(bar)
            self.spread.append(bar)

        self.leak_plot = themed_plot(box, "Leakage", "fold", "accuracy")
        self.leak_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=LEAK_COLOUR)
        self.honest_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=HONEST_COLOUR)
        self.leak_plot.addItem(self.leak_bars)
        self.leak_plot.addItem(self.honest_bars)
        self.baseline = pg.InfiniteLine(
            pos=0.5, angle=0, pen=pg.mkPen(MUTED, width=2, style=Qt.PenStyle.DashLine)
        )
        self.leak_plot.addItem(self.baseline)

        self.nested_plot = themed_plot(box, "Nested CV", "outer fold", "accuracy")
        self.nested_points = self.nested_plot.plot(
            pen=None, symbol="o", symbolSize=10, symbolBrush=SERIES_COLORS[2]
        )
        self.plain_line = pg.InfiniteLine(
            angle=0, pen=pg.mkPen(LEAK_COLOUR, width=2, style=Qt.PenStyle.DashLine)
        )
        self.nested_line = pg.InfiniteLine(angle=0, pen=pg.mkPen(SERIES_COLORS[2], width=2))
        self.nested_plot.addItem(self.plain_line)
        self.nested_plot.addItem(self.nested_line)
        self.k_labels: list[pg.TextItem] = []
        for _ in range(10):
            label = pg.TextItem("", color=fg, anchor=(0.5, 1.3))
            self.nested_plot.addItem(label)
            self.k_labels.append(label)

        for plot in (self.score_plot, self.leak_plot, self.nested_plot):
            plot.setYRange(0.0, 1.12, padding=0)
            plot.getPlotItem().getAxis("left").setTicks(
                [[(v, f"{v:.1f}") for v in (0, 0.2, 0.4, 0.6, 0.8, 1.0)]]
            )

        plots = (self.fold_plot, self.score_plot, self.leak_plot, self.nested_plot)
        cache_static(plots, (self.image,))

        # One wrapping key for the three small plots: in-plot legends don't fit at ~190 px.
        self.key = QLabel(self._key_html(), box)
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setAccessibleName("Key to the accuracy, leakage and nested-CV plots")

        self.fold_plot.setAccessibleName(
            "Folds of each splitting strategy, one row per fold, test samples highlighted"
        )
        self.score_plot.setAccessibleName(
            "Accuracy of each fold per strategy, with mean and spread"
        )
        self.leak_plot.setAccessibleName(
            "Leakage demo: accuracy with target encoding fitted on all rows vs inside each fold"
        )
        self.nested_plot.setAccessibleName(
            "Nested cross-validation: outer-fold accuracy and the k chosen inside"
        )

        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.fold_plot, 0, 0, 1, 3)
        grid.addWidget(self.key, 1, 0, 1, 3)
        grid.addWidget(self.score_plot, 2, 0)
        grid.addWidget(self.leak_plot, 2, 1)
        grid.addWidget(self.nested_plot, 2, 2)
        grid.setRowStretch(0, 5)
        grid.setRowStretch(2, 4)
        return box

    @staticmethod
    def _key_html() -> str:
        def mark(glyph: str, colour: object, text: str) -> str:
            return f"<span style='color:{colour}'>{glyph}</span>&nbsp;{text}"

        glyphs = ("●", "■", "▼", "◆")
        strategies = " ".join(
            mark(g, c, n) for g, (c, _), n in zip(glyphs, STRATEGY_STYLE, STRATEGIES, strict=True)
        )
        grey = "#8c8c8c"
        return (
            f"<b>Accuracy</b> (bars at the right: mean ± sd): {strategies} &nbsp;·&nbsp; "
            f"<b>Leakage</b>: {mark('■', LEAK_COLOUR, 'encoded on all rows')} "
            f"{mark('■', HONEST_COLOUR, 'inside each fold')} {mark('‒ ‒', grey, 'majority class')}"
            f" &nbsp;·&nbsp; <b>Nested CV</b>: {mark('●', SERIES_COLORS[2], 'outer fold (k chosen inside)')} "
            f"{mark('—', SERIES_COLORS[2], 'nested mean')} "
            f"{mark('‒ ‒', LEAK_COLOUR, 'best plain CV, optimistic')}"
        )

    def _lut(self) -> np.ndarray:
        grey = "#5a5d62" if self._dark else "#c8c8c8"
        negative = "#3a3d42" if self._dark else "#eeeeee"
        colours = [
            grey,
            TRAIN_COLOUR,
            TEST_COLOUR,
            negative,
            POSITIVE_COLOUR,
            self._background.name(),
        ]
        colours += list(SERIES_COLORS[:USER_SHADES])
        return np.array(
            [(QColor(c).red(), QColor(c).green(), QColor(c).blue()) for c in colours],
            dtype=np.ubyte,
        )

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        return self.state.stepper(params, seed)

    def run_started(self, stepper: Any, first: Any) -> None:
        assert isinstance(stepper, CrossValidationStepper)
        self._stepper = stepper
        exp = stepper.experiment
        codes, ticks = fold_chart(exp)
        self._rows = codes.shape[0]
        n = codes.shape[1]
        lut = self._lut()
        self.image.setImage(codes[::-1].T, levels=(0, len(lut) - 1), lut=lut, autoLevels=False)
        self.image.setRect(0, 0, n, self._rows)
        axis = self.fold_plot.getPlotItem().getAxis("left")
        axis.setTicks([[(self._rows - y - 0.5, label) for y, label in ticks]])
        self.fold_plot.setRange(xRange=(0, n), yRange=(0, self._rows + 3.5), padding=0.01)

        k = exp.n_splits
        for plot in (self.score_plot, self.leak_plot, self.nested_plot):
            plot.setXRange(0.4, k + 0.6, padding=0)
        self.score_plot.setXRange(0.4, k + 1.6, padding=0)
        self.plain_line.setPos(float(exp.plain_means.max()))
        self.baseline.setPos(exp.baseline)
        self.nested_line.setPos(float(exp.nested_scores.mean()))

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, CrossValidationFrame)
        exp = self._stepper.experiment
        done = frame.folds_done
        n = len(exp.log.y)
        if done == 0:
            self.highlight.setData([], [])
        else:
            xs: list[float] = []
            ys: list[float] = []
            for row in fold_rows(exp, done - 1):
                top = self._rows - row
                xs += [0, n, n, 0, 0, np.nan]
                ys += [top, top, top - 1, top - 1, top, np.nan]
            self.highlight.setData(xs, ys, connect="finite")
        folds = np.arange(1, done + 1)
        for i, name in enumerate(STRATEGIES):
            scores = exp.scores[name][:done]
            self.score_curves[i].setData(folds, scores)
            if done:
                x = np.array([exp.n_splits + 0.7 + 0.2 * i])
                self.spread[i].setData(
                    x=x, y=np.array([scores.mean()]), height=np.array([2 * scores.std()])
                )
            else:
                self.spread[i].setData(x=np.zeros(0), y=np.zeros(0), height=np.zeros(0))
        self.leak_bars.setOpts(x=folds - 0.2, height=exp.leaked[:done])
        self.honest_bars.setOpts(x=folds + 0.2, height=exp.honest[:done])
        self.nested_points.setData(folds, exp.nested_scores[:done])
        # Labels stay visible (empty when unused): a TextItem hidden while the range was set
        # reappears at a stale position.
        for i, label in enumerate(self.k_labels):
            text = f"k={exp.nested_k[i]}" if i < done else ""
            if label.toPlainText() != text:  # re-laying out text costs ~0.5 ms a label
                label.setText(text)
            if i < done:
                label.setPos(float(i + 1), float(exp.nested_scores[i]))
        self.plain_line.setVisible(frame.finished)
        self.nested_line.setVisible(frame.finished)


__all__ = ["K_GRID", "CrossValidationView"]
