"""The neural-network playground view: decision surface, neuron maps, loss curves, backprop numbers.

Draws what `PlaygroundState` computes; it holds no numbers of its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.explanation import replace_html
from visualizers.core.frames import Stepper
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import SERIES_COLORS, is_dark, themed_plot, title_size
from visualizers.neural_network.state import EXTENT, NetworkFrame, PlaygroundState

CLASS_COLOURS = (SERIES_COLORS[0], SERIES_COLORS[1], SERIES_COLORS[2])
CLASS_SYMBOLS = ("o", "t", "s")  # shape as well as colour tells the classes apart
MAX_MAP_NEURONS = 6  # neuron maps shown per layer


class PlaygroundView(VisualizerView):
    history_limit = 2001

    def build_plots(self) -> QWidget:
        self.state: PlaygroundState | None = None
        box = QWidget(self)
        self.surface_plot = themed_plot(box, "Decision surface", "x₁", "x₂")
        self.surface_plot.setAspectLocked(True)
        self.surface_plot.setAccessibleName("Decision surface with training and validation points")
        self.surface_image = pg.ImageItem()
        self.surface_plot.addItem(self.surface_image)
        self.train_points: list[pg.PlotDataItem] = []
        self.val_points: list[pg.PlotDataItem] = []
        for colour, symbol in zip(CLASS_COLOURS, CLASS_SYMBOLS, strict=True):
            self.train_points.append(
                self.surface_plot.plot(
                    pen=None,
                    symbol=symbol,
                    symbolSize=7,
                    symbolBrush=colour,
                    symbolPen=pg.mkPen("k", width=0.8),
                )
            )
            self.val_points.append(
                self.surface_plot.plot(
                    pen=None,
                    symbol=symbol,
                    symbolSize=8,
                    symbolBrush=None,
                    symbolPen=pg.mkPen(colour, width=2),
                )
            )
        self.surface_plot.setRange(xRange=(-EXTENT, EXTENT), yRange=(-EXTENT, EXTENT), padding=0)

        self.loss_plot = themed_plot(box, "Loss per epoch", "epoch", "cross-entropy")
        self.loss_plot.setAccessibleName("Train and validation loss per epoch")
        self.loss_plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.loss_plot.addLegend(offset=(-10, 10))
        self.train_curve = self.loss_plot.plot(
            pen=pg.mkPen(SERIES_COLORS[1], width=2), name="train"
        )
        self.val_curve = self.loss_plot.plot(
            pen=pg.mkPen(SERIES_COLORS[4], width=2, style=Qt.PenStyle.DashLine), name="validation"
        )
        self.best_line = pg.InfiniteLine(angle=90, pen=pg.mkPen((128, 128, 128), width=1))
        self.loss_plot.addItem(self.best_line)

        self.maps = pg.GraphicsLayoutWidget(box)
        self.maps.setAccessibleName("Activation map of each hidden neuron")
        self.maps.setToolTip(
            "Each small square is one hidden neuron's output over the plane: "
            "the first layer draws lines, deeper layers combine them."
        )
        self.maps.setMinimumSize(240, 160)
        self.map_images: list[list[pg.ImageItem]] = []
        self._apply_map_background()

        self.backprop = QTextEdit(box)
        self.backprop.setReadOnly(True)
        self.backprop.setAccessibleName("Backpropagation numbers for one example")
        self.backprop.setMinimumHeight(120)

        right = QGridLayout()
        right.addWidget(self.loss_plot, 0, 0)
        right.addWidget(self.maps, 1, 0)
        right.setRowStretch(0, 1)
        right.setRowStretch(1, 1)
        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.surface_plot, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.addWidget(self.backprop, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 1)
        return box

    def build_extra_controls(self) -> QWidget | None:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 4, 4, 4)
        label = QLabel("Backprop example", box)
        self.example_spin = QSpinBox(box)
        self.example_spin.setRange(0, 0)
        self.example_spin.setAccessibleName("Backprop example index")
        self.example_spin.setToolTip("Which training example the backprop panel follows")
        label.setBuddy(self.example_spin)
        self.example_spin.valueChanged.connect(lambda _v: self._show_backprop())
        column.addWidget(label)
        column.addWidget(self.example_spin)
        # The numbers are rebuilt only when someone can read them: paused or stepping.
        self.player.playback_toggled.connect(
            lambda playing: None if playing else self._show_backprop()
        )
        return box

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        self.state = PlaygroundState(params, seed)
        return self.state.stepper()

    def run_started(self, stepper: Any, first: Any) -> None:
        state = self.state
        if state is None:
            return
        for c in range(len(CLASS_COLOURS)):
            train = state.X_train[state.y_train == c]
            val = state.X_val[state.y_val == c]
            self.train_points[c].setData(train[:, 0], train[:, 1])
            self.val_points[c].setData(val[:, 0], val[:, 1])
        self.loss_plot.setXRange(0, state.epochs, padding=0.02)
        self.example_spin.setRange(0, max(0, len(state.y_train) - 1))
        self._build_maps([min(n, MAX_MAP_NEURONS) for n in state.sizes[1:-1]])

    def _apply_map_background(self) -> None:
        self.maps.setBackground(self.palette().color(self.backgroundRole()))

    def _build_maps(self, widths: list[int]) -> None:
        if [len(row) for row in self.map_images] == widths:
            return
        self.maps.clear()
        self.map_images = []
        for layer, width in enumerate(widths):
            images = []
            self.maps.addLabel(f"layer {layer + 1}", row=0, col=layer, size=title_size(0.9))
            for neuron in range(width):
                # No menu (noise in a teaching view): not built only to be discarded.
                box = self.maps.addViewBox(
                    row=neuron + 1, col=layer, lockAspect=True, enableMenu=False
                )
                box.setMouseEnabled(False, False)
                image = pg.ImageItem()
                box.addItem(image)
                images.append(image)
            self.map_images.append(images)

    def show_frame(self, frame: Any) -> None:
        if not isinstance(frame, NetworkFrame) or self.state is None:
            return
        self.surface_image.setImage(self._surface_rgba(frame.surface), autoLevels=False)
        # setRect maps the image's pixels onto the plane; it needs the image's size first.
        self.surface_image.setRect(QRectF(-EXTENT, -EXTENT, 2 * EXTENT, 2 * EXTENT))
        losses = frame.loss_history
        epochs = np.arange(len(losses))
        self.train_curve.setData(epochs, losses[:, 0])
        self.val_curve.setData(epochs, losses[:, 1])
        self.best_line.setPos(frame.best_epoch)
        for layer, images in enumerate(self.map_images):
            if layer >= len(frame.neuron_maps):
                break
            maps = frame.neuron_maps[layer]
            for neuron, image in enumerate(images):
                image.setImage(maps[:, :, neuron].T, levels=self._map_levels())
        if not self.player.playing:
            self._show_backprop()

    def _map_levels(self) -> tuple[float, float]:
        activation = self.state.activation if self.state is not None else "tanh"
        return (-1.0, 1.0) if activation == "tanh" else (0.0, 1.0)

    def _surface_rgba(self, surface: np.ndarray) -> np.ndarray:
        """Blend the class colours by probability, fading to the background where unsure."""
        colours = np.array(
            [
                (QColor(c).redF(), QColor(c).greenF(), QColor(c).blueF())
                for c in CLASS_COLOURS[: surface.shape[2]]
            ]
        )
        mixed = surface @ colours  # (G, G, 3)
        confidence = (
            (surface.max(axis=2) - 1.0 / surface.shape[2])
            * surface.shape[2]
            / (surface.shape[2] - 1)
        )
        back = 0.12 if is_dark(self) else 1.0
        alpha = 0.15 + 0.55 * confidence[..., None]
        rgb = back * (1 - alpha) + mixed * alpha
        rgba = np.concatenate([rgb, np.ones((*rgb.shape[:2], 1))], axis=2)
        return (rgba.transpose(1, 0, 2) * 255).astype(np.uint8)

    def _show_backprop(self) -> None:
        frame = self.current_frame
        if self.state is None or not isinstance(frame, NetworkFrame):
            return
        replace_html(self.backprop, self.state.backprop_html(frame, self.example_spin.value()))
