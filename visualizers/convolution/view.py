"""The convolution view: the padded input with the kernel's window, the kernel, the feature map, pooling.

Draws what `ConvolutionState` computes and forwards clicks on the input (drawing mode).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from visualizers.convolution.algorithm import conv2d
from visualizers.convolution.state import ConvFrame, ConvolutionState
from visualizers.core.base import VisualizerView
from visualizers.core.frames import Stepper
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import SERIES_COLORS, is_dark, themed_plot

POSITIVE, NEGATIVE, WINDOW = SERIES_COLORS[0], SERIES_COLORS[1], SERIES_COLORS[4]


def _rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.redF(), c.greenF(), c.blueF()])


class ConvolutionView(VisualizerView):
    history_limit = 28 * 28 + 2

    def build_plots(self) -> QWidget:
        self.state: ConvolutionState | None = None
        self._drawing: np.ndarray | None = None
        self._levels = 1.0
        box = QWidget(self)
        self.input_plot = self._image_plot(box, "Input (zero-padded)")
        self.input_plot.setAccessibleName("Input image with the kernel window")
        self.input_image = pg.ImageItem()
        self.input_plot.addItem(self.input_image)
        self.image_border = self.input_plot.plot(
            pen=pg.mkPen((128, 128, 128), width=1, style=Qt.PenStyle.DashLine)
        )
        self.window_outline = self.input_plot.plot(pen=pg.mkPen(WINDOW, width=3))
        self.taps = pg.ScatterPlotItem(
            symbol="s", size=7, brush=pg.mkBrush(WINDOW), pen=pg.mkPen("k", width=0.5)
        )
        self.input_plot.addItem(self.taps)
        self.input_plot.scene().sigMouseClicked.connect(self._on_input_clicked)

        self.kernel_plot = self._image_plot(box, "Kernel weights")
        self.kernel_plot.setAccessibleName("Kernel weights")
        self.kernel_image = pg.ImageItem()
        self.kernel_plot.addItem(self.kernel_image)
        self.kernel_labels: list[pg.TextItem] = []

        self.output_plot = self._image_plot(box, "Feature map")
        self.output_plot.setAccessibleName("Output feature map")
        self.output_image = pg.ImageItem()
        self.output_plot.addItem(self.output_image)
        self.position_box = self.output_plot.plot(pen=pg.mkPen(WINDOW, width=3))

        self.pooled_plot = self._image_plot(box, "After pooling")
        self.pooled_plot.setAccessibleName("Pooled feature map")
        self.pooled_image = pg.ImageItem()
        self.pooled_plot.addItem(self.pooled_image)

        self.costs = QLabel(box)
        self.costs.setTextFormat(Qt.TextFormat.RichText)
        self.costs.setWordWrap(True)
        self.costs.setAccessibleName("Cost of a conv layer, a dense layer and an RNN")

        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input_plot, 0, 0, 2, 1)
        layout.addWidget(self.kernel_plot, 0, 1)
        layout.addWidget(self.pooled_plot, 1, 1)
        layout.addWidget(self.output_plot, 0, 2, 2, 1)
        layout.addWidget(self.costs, 2, 0, 1, 3)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 3)
        return box

    def _image_plot(self, parent: QWidget, title: str) -> pg.PlotWidget:
        plot = themed_plot(parent, title)
        plot.setAspectLocked(True)
        plot.invertY(True)  # row 0 at the top, as images are read
        plot.setMinimumSize(200, 160)
        return plot

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        state = ConvolutionState(params, seed, self._drawing)
        self.state = state
        if state.image_name == "hand-drawn":
            self._drawing = state.image
        return state.stepper()

    def run_started(self, stepper: Any, first: Any) -> None:
        state = self.state
        if state is None:
            return
        full = conv2d(state.image, state.kernel, state.stride, state.padding, state.dilation)
        self._levels = max(float(np.abs(full).max()), 1e-9)
        padded = state.padded
        self.input_image.setImage(self._grey(padded).transpose(1, 0, 2), autoLevels=False)
        self.input_image.setRect(QRectF(0, 0, padded.shape[1], padded.shape[0]))
        p, n = state.padding, state.size
        self.image_border.setData([p, p + n, p + n, p, p], [p, p, p + n, p + n, p])
        self.input_plot.setRange(
            xRange=(0, padded.shape[1]), yRange=(0, padded.shape[0]), padding=0.02
        )
        kernel = state.kernel
        limit = max(float(np.abs(kernel).max()), 1e-9)
        self.kernel_image.setImage(self._diverging(kernel, limit).transpose(1, 0, 2))
        self.kernel_image.setRect(QRectF(0, 0, kernel.shape[1], kernel.shape[0]))
        for label in self.kernel_labels:
            self.kernel_plot.removeItem(label)
        self.kernel_labels = []
        if kernel.shape[0] <= 5:
            for (r, c), w in np.ndenumerate(kernel):
                label = pg.TextItem(f"{w:.2g}", anchor=(0.5, 0.5), color=self._text_colour())
                label.setPos(c + 0.5, r + 0.5)
                self.kernel_plot.addItem(label)
                self.kernel_labels.append(label)
        self.kernel_plot.setRange(xRange=(0, kernel.shape[1]), yRange=(0, kernel.shape[0]))
        out_h, out_w = state.output_shape
        self.output_plot.setRange(xRange=(0, out_w), yRange=(0, out_h), padding=0.02)
        self.costs.setText(state.costs_html())

    def show_frame(self, frame: Any) -> None:
        if not isinstance(frame, ConvFrame) or self.state is None:
            return
        output = frame.output
        self.output_image.setImage(
            self._diverging(output, self._levels).transpose(1, 0, 2), autoLevels=False
        )
        self.output_image.setRect(QRectF(0, 0, output.shape[1], output.shape[0]))
        position = frame.position
        if position is None:
            self.window_outline.setData([], [])
            self.taps.setData([], [])
            self.position_box.setData([], [])
        else:
            r0, r1 = position.rows[0], position.rows[-1] + 1
            c0, c1 = position.cols[0], position.cols[-1] + 1
            self.window_outline.setData([c0, c1, c1, c0, c0], [r0, r0, r1, r1, r0])
            rr, cc = np.meshgrid(position.rows, position.cols, indexing="ij")
            self.taps.setData(cc.ravel() + 0.5, rr.ravel() + 0.5)
            i, j = position.row, position.col
            self.position_box.setData([j, j + 1, j + 1, j, j], [i, i, i + 1, i + 1, i])
        if frame.pooled is not None:
            pooled = frame.pooled
            self.pooled_image.setImage(
                self._diverging(pooled, self._levels).transpose(1, 0, 2), autoLevels=False
            )
            self.pooled_image.setRect(QRectF(0, 0, pooled.shape[1], pooled.shape[0]))
            self.pooled_plot.setRange(xRange=(0, pooled.shape[1]), yRange=(0, pooled.shape[0]))
        else:
            self.pooled_image.clear()

    # -- colours (drawing only: every number shown comes from the state) ----------------
    def _background(self) -> np.ndarray:
        return np.full(3, 0.12) if is_dark(self) else np.ones(3)

    def _text_colour(self) -> str:
        return "#f0f0f0" if is_dark(self) else "#202020"

    def _grey(self, image: np.ndarray) -> np.ndarray:
        ink = np.clip(image, 0.0, 1.0)[..., None]
        rgb = self._background() * (1 - ink) + (1 - self._background()) * ink
        return self._to_bytes(rgb, np.ones(image.shape))

    def _diverging(self, values: np.ndarray, limit: float) -> np.ndarray:
        """Orange for positive, blue for negative, the background for 0; NaN transparent."""
        known = np.isfinite(values)
        scaled = np.clip(np.where(known, values, 0.0) / limit, -1.0, 1.0)[..., None]
        towards = np.where(scaled >= 0, _rgb(POSITIVE), _rgb(NEGATIVE))
        rgb = self._background() * (1 - np.abs(scaled)) + towards * np.abs(scaled)
        return self._to_bytes(rgb, known.astype(np.float64))

    @staticmethod
    def _to_bytes(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
        rgba = np.concatenate([rgb, alpha[..., None]], axis=2)
        return (rgba * 255).round().astype(np.uint8)

    # -- drawing -------------------------------------------------------------------------
    def _on_input_clicked(self, event: Any) -> None:
        state = self.state
        if state is None or state.image_name != "hand-drawn":
            return
        point: QPointF = self.input_plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        row = int(np.floor(point.y())) - state.padding
        col = int(np.floor(point.x())) - state.padding
        self._drawing = ConvolutionState.toggle_pixel(state.image, row, col)
        self.restart()
