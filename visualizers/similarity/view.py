"""The cosine-similarity view: two vectors and their angle, cos θ over a full turn, and a ranked catalogue.

Draws what `SimilarityState` computes; dragging a's tip (mouse, or arrow keys on the
focused plot) asks the state for the new parameters and restarts.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from visualizers.core.base import VisualizerView
from visualizers.core.frames import Stepper
from visualizers.core.keyboard import ArrowKeys
from visualizers.core.palette import BLUE, GREY, ORANGE, VERMILLION
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import themed_plot
from visualizers.core.registry import VisualizerSpec
from visualizers.similarity.algorithm import SimilarityFrame
from visualizers.similarity.state import SimilarityState

A_COLOUR, B_COLOUR, TOP_COLOUR = BLUE, ORANGE, VERMILLION


class SimilarityView(VisualizerView[SimilarityState, SimilarityFrame]):
    def create_state(self, spec: VisualizerSpec) -> SimilarityState:
        return SimilarityState()

    def build_plots(self) -> QWidget:
        box = QWidget(self)
        self.vectors_plot = themed_plot(box, "a and b", "x₁", "x₂")
        self.vectors_plot.setAspectLocked(True)
        self.vectors_plot.setAccessibleName("Vectors a and b with the angle between them")
        self.vectors_plot.setAccessibleDescription(
            "Drag a's tip; or, with the plot focused, left and right turn a, up and down "
            "change its length"
        )
        self._keys = ArrowKeys(self.vectors_plot)
        self._keys.nudged.connect(self._on_a_nudged)
        self.curve_plot = themed_plot(box, "cos θ as b turns", "direction of b (°)", "cos θ")
        self.curve_plot.setAccessibleName("Cosine of the angle as b turns")
        self.catalogue_plot = themed_plot(box, "Videos ranked for b", "x₁", "x₂")
        self.catalogue_plot.setAspectLocked(True)
        self.catalogue_plot.setAccessibleName("Video embeddings, top videos for b highlighted")

        circle = np.linspace(0, 2 * np.pi, 181)
        self.unit_circle = self.vectors_plot.plot(
            np.cos(circle), np.sin(circle), pen=pg.mkPen(GREY, style=Qt.PenStyle.DashLine)
        )
        self.a_line = self.vectors_plot.plot(pen=pg.mkPen(A_COLOUR, width=3))
        self.b_line = self.vectors_plot.plot(pen=pg.mkPen(B_COLOUR, width=3))
        self.arc = self.vectors_plot.plot(pen=pg.mkPen(GREY, width=2))
        self.a_handle = pg.TargetItem(
            movable=True, size=14, pen=pg.mkPen(A_COLOUR), brush=pg.mkBrush(A_COLOUR)
        )
        self.a_handle.setToolTip("Drag to change a")
        self.vectors_plot.addItem(self.a_handle)
        self.a_handle.sigPositionChangeFinished.connect(self._on_a_dragged)
        self.b_tip = self.vectors_plot.plot(
            symbol="o", symbolSize=10, symbolBrush=B_COLOUR, pen=None
        )
        self.a_label = pg.TextItem("a", color=A_COLOUR, anchor=(0.5, 1.2))
        self.b_label = pg.TextItem("b", color=B_COLOUR, anchor=(0.5, 1.2))
        self.vectors_plot.addItem(self.a_label)
        self.vectors_plot.addItem(self.b_label)

        self.curve = self.curve_plot.plot(pen=pg.mkPen(A_COLOUR, width=2))
        self.curve_point = self.curve_plot.plot(
            symbol="o", symbolSize=11, symbolBrush=B_COLOUR, pen=None
        )
        self.curve_plot.setXRange(0, 360)
        self.curve_plot.setYRange(-1.05, 1.05)
        self.curve_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(GREY)))

        self.items = self.catalogue_plot.plot(
            pen=None, symbol="o", symbolSize=6, symbolBrush=(130, 130, 130, 170)
        )
        # Top videos: larger diamonds as well as another colour (not colour alone).
        self.top_items = self.catalogue_plot.plot(
            pen=None, symbol="d", symbolSize=13, symbolBrush=TOP_COLOUR, symbolPen=pg.mkPen("w")
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

    def summary(self, frame: SimilarityFrame) -> str:
        return self.state.summary(frame)

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[SimilarityFrame]:
        return self.state.stepper(params, seed)

    def run_started(self, stepper: Stepper[SimilarityFrame], first: SimilarityFrame) -> None:
        state = self.state
        a = first.a
        self.a_line.setData([0, a[0]], [0, a[1]])
        self.a_handle.blockSignals(True)
        self.a_handle.setPos(float(a[0]), float(a[1]))
        self.a_handle.blockSignals(False)
        self.a_label.setPos(float(a[0]), float(a[1]))
        span = state.vector_span()
        self.vectors_plot.setRange(xRange=(-span, span), yRange=(-span, span), padding=0)
        self.curve.setData(*state.cosine_curve())
        catalogue = state.catalogue(int(self.params["catalogue"]), self.seed)
        self.items.setData(catalogue[:, 0], catalogue[:, 1])
        reach = state.catalogue_reach()
        self.catalogue_plot.setRange(xRange=(-reach, reach), yRange=(-reach, reach))

    def show_frame(self, frame: SimilarityFrame) -> None:
        b = frame.b
        self.b_line.setData([0, b[0]], [0, b[1]])
        self.b_tip.setData([b[0]], [b[1]])
        self.b_label.setPos(float(b[0]), float(b[1]))
        self.arc.setData(*self.state.angle_arc(frame))
        self.curve_point.setData([frame.angle_deg], [frame.cosine])
        top = self.state.top_items(frame)
        self.top_items.setData(top[:, 0], top[:, 1])
        end = self.state.query_ray(frame)
        self.query_ray.setData([0, end[0]], [0, end[1]])

    def _on_a_nudged(self, dx: int, dy: int, big: bool) -> None:
        self.player.pause()
        self.set_params(**self.state.nudged_a(self.params, dx, dy, big))

    def _on_a_dragged(self) -> None:
        pos = self.a_handle.pos()
        try:
            values = self.state.a_from_point(float(pos.x()), float(pos.y()))
        except ValueError as exc:
            self.show_message(str(exc))
            return
        self.set_params(**values)
