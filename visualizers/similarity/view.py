"""The cosine-similarity view: two vectors and their angle, cos θ over a full turn, and a ranked catalogue."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from visualizers.core.base import VisualizerView
from visualizers.core.frames import Stepper
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import SERIES_COLORS, themed_plot
from visualizers.similarity.algorithm import SimilarityFrame, SimilaritySweep, make_catalogue

A_COLOUR, B_COLOUR, TOP_COLOUR = SERIES_COLORS[1], SERIES_COLORS[0], SERIES_COLORS[4]


class SimilarityView(VisualizerView):
    def build_plots(self) -> QWidget:
        box = QWidget(self)
        self.vectors_plot = themed_plot(box, "a and b", "x₁", "x₂")
        self.vectors_plot.setAspectLocked(True)
        self.curve_plot = themed_plot(box, "cos θ as b turns", "direction of b (°)", "cos θ")
        self.catalogue_plot = themed_plot(box, "Videos ranked for b", "x₁", "x₂")
        self.catalogue_plot.setAspectLocked(True)

        circle = np.linspace(0, 2 * np.pi, 181)
        self.unit_circle = self.vectors_plot.plot(
            np.cos(circle),
            np.sin(circle),
            pen=pg.mkPen((128, 128, 128), style=Qt.PenStyle.DashLine),
        )
        self.a_line = self.vectors_plot.plot(pen=pg.mkPen(A_COLOUR, width=3))
        self.b_line = self.vectors_plot.plot(pen=pg.mkPen(B_COLOUR, width=3))
        self.arc = self.vectors_plot.plot(pen=pg.mkPen((150, 150, 150), width=2))
        self.a_handle = pg.TargetItem(
            movable=True, size=14, pen=pg.mkPen(A_COLOUR), brush=pg.mkBrush(A_COLOUR)
        )
        self.a_handle.setToolTip("Drag to change a")
        self.vectors_plot.addItem(self.a_handle)
        self.a_handle.sigPositionChangeFinished.connect(self._on_a_dragged)
        self.b_tip = self.vectors_plot.plot(
            symbol="o", symbolSize=10, symbolBrush=B_COLOUR, pen=None
        )
        for name, colour in (("a", A_COLOUR), ("b", B_COLOUR)):
            label = pg.TextItem(name, color=colour, anchor=(0.5, 1.2))
            self.vectors_plot.addItem(label)
            setattr(self, f"{name}_label", label)

        self.curve = self.curve_plot.plot(pen=pg.mkPen(A_COLOUR, width=2))
        self.curve_point = self.curve_plot.plot(
            symbol="o", symbolSize=11, symbolBrush=B_COLOUR, pen=None
        )
        self.curve_plot.setXRange(0, 360)
        self.curve_plot.setYRange(-1.05, 1.05)
        self.curve_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen((128, 128, 128))))

        self.items = self.catalogue_plot.plot(
            pen=None, symbol="o", symbolSize=6, symbolBrush=(130, 130, 130, 170)
        )
        self.top_items = self.catalogue_plot.plot(
            pen=None, symbol="o", symbolSize=11, symbolBrush=TOP_COLOUR, symbolPen=pg.mkPen("w")
        )
        self.query_ray = self.catalogue_plot.plot(
            pen=pg.mkPen(B_COLOUR, width=2, style=Qt.PenStyle.DashLine)
        )

        right = QVBoxLayout()
        right.addWidget(self.curve_plot, 2)
        right.addWidget(self.catalogue_plot, 3)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.vectors_plot, 1)
        layout.addLayout(right, 1)
        return box

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[Any]:
        angle = np.radians(float(params["a_angle"]))
        a = float(params["a_length"]) * np.array([np.cos(angle), np.sin(angle)])
        return SimilaritySweep(
            a=a,
            b_length=float(params["b_length"]),
            step_deg=float(params["step_deg"]),
            catalogue=make_catalogue(int(params["catalogue"]), seed),
            top_k=int(params["top_k"]),
            metric=str(params["metric"]),
        )

    def run_started(self, stepper: Any, first: Any) -> None:
        assert isinstance(stepper, SimilaritySweep)
        a = stepper.a
        self.a_line.setData([0, a[0]], [0, a[1]])
        self.a_handle.blockSignals(True)
        self.a_handle.setPos(float(a[0]), float(a[1]))
        self.a_handle.blockSignals(False)
        self.a_label.setPos(float(a[0]), float(a[1]))  # type: ignore[attr-defined]
        span = 1.25 * max(float(np.linalg.norm(a)), stepper.b_length, 1.0)
        self.vectors_plot.setRange(xRange=(-span, span), yRange=(-span, span), padding=0)
        degrees = np.arange(0, 361, 2.0)
        a_dir = np.degrees(np.arctan2(a[1], a[0]))
        self.curve.setData(degrees, np.cos(np.radians(degrees - a_dir)))
        self.items.setData(stepper.catalogue[:, 0], stepper.catalogue[:, 1])
        reach = max(2.0, float(np.abs(stepper.catalogue).max()) * 1.05)
        self.catalogue_plot.setRange(xRange=(-reach, reach), yRange=(-reach, reach))
        self._catalogue = stepper.catalogue
        self._reach = reach

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, SimilarityFrame)
        a, b = frame.a, frame.b
        self.b_line.setData([0, b[0]], [0, b[1]])
        self.b_tip.setData([b[0]], [b[1]])
        self.b_label.setPos(float(b[0]), float(b[1]))  # type: ignore[attr-defined]
        start = np.arctan2(a[1], a[0])
        sweep = np.arctan2(a[0] * b[1] - a[1] * b[0], a @ b)  # signed angle from a to b
        t = np.linspace(start, start + sweep, 40)
        radius = 0.35 * min(np.linalg.norm(a), np.linalg.norm(b))
        self.arc.setData(radius * np.cos(t), radius * np.sin(t))
        self.curve_point.setData([frame.angle_deg], [frame.cosine])
        top = self._catalogue[frame.top]
        self.top_items.setData(top[:, 0], top[:, 1])
        direction = b / np.linalg.norm(b) * self._reach
        self.query_ray.setData([0, direction[0]], [0, direction[1]])

    def _on_a_dragged(self) -> None:
        pos = self.a_handle.pos()
        x, y = float(pos.x()), float(pos.y())
        length = float(np.hypot(x, y))
        if length < 1e-9:
            self.show_message("a can't be the zero vector: its angle to anything is undefined.")
            return
        self.set_params(a_angle=float(np.degrees(np.arctan2(y, x)) % 360.0), a_length=length)
