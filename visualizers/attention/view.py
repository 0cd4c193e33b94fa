"""The attention view: one weight matrix per head, revealed a query row at a time, and the positions.

Draws what `AttentionState` computes; it holds no numbers of its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QWidget

from visualizers.attention.state import HEAD_NAMES, AttentionFrame, AttentionState
from visualizers.core.base import VisualizerView
from visualizers.core.frames import Stepper
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import SERIES_COLORS, is_dark, themed_plot

HEAT, HIGHLIGHT = SERIES_COLORS[1], SERIES_COLORS[4]


class AttentionView(VisualizerView):
    def build_plots(self) -> QWidget:
        self.state: AttentionState | None = None
        box = QWidget(self)
        self.head_plots: list[pg.PlotWidget] = []
        self.head_images: list[pg.ImageItem] = []
        self.row_boxes: list[pg.PlotDataItem] = []
        self.labels: list[list[pg.TextItem]] = []
        for name in HEAD_NAMES:
            plot = themed_plot(box, f"Head: {name}", "", "query")
            plot.setAccessibleName(f"Attention weights of the {name} head")
            plot.invertY(True)
            plot.setMinimumSize(240, 200)
            image = pg.ImageItem()
            plot.addItem(image)
            row_box = plot.plot(pen=pg.mkPen(HIGHLIGHT, width=3))
            self.head_plots.append(plot)
            self.head_images.append(image)
            self.row_boxes.append(row_box)
            self.labels.append([])
        self.position_plot = themed_plot(box, "Positional encoding", "dimension", "position")
        self.position_plot.setAccessibleName("Sinusoidal positional encoding of each position")
        self.position_plot.invertY(True)
        self.position_plot.setMinimumSize(240, 200)
        self.position_image = pg.ImageItem()
        self.position_plot.addItem(self.position_image)

        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        cells = [*self.head_plots, self.position_plot]
        for index, plot in enumerate(cells):
            layout.addWidget(plot, index // 2, index % 2)
        return box

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        self.state = AttentionState(params, seed)
        return self.state.stepper()

    def run_started(self, stepper: Any, first: Any) -> None:
        state = self.state
        if state is None:
            return
        n = len(state.tokens)
        ticks = [[(i + 0.5, token) for i, token in enumerate(state.tokens)]]
        for plot in self.head_plots:
            plot.getPlotItem().getAxis("left").setTicks(ticks)
            plot.getPlotItem().getAxis("bottom").setTicks([[(i + 0.5, str(i)) for i in range(n)]])
            plot.getPlotItem().setLabel("bottom", "key (position)")
            plot.setRange(xRange=(0, n), yRange=(0, n), padding=0.02)
        positions = state.X[:, -16:]
        self.position_image.setImage(
            self._diverging(positions).transpose(1, 0, 2), autoLevels=False
        )
        self.position_image.setRect(QRectF(0, 0, positions.shape[1], n))
        self.position_plot.getPlotItem().getAxis("left").setTicks(ticks)
        self.position_plot.setRange(xRange=(0, positions.shape[1]), yRange=(0, n), padding=0.02)

    def show_frame(self, frame: Any) -> None:
        if not isinstance(frame, AttentionFrame) or self.state is None:
            return
        n = len(self.state.tokens)
        for h, (plot, image) in enumerate(zip(self.head_plots, self.head_images, strict=True)):
            weights = frame.weights[h]
            image.setImage(self._sequential(weights).transpose(1, 0, 2), autoLevels=False)
            image.setRect(QRectF(0, 0, n, n))
            q = frame.query
            if q is None:
                self.row_boxes[h].setData([], [])
            else:
                self.row_boxes[h].setData([0, n, n, 0, 0], [q, q, q + 1, q + 1, q])
            # The weight labels are kept and moved, not removed and re-created each step
            # (adding a TextItem to a plot cost ~1 ms; a step shows a few of them).
            # Only weights ≥ 0.15 get a label (fewer, readable); the colour shows the rest.
            cells = [] if q is None else [(q, k) for k in range(n) if weights[q, k] >= 0.15]
            pool = self.labels[h]
            while len(pool) < len(cells):
                pool.append(pg.TextItem("", anchor=(0.5, 0.5)))
                plot.addItem(pool[-1])
            for label, (row, key) in zip(pool, cells, strict=False):
                label.setText(f"{weights[row, key]:.2f}", color=self._text())
                label.setPos(key + 0.5, row + 0.5)
                label.show()
            for label in pool[len(cells) :]:
                label.hide()

    # -- colours: drawing only ------------------------------------------------------------
    def _text(self) -> str:
        return "#ffffff" if is_dark(self) else "#000000"

    def _background(self) -> np.ndarray:
        return np.full(3, 0.12) if is_dark(self) else np.ones(3)

    def _sequential(self, weights: np.ndarray) -> np.ndarray:
        known = np.isfinite(weights)
        w = np.clip(np.where(known, weights, 0.0), 0.0, 1.0)[..., None]
        c = QColor(HEAT)
        heat = np.array([c.redF(), c.greenF(), c.blueF()])
        rgb = self._background() * (1 - w) + heat * w
        alpha = np.where(known, 1.0, 0.0)[..., None]
        return (np.concatenate([rgb, alpha], axis=2) * 255).round().astype(np.uint8)

    def _diverging(self, values: np.ndarray) -> np.ndarray:
        v = np.clip(values, -1.0, 1.0)[..., None]
        pos, neg = QColor(SERIES_COLORS[0]), QColor(SERIES_COLORS[1])
        towards = np.where(
            v >= 0,
            np.array([pos.redF(), pos.greenF(), pos.blueF()]),
            np.array([neg.redF(), neg.greenF(), neg.blueF()]),
        )
        rgb = self._background() * (1 - np.abs(v)) + towards * np.abs(v)
        alpha = np.ones((*values.shape, 1))
        return (np.concatenate([rgb, alpha], axis=2) * 255).round().astype(np.uint8)
